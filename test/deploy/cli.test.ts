/**
 * The deploy commands as a user runs them: `stepwright` in this repository (the example project),
 * a separate process reaching moto through AWS_ENDPOINT_URL, as a fresh clone would with moto
 * running. moto here is a private server: the examples' account must start empty.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describeWithMoto, startMoto, type MotoServer } from '../support/moto.js';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js';
import { plan } from '../../src/deploy/index.js';
import type { Project } from '../../src/project/index.js';
import { awsVia, firstDeploy, load, ops, ownedBy, REGION, ROOT } from './fixtures.js';

jest.setTimeout(180_000);

const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `stepwright ARGS` in the repository, stdin not a terminal (closed at once), CI unset unless given. */
function stepwright(args: string[], env: Record<string, string | undefined>, started?: (child: ChildProcess) => void): Promise<Run> {
  const t = Date.now();
  const { CI: _ci, AWS_PROFILE: _p, AWS_REGION: _r, AWS_DEFAULT_REGION: _d, ...base } = process.env;
  const child = spawn(process.execPath, [TSX, '--tsconfig', join(ROOT, 'tsconfig.json'), MAIN, ...args], {
    cwd: ROOT,
    env: { ...base, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin!.end();
  started?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr, ms: Date.now() - t })));
}

/** Python's pty: runs the command on a pseudo-terminal and types `answer` when the question appears. */
const ON_A_TERMINAL = `
import os, pty, select, sys
answer = sys.argv[1]
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
out, sent = b'', False
while True:
    ready, _, _ = select.select([fd], [], [], 120)
    if not ready:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if not sent and b'to go ahead' in out:
        os.write(fd, (answer + '\\n').encode())
        sent = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;

function onATerminal(args: string[], answer: string, env: Record<string, string>): Promise<Run> {
  const t = Date.now();
  const { CI: _ci, ...base } = process.env;
  const child = spawn('python3', ['-c', ON_A_TERMINAL, answer, process.execPath, TSX, '--tsconfig', join(ROOT, 'tsconfig.json'), MAIN, ...args], {
    cwd: ROOT,
    env: { ...base, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout: stdout.replace(/\r\n/g, '\n').replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''), stderr: '', ms: Date.now() - t })));
}

describeWithMoto('stepwright plan, deploy, backfill, rollback and destroy on the example project', () => {
  let moto: MotoServer;
  let proxy: AwsProxy;
  let env: Record<string, string>;
  let examples: Project;
  /** How many changes a first deploy of the examples makes (deploy.test.ts checks each). */
  let changes: number;
  /** What a plan (or a destroy's plan) would still change, checked in this process. */
  const left = async (destroy = false) => {
    const p = await plan(examples, { aws: awsVia(proxy), destroy });
    p.close();
    return p.changes.length;
  };

  beforeAll(async () => {
    examples = await load(ROOT);
    changes = firstDeploy(examples).length;
    moto = await startMoto();
    proxy = await startAwsProxy(moto.endpoint, { account: '123456789012' });
    env = { AWS_ENDPOINT_URL: proxy.endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
  });
  afterAll(async () => {
    await proxy?.close();
    await moto?.stop();
  });

  test('deploy never asks, and writes nothing, when CI is set or stdin is not a terminal and --yes is not given', async () => {
    for (const [extra, why] of [[{ CI: 'true' }, 'CI is set'], [{}, 'stdin is not a terminal']] as const) {
      proxy.reset();
      const r = await stepwright(['deploy'], { ...env, ...extra });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('  + role            fraud-platform-ingest');
      expect(r.stderr).toContain(`deploy needs --yes here: ${why}, so there is nobody to ask`);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(proxy.writes()).toEqual([]);
    }
  });

  test('on a terminal deploy asks first, and an answer other than yes changes nothing', async () => {
    proxy.reset();
    const r = await onATerminal(['deploy'], 'no', env);
    expect(r.stdout).toContain(`Deploy these ${changes} changes to account 123456789012 (eu-west-1)? Type "yes" to go ahead: no`);
    expect(r.stdout).toContain('Cancelled: nothing was changed.');
    expect(r.status).toBe(1);
    expect(proxy.writes()).toEqual([]);
  });

  test('deploy --yes creates everything from the examples, printing each resource and a summary', async () => {
    proxy.reset();
    const r = await stepwright(['deploy', '--yes'], { ...env, CI: 'true' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Project fraud-platform in account 123456789012 (eu-west-1), as arn:aws:sts::123456789012:user/moto');
    expect(r.stdout).toContain(`Plan: ${changes} to create, 0 to update, 0 to delete.`);
    expect(r.stdout).toMatch(/ {2}\+ created state machine ingest \(\d+ ms\)\n {2}\+ created version ingest:1 \(\d+ ms\)/);
    expect(r.stdout).toMatch(/ {2}\+ created alias ingest:live → version 1 \(\d+ ms\)/);
    expect(r.stdout).toMatch(new RegExp(`Deployed: ${changes} created, 0 updated, 0 deleted in \\d+\\.\\d s\\.$`, 'm'));
    expect(proxy.writes().length).toBeGreaterThanOrEqual(changes);
    process.stdout.write(`deploy --yes of the examples: ${proxy.calls.length} AWS calls (${proxy.writes().length} writes) in ${r.ms} ms, process included\n`);
  });

  test('then plan --json shows no change, and a second deploy makes no write call', async () => {
    const p = await stepwright(['plan', '--json'], env);
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout)).toEqual({ changes: [] });
    proxy.reset();
    const d = await stepwright(['deploy', '--yes'], env);
    expect(d.status).toBe(0);
    expect(d.stdout).toContain('No changes: the account matches the project.');
    expect(proxy.writes()).toEqual([]);
    process.stdout.write(`no-change deploy: ${proxy.calls.length} AWS calls, ${proxy.writes().length} writes, ${d.ms} ms\n`);
  });

  test('backfill of a week starts seven executions named by their slot, and a rerun starts none', async () => {
    const first = await stepwright(['backfill', 'ingest', '--from', '2026-11-01', '--to', '2026-11-07'], env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('ingest on schedule nightly-ingest (Europe/Berlin): 7 slots from 2026-11-01 to 2026-11-07');
    expect(first.stdout).toContain('7 started, 0 already started (skipped).');
    const sfn = new SFNClient({ region: REGION, endpoint: proxy.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const names = (await sfn.send(new ListExecutionsCommand({ stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:ingest' }))).executions!.map((e) => e.name).sort();
    // 02:00 in Berlin is 01:00 UTC in November: the names the slot starter gives the schedule's own runs.
    expect(names).toEqual(['01', '02', '03', '04', '05', '06', '07'].map((d) => `nightly-ingest-202611${d}T010000Z`));
    const again = await stepwright(['backfill', 'ingest', '--from', '2026-11-01', '--to', '2026-11-07', '--concurrency', '3'], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 started, 7 already started (skipped).');
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:ingest' }))).executions).toHaveLength(7);
    sfn.destroy();
  });

  test('a user error prints the problem and what to do, exits 1, and shows no stack trace', async () => {
    const r = await stepwright(['rollback', 'ingest'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('workflow "ingest": version 1 is the first version of "ingest": there is nothing to roll back to\n    fix: deploy a fixed version instead\n\n1 problem.\n');
    const unreachable = await stepwright(['plan'], { ...env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '2' });
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(/^stepwright\.config\.json › field account: GetCallerIdentity failed: ECONNREFUSED: .*\n {4}fix: the AWS endpoint could not be reached: check the network, and AWS_ENDPOINT_URL\* if you set one/);
    expect(unreachable.stderr).not.toMatch(STACK_LINE);
  });

  test('a deploy or destroy killed after some writes, then run again, converges', async () => {
    // Destroy, killed after its 6th write.
    proxy.reset();
    let child: ChildProcess | undefined;
    proxy.beforeWrite = (_call, forwarded) => {
      if (forwarded < 6) return true;
      child?.kill('SIGKILL');
      return false;
    };
    const killed = await stepwright(['destroy', '--yes'], env, (c) => (child = c));
    expect(killed.signal).toBe('SIGKILL');
    expect(proxy.writes()).toHaveLength(6);
    delete proxy.beforeWrite;
    expect(await left(true)).toBeGreaterThan(0); // stopped mid-way
    const rerun = await stepwright(['destroy', '--yes'], env);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toMatch(/Destroyed: 0 created, 0 updated, \d+ deleted/);
    expect(await left(true)).toBe(0);

    // Deploy, killed once every role is made (CreateRole, PutRolePolicy) and 3 state machines of the rest.
    const { roles, machines } = ownedBy(examples);
    expect(machines.length).toBeGreaterThan(3);
    proxy.reset();
    proxy.beforeWrite = (_call, forwarded) => {
      if (forwarded < 2 * roles.length + 3) return true;
      child?.kill('SIGKILL');
      return false;
    };
    const half = await stepwright(['deploy', '--yes'], env, (c) => (child = c));
    expect(half.signal).toBe('SIGKILL');
    expect(ops(proxy.writes()).sort()).toEqual([...Array(roles.length).fill('iam:CreateRole'), ...Array(roles.length).fill('iam:PutRolePolicy'), ...Array(3).fill('states:CreateStateMachine')]);
    delete proxy.beforeWrite;
    expect(await left()).toBeGreaterThan(0); // stopped mid-way
    const finish = await stepwright(['deploy', '--yes'], env);
    expect(finish.status).toBe(0);
    expect(await left()).toBe(0);

    // On a terminal, destroy asks; "yes" goes ahead.
    const end = await onATerminal(['destroy'], 'yes', env);
    expect(end.stdout).toMatch(/Delete these \d+ resources from account 123456789012 \(eu-west-1\)\? Type "yes" to go ahead: yes/);
    expect(end.stdout).toMatch(/Destroyed: 0 created, 0 updated, \d+ deleted/);
    expect(end.status).toBe(0);
    expect(await left()).toBe(changes);
  });
});
