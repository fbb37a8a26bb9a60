/** `stepwright test [files...]`: runs scenario files on the embedded executor, with coverage. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isStepwrightError, StepwrightError, type Problem } from '../../model/errors.js';
import { coverage, coverageTable, uncovered, type CoverageReport } from '../../testing/coverage.js';
import { isScenarioFile, loadScenarioFile, type ScenarioFile } from '../../testing/scenarios.js';
import { describeFailure, outcomeTable, runScenarioFiles } from '../../testing/suite.js';
import type { MockConfigFile } from '../../engine/index.js';
import { fromMockConfig, toMockConfig } from '../../testing/mock-config.js';
import { readJsonFile } from '../json-input.js';
import { findWorkflowFiles, loadWorkflows } from '../../project/load.js';
import { writeFilesAtomically } from '../output.js';
import type { Io } from '../io.js';
import type { Workflow } from '../../dsl/workflow.js';
import { endpointOutcomeTable, runScenarioFilesOnEndpoint, type EndpointOutcome } from '../../testing/endpoint.js';

export const usage = `stepwright test [scenario files...] [options]

Runs every workflows/*.scenarios.yaml (or the files given) against its workflow on the embedded
executor (no AWS, no Docker, virtual time), prints each scenario's outcome and the coverage of
states and transitions (Next, Choice targets, Default, every Catch and Retry), and writes
out/coverage/coverage.json and the HTML report out/report/index.html.

  --min-coverage N   fail when state or transition coverage (all workflows) is below N percent
  --out DIR          where coverage/ and report/ go (default out)
  --no-report        do not write the HTML report
  --quiet            print only failures and the totals
  --json             print the outcomes and the coverage as JSON (the files are still written)
  --export-mock-config FILE   also write the scenarios as a Step Functions Local MockConfigFile.json
  --import-mock-config FILE   turn a MockConfigFile.json into workflows/<machine>.scenarios.yaml
                              (never overwrites one) and stop
  --endpoint URL     run the scenarios on a Step Functions endpoint instead (stepwright serve,
                     Step Functions Local, LocalStack): each workflow is created or updated there,
                     each scenario starts as <stateMachineArn>#<test case> (the endpoint must hold
                     the MockConfigFile --export-mock-config writes; stepwright serve loads the
                     project's scenarios itself), and is compared with the embedded executor
  --region R         the endpoint's region (default us-east-1)
  --timeout SECONDS  longest real time one execution may take on the endpoint (default 600)

Exits 1 when a scenario fails, coverage is below --min-coverage, or (with --endpoint) the endpoint
and the embedded executor disagree.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'min-coverage': { type: 'string' },
      out: { type: 'string', default: 'out' },
      'no-report': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'export-mock-config': { type: 'string' },
      'import-mock-config': { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  if (values['import-mock-config']) return importMockConfig(values['import-mock-config'], io);
  const minCoverage = values['min-coverage'] === undefined ? undefined : Number(values['min-coverage']);
  if (minCoverage !== undefined && !(minCoverage >= 0 && minCoverage <= 100)) {
    throw new StepwrightError({ field: '--min-coverage', message: `"${values['min-coverage']}" is not a percentage`, fix: 'give a number from 0 to 100, e.g. --min-coverage 90' });
  }
  const files = positionals.length > 0 ? positionals : findScenarioFiles('workflows');
  if (files.length === 0) {
    throw new StepwrightError({ file: 'workflows/', message: 'no scenario files found', fix: 'write workflows/<workflow>.scenarios.yaml (see docs/testing.md)' });
  }
  const scenarioFiles = loadAll(files);
  const loaded = await loadWorkflows(findWorkflowFiles('workflows'));
  const workflows = new Map(loaded.map((l) => [l.workflow.name, l.workflow]));

  if (values['export-mock-config']) {
    writeFilesAtomically([{ path: values['export-mock-config'], contents: `${JSON.stringify(toMockConfig(scenarioFiles), null, 2)}\n` }]);
    io.out(`wrote ${values['export-mock-config']} (Step Functions Local: start executions as <stateMachineArn>#<test case>)`);
  }
  coverage.clear();
  const onEndpoint = values.endpoint ? await runOnEndpoint(values.endpoint, values.region, values.timeout, scenarioFiles, workflows) : undefined;
  const outcomes = onEndpoint ?? (await runScenarioFiles(scenarioFiles, workflows));
  const tested = new Set(scenarioFiles.map((f) => f.workflow));
  const report = coverage.report(tested);

  const failed = outcomes.filter((o) => !o.passed);
  const differing = (onEndpoint ?? []).filter((o) => o.differences.length > 0);
  if (values.json) {
    const written = await writeOutputs(report, values.out!, !values['no-report'], outcomes);
    const belowMinimum = minCoverage !== undefined && (report.total.states.percent < minCoverage || report.total.transitions.percent < minCoverage);
    const passed = failed.length === 0 && differing.length === 0 && !belowMinimum;
    io.out(JSON.stringify({ passed, scenarios: outcomes.map(outcomeJson), ...(onEndpoint ? { endpoint: values.endpoint, differences: differing.map((o) => ({ workflow: o.workflow, scenario: o.scenario.name, differences: o.differences })) } : {}), coverage: coverageJson(report), written }, null, 2));
    return passed ? 0 : 1;
  }
  if (!values.quiet) io.out(onEndpoint ? endpointOutcomeTable(onEndpoint) : outcomeTable(outcomes));
  for (const o of failed) io.err(`\n${describeFailure(o)}`);
  for (const o of differing) io.err(`\n≠ ${o.workflow} › ${o.scenario.name}: the endpoint and the embedded executor differ\n${o.differences.map((d) => `  ${d}`).join('\n')}`);
  const where = onEndpoint ? ` on ${values.endpoint}` : '';
  const agree = onEndpoint ? `; the embedded executor agrees on ${onEndpoint.length - differing.length} of ${onEndpoint.length}` : '';
  io.out(`\n${outcomes.length - failed.length} of ${outcomes.length} scenarios passed${where}${agree}.\n\n${coverageTable(report)}`);
  const gaps = uncovered(report);
  if (gaps.length > 0 && !values.quiet) io.out(`\nnot covered:\n${gaps.map((g) => `  ${g}`).join('\n')}`);

  const written = await writeOutputs(report, values.out!, !values['no-report'], outcomes);
  if (!values.quiet) io.out(`\nwrote ${written.join(', ')}`);

  let code = failed.length > 0 || differing.length > 0 ? 1 : 0;
  if (minCoverage !== undefined) {
    const { states, transitions } = report.total;
    if (states.percent < minCoverage || transitions.percent < minCoverage) {
      io.err(`\ncoverage ${states.percent}% of states, ${transitions.percent}% of transitions is below --min-coverage ${minCoverage}%`);
      code = 1;
    }
  }
  return code;
}

async function runOnEndpoint(endpoint: string, region: string | undefined, timeout: string | undefined, files: ScenarioFile[], workflows: Map<string, Workflow>): Promise<EndpointOutcome[]> {
  if (!/^https?:\/\/[^/]+/.test(endpoint)) throw new StepwrightError({ field: '--endpoint', message: `"${endpoint}" is not a URL`, fix: 'give e.g. --endpoint http://localhost:8083' });
  const seconds = timeout === undefined ? 600 : Number(timeout);
  if (!(seconds > 0)) throw new StepwrightError({ field: '--timeout', message: `"${timeout}" is not a number of seconds`, fix: 'give e.g. --timeout 120' });
  return runScenarioFilesOnEndpoint(files, workflows, { endpoint, ...(region ? { region } : {}), timeoutMs: seconds * 1000 });
}

function importMockConfig(file: string, io: Io): number {
  const config = readJsonFile(file, 'mock config') as MockConfigFile;
  if (!config || typeof config !== 'object' || typeof config.StateMachines !== 'object') {
    throw new StepwrightError({ file, field: 'StateMachines', message: 'not a Step Functions Local MockConfigFile', fix: 'give a file with "StateMachines" and "MockedResponses"' });
  }
  const imported = fromMockConfig(config);
  // The machine names become file names: one that is not a plain name (`../x`, `a/b`) must not pick the folder.
  const unsafe = imported.filter(({ workflow }) => !/^[^/\\]+$/.test(workflow) || workflow === '.' || workflow === '..');
  if (unsafe.length > 0) {
    throw new StepwrightError(unsafe.map(({ workflow }) => ({ file, field: `StateMachines.${JSON.stringify(workflow)}`, message: `${JSON.stringify(workflow)} is not a state machine name that can be a file name`, fix: 'state machine names have no "/" or "\\" and are not "." or "..": rename it in the mock config' })));
  }
  const outputs = imported.map(({ workflow, yaml }) => ({ path: join('workflows', `${workflow}.scenarios.yaml`), contents: yaml }));
  const existing = outputs.filter((o) => existsSync(o.path));
  if (existing.length > 0) {
    throw new StepwrightError(existing.map((o) => ({ file: o.path, message: 'already exists; importing would overwrite it', fix: 'move it aside, or copy the scenarios you need by hand' })));
  }
  writeFilesAtomically(outputs, 'workflows');
  io.out(outputs.map((o) => `wrote ${o.path}`).join('\n'));
  return 0;
}

export function findScenarioFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter(isScenarioFile).sort().map((f) => join(dir, f));
}

function loadAll(files: string[]): ScenarioFile[] {
  const problems: Problem[] = [];
  const loaded: ScenarioFile[] = [];
  for (const file of files) {
    if (!existsSync(file)) {
      problems.push({ file, message: 'no such file', fix: 'give the path of a scenarios file, e.g. workflows/train.scenarios.yaml' });
      continue;
    }
    try {
      loaded.push(loadScenarioFile(file));
    } catch (error) {
      if (!isStepwrightError(error)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new StepwrightError(problems);
  return loaded;
}

async function writeOutputs(report: CoverageReport, out: string, withReport: boolean, outcomes: Awaited<ReturnType<typeof runScenarioFiles>>): Promise<string[]> {
  const files = [{ path: join(out, 'coverage', 'coverage.json'), contents: `${JSON.stringify(report, null, 2)}\n` }];
  if (withReport) {
    const { renderReport } = await import('../../testing/report.js');
    files.push({ path: join(out, 'report', 'index.html'), contents: await renderReport(report, outcomes) });
  }
  writeFilesAtomically(files, out);
  return files.map((f) => f.path);
}

type Outcome = Awaited<ReturnType<typeof runScenarioFiles>>[number];

function outcomeJson(o: Outcome) {
  return {
    workflow: o.workflow,
    scenario: o.scenario.name,
    passed: o.passed,
    status: o.run?.status ?? null,
    location: o.scenario.location,
    failures: o.failures.map((f) => f.message),
    ...(o.problem ? { problems: o.problem.problems } : {}),
  };
}

/** The coverage without the definitions and graph edges the report draws from. */
function coverageJson(report: CoverageReport) {
  const workflows = Object.fromEntries(
    Object.entries(report.workflows).map(([name, w]) => [name, { runs: w.runs, states: { covered: w.states.covered, total: w.states.total, percent: w.states.percent }, transitions: { covered: w.transitions.covered, total: w.transitions.total, percent: w.transitions.percent }, uncovered: uncovered({ workflows: { [name]: w }, total: report.total }) }]),
  );
  return { total: report.total, workflows };
}
