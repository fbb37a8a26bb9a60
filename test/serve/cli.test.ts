/**
 * `stepwright serve` as a user runs it: a child process in the project, `stepwright test
 * --endpoint` against it, and a prompt, clean exit (0) on SIGTERM and SIGINT even with an
 * execution running.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { REPO, stepwrightProcess as stepwright } from '../cli/run-cli.js';
import { ROLE, sfnClient } from './client.js';

const TSX = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [TSX, '--tsconfig', join(REPO, 'tsconfig.json'), join(REPO, 'src', 'cli', 'main.ts'), 'serve', '--port', '0', ...args], {
    cwd: REPO,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000);
    const check = () => {
      const m = /Step Functions API on (http:\/\/\S+)/.exec(out);
      if (m && out.includes('Ctrl-C stops it.')) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => reject(new Error(`serve exited:\n${out}`)));
  });
  children.push(child);
  return { child, url, output: () => out, exited };
}

// Whatever a failed assertion leaves running is stopped, so Jest never waits on a server.
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

test('serve in the project: the examples pass over it with stepwright test --endpoint; SIGTERM stops it with exit 0', async () => {
  const served = await serve(['--time-scale', '0']);
  try {
    expect(served.output()).toMatch(/state machines: cdc, ingest, pipeline, saas, stepwright-slot-starter, stream, train, transform from this project; 7 scenario files as test cases/);
    const r = stepwright(['test', '--endpoint', served.url, '--region', 'eu-west-1', '--no-report', '--out', mkdtempSync(join(tmpdir(), 'stepwright-serve-cli-'))]);
    expect(r.stderr).not.toMatch(/✗|≠/);
    expect(r.stdout).toMatch(/78 of 78 scenarios passed on http:\/\/127\.0\.0\.1:\d+; the embedded executor agrees on 78 of 78\./);
    expect(r.status).toBe(0);
  } finally {
    const t0 = Date.now();
    served.child.kill('SIGTERM');
    expect(await served.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(5000);
  }
  expect(served.output()).toContain('SIGTERM: stopping');
}, 180_000);

test('SIGINT with an execution waiting on a task token stops it and exits 0 promptly', async () => {
  const served = await serve(['--no-project']);
  const sfn = sfnClient(served.url);
  try {
    const definition = JSON.stringify({ StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', 'MessageBody.$': '$$.Task.Token' }, End: true } } });
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'waits', roleArn: ROLE, definition }));
    await sfn.send(new StartExecutionCommand({ stateMachineArn }));
  } finally {
    sfn.destroy();
  }
  const t0 = Date.now();
  served.child.kill('SIGINT');
  expect(await served.exited).toEqual({ code: 0, signal: null });
  expect(Date.now() - t0).toBeLessThan(5000);
  expect(served.output()).toContain('SIGINT: stopping 1 running execution');
}, 120_000);

test('a port in use is a user error, not a crash', async () => {
  const served = await serve(['--no-project']);
  try {
    const r = stepwright(['serve', '--no-project', '--port', new URL(served.url).port]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/field --port: port \d+ on 127\.0\.0\.1 is in use/);
  } finally {
    served.child.kill('SIGTERM');
    await served.exited;
  }
}, 120_000);
