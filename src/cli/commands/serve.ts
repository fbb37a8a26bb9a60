/** `stepwright serve`: the Step Functions API on localhost, over the embedded executor. */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StepwrightError } from '../../model/errors.js';
import { CONFIG_FILE } from '../../project/index.js';
import { projectStateMachines, startEndpoint, type EndpointOptions } from '../../serve/index.js';
import type { Io } from '../io.js';

export const usage = `stepwright serve [options]

Serves the Step Functions API (the AWS JSON 1.0 protocol every AWS SDK speaks) on localhost,
over the embedded executor: create state machines, start executions, read their history, answer
task tokens. Point any SDK or the AWS CLI at it (--endpoint-url http://localhost:8083).

  --port N             port (default 8083, as Step Functions Local; 0 picks a free one)
  --host ADDRESS       address to listen on (default 127.0.0.1)
  --mock-config FILE   a Step Functions Local MockConfigFile.json (default: $SFN_MOCK_CONFIG);
                       start executions as <stateMachineArn>#<TestCase> to use its mocks
  --project DIR        create the project's workflows at start, with its scenarios as test
                       cases (default: the working directory, when it holds ${CONFIG_FILE})
  --no-project         start with no state machines
  --time-scale N       real seconds per second of Wait, retry and timeout (default 1, as AWS;
                       0 never waits)
  --retain N           finished executions kept for Describe/GetExecutionHistory (default 1000)
  --max-running N      executions running at once (default 10000)
  --region R, --account A   for ARNs (default: the project's, else us-east-1 / 123456789012)

A Task state calls no AWS service: without a mock it fails with stepwright.UnmockedTask, except
a .waitForTaskToken task, which waits for SendTaskSuccess / SendTaskFailure. Ctrl-C (SIGINT) or
SIGTERM stops running executions and exits 0.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const started = performance.now();
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8083' },
      host: { type: 'string', default: '127.0.0.1' },
      'mock-config': { type: 'string' },
      project: { type: 'string' },
      'no-project': { type: 'boolean', default: false },
      'time-scale': { type: 'string', default: '1' },
      retain: { type: 'string', default: '1000' },
      'max-running': { type: 'string', default: '10000' },
      region: { type: 'string' },
      account: { type: 'string' },
    },
  });
  const port = count(values.port!, '--port', 0);
  const timeScale = Number(values['time-scale']);
  if (!(timeScale >= 0 && Number.isFinite(timeScale))) {
    throw new StepwrightError({ field: '--time-scale', message: `"${values['time-scale']}" is not a number of 0 or more`, fix: 'give 1 for real time, 0 for no waiting, or e.g. 0.01 for a hundred times faster' });
  }
  const mockConfig = values['mock-config'] ?? (process.env.SFN_MOCK_CONFIG || undefined);
  if (mockConfig && !existsSync(mockConfig)) {
    throw new StepwrightError({ file: mockConfig, field: values['mock-config'] ? '--mock-config' : 'SFN_MOCK_CONFIG', message: 'no such file', fix: 'give the path of a MockConfigFile.json (npx stepwright test --export-mock-config FILE writes one from the scenarios)' });
  }
  const root = values['no-project'] ? undefined : values.project ?? (existsSync(CONFIG_FILE) ? '.' : undefined);
  if (root !== undefined && !existsSync(join(root, CONFIG_FILE))) {
    throw new StepwrightError({ file: join(root, CONFIG_FILE), field: '--project', message: 'not a stepwright project (no config file)', fix: 'give the folder that holds stepwright.config.json, or --no-project' });
  }
  const project = root !== undefined ? await projectStateMachines(resolve(root)) : undefined;

  const options: EndpointOptions = {
    port,
    host: values.host!,
    timeScale,
    retain: count(values.retain!, '--retain', 0),
    maxRunning: count(values['max-running']!, '--max-running', 1),
    ...(mockConfig ? { mockConfig } : {}),
    ...(project ? { stateMachines: project.stateMachines, baseMockConfig: project.baseMockConfig, partition: project.partition } : {}),
  };
  const region = values.region ?? project?.region;
  const account = values.account ?? project?.account;
  if (region) options.region = region;
  if (account) options.account = account;

  let endpoint;
  try {
    endpoint = await startEndpoint(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StepwrightError({ field: '--port', message: `port ${port} on ${values.host} is in use`, fix: 'stop what listens there (Step Functions Local?), or give another --port' });
    }
    throw error;
  }
  const ms = Math.round(performance.now() - started);
  const names = project?.stateMachines.map((m) => m.name) ?? [];
  io.out(`Step Functions API on ${endpoint.url} (ready in ${ms} ms)`);
  if (project) io.out(`  state machines: ${names.join(', ') || '(none)'} from ${relative(process.cwd(), resolve(root!)) || 'this project'}; ${project.scenarioFiles} scenario file${project.scenarioFiles === 1 ? '' : 's'} as test cases`);
  if (mockConfig) io.out(`  mock config: ${mockConfig} (start executions as <stateMachineArn>#<TestCase>)`);
  io.out(`  time: ${timeScale === 0 ? 'no waiting (--time-scale 0)' : timeScale === 1 ? 'real time' : `${timeScale} real seconds per second`}; finished executions kept: ${options.retain}`);
  io.out('Ctrl-C stops it.');

  await new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      const running = endpoint.running();
      io.out(`${signal}: stopping${running > 0 ? ` ${running} running execution${running === 1 ? '' : 's'}` : ''}`);
      void endpoint.close().then(resolveStop);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  return 0;
}

function count(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new StepwrightError({ field: flag, message: `"${text}" is not a whole number of ${min} or more`, fix: `give e.g. ${flag} ${Math.max(min, 1) * 100}` });
  return n;
}
