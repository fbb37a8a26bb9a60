/**
 * The local endpoint under load (issue 13): how fast `stepwright serve` starts, and how many
 * executions per second it completes when several clients start them at once, with nothing lost;
 * the server's memory before and after. Step Functions Local (Docker and Java) cannot run on this
 * machine, so it is not measured here; the README puts these figures next to what AWS documents
 * of it.
 *
 *   npx tsx bench/serve.ts            # ~1 minute; writes bench/results-serve.md
 *   npx tsx bench/serve.ts --quick    # fewer runs and executions
 *
 * The server runs as a child process (`stepwright serve`, from the sources through tsx, as the
 * tests run it), the clients are @aws-sdk/client-sfn in this process, all on 127.0.0.1.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateStateMachineCommand, DescribeExecutionCommand, ListExecutionsCommand, ListStateMachinesCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const quick = process.argv.includes('--quick');
const STARTS = quick ? 2 : 5;
const CLIENTS = 4;
const PER_CLIENT = quick ? 60 : 100;
const log = (line = '') => process.stdout.write(`${line}\n`);

interface Server {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** From spawn to the "Step Functions API on" line. */
  readyMs: number;
  /** What serve itself reports (after Node and tsx started). */
  selfReadyMs: number;
}

async function startServer(args: string[]): Promise<Server> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [TSX, '--tsconfig', join(ROOT, 'tsconfig.json'), join(ROOT, 'src', 'cli', 'main.ts'), 'serve', '--port', '0', ...args], { cwd: ROOT });
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Step Functions API on (\S+) \(ready in (\d+) ms\)/.exec(out);
      if (m) resolve({ child, url: m[1]!, readyMs: performance.now() - t0, selfReadyMs: Number(m[2]) });
    });
    child.on('exit', () => reject(new Error(`serve exited:\n${out}`)));
  });
}

async function stop(server: Server): Promise<void> {
  const exited = new Promise((r) => server.child.on('exit', r));
  server.child.kill('SIGTERM');
  await exited;
}

/** Resident and peak memory of a process, from /proc (Linux). */
function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const client = (url: string) => new SFNClient({ endpoint: url, region: 'eu-west-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, disableHostPrefix: true, maxAttempts: 1 });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** K clients each start `perClient` executions at once; then every one is waited for. */
async function load(url: string, stateMachineArn: string, perClient: number, label: string): Promise<Record<string, number | string>> {
  const clients = Array.from({ length: CLIENTS }, () => client(url));
  const t0 = performance.now();
  const started = await Promise.all(clients.flatMap((c, k) => Array.from({ length: perClient }, (_, i) => c.send(new StartExecutionCommand({ stateMachineArn, name: `${label}-${k}-${i}`, input: JSON.stringify({ date: '2026-11-01' }) })).then((r) => ({ c, arn: r.executionArn! })))));
  const startedMs = performance.now() - t0;
  const statuses = new Map<string, string>();
  for (;;) {
    const pending = started.filter((s) => !statuses.has(s.arn) || statuses.get(s.arn) === 'RUNNING');
    if (pending.length === 0) break;
    await Promise.all(pending.map(async (s) => statuses.set(s.arn, (await s.c.send(new DescribeExecutionCommand({ executionArn: s.arn }))).status!)));
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 20));
  }
  const totalMs = performance.now() - t0;
  // Nothing lost: every execution started is listed, and ended as it should.
  const base = stateMachineArn.split('#')[0]!;
  const listed = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await clients[0]!.send(new ListExecutionsCommand({ stateMachineArn: base, maxResults: 1000, nextToken }));
    for (const e of page.executions ?? []) if (e.name!.startsWith(`${label}-`)) listed.add(e.executionArn!);
    nextToken = page.nextToken;
  } while (nextToken);
  const succeeded = [...statuses.values()].filter((s) => s === 'SUCCEEDED').length;
  for (const c of clients) c.destroy();
  return { started: started.length, succeeded, listed: listed.size, lost: started.length - listed.size, startMs: Math.round(startedMs), totalMs: Math.round(totalMs), perSecond: Math.round((started.length / totalMs) * 1000) };
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  log(`stepwright serve under load: ${cpus().length} cores, load average ${loadAtStart.toFixed(2)}${quick ? ' (--quick)' : ''}`);

  const bare: number[] = [];
  const bareSelf: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const s = await startServer(['--no-project']);
    bare.push(s.readyMs);
    bareSelf.push(s.selfReadyMs);
    await stop(s);
  }
  const project: number[] = [];
  let projectMachines = 0;
  for (let i = 0; i < Math.max(2, STARTS - 2); i++) {
    const s = await startServer(['--time-scale', '0']);
    project.push(s.readyMs);
    const c = client(s.url);
    projectMachines = (await c.send(new ListStateMachinesCommand({}))).stateMachines?.length ?? 0;
    c.destroy();
    await stop(s);
  }
  log(`start-up (spawn to listening): ${Math.round(median(bare))} ms empty (serve itself: ${Math.round(median(bareSelf))} ms), ${Math.round(median(project))} ms creating the example project's ${projectMachines} state machines`);

  // 1. The example `train` workflow (6 states, SageMaker and Lambda mocked by a scenario's test case), no waiting.
  const server = await startServer(['--time-scale', '0', '--retain', '100000']);
  const sfn = client(server.url);
  const train = (await sfn.send(new ListStateMachinesCommand({}))).stateMachines!.find((m) => m.name === 'train')!.stateMachineArn!;
  const before = memoryMiB(server.child.pid!);
  const trainRun = await load(server.url, `${train}#a-model-above-the-threshold-is-registered`, PER_CLIENT, 'train');
  const afterTrain = memoryMiB(server.child.pid!);

  // 2. Waits overlap: each execution waits 1 s of real time; they all wait at once.
  const waits = (await sfn.send(new CreateStateMachineCommand({ name: 'waits-1s', roleArn: 'arn:aws:iam::123456789012:role/bench', definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', End: true } } }) }))).stateMachineArn!;
  sfn.destroy();
  await stop(server);
  const realTime = await startServer(['--no-project', '--time-scale', '1']);
  const rt = client(realTime.url);
  const waitsArn = (await rt.send(new CreateStateMachineCommand({ name: 'waits-1s', roleArn: 'arn:aws:iam::123456789012:role/bench', definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', End: true } } }) }))).stateMachineArn!;
  rt.destroy();
  void waits;
  const waitRun = await load(realTime.url, waitsArn, PER_CLIENT, 'wait');
  await stop(realTime);

  const rows = [
    ['train (6 states, mocked tasks), --time-scale 0', trainRun],
    ['Wait 1 s then Pass, real time', waitRun],
  ] as const;
  for (const [what, r] of rows) log(`${what}: ${r.started} started by ${CLIENTS} clients in ${r.startMs} ms, all ended in ${r.totalMs} ms (${r.perSecond} executions/s), ${r.succeeded} SUCCEEDED, ${r.lost} lost`);
  log(`server memory: ${before.rss.toFixed(0)} MiB before, ${afterTrain.rss.toFixed(0)} MiB after ${trainRun.started} train executions kept (peak ${afterTrain.peak.toFixed(0)} MiB)`);

  const md = `# stepwright serve under load

Measured by \`npx tsx bench/serve.ts\`${quick ? ' --quick' : ''} on ${cpus().length} cores (load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end; the machine is shared, so figures are rough). The server is \`stepwright serve\` as a child process (sources through tsx); ${CLIENTS} @aws-sdk/client-sfn clients in the bench process start their executions all at once, then wait for each and check it is listed: nothing may be lost.

| start-up (spawn to listening) | median |
|---|---|
| no state machines | ${Math.round(median(bare))} ms (serve itself, after Node and tsx: ${Math.round(median(bareSelf))} ms) |
| the example project (its ${projectMachines} state machines compiled, validated and created; its scenarios as test cases) | ${Math.round(median(project))} ms |

| load | executions | started in | all ended in | executions/s | SUCCEEDED | lost |
|---|---|---|---|---|---|---|
${rows.map(([what, r]) => `| ${what} | ${r.started} | ${r.startMs} ms | ${r.totalMs} ms | ${r.perSecond} | ${r.succeeded} | ${r.lost} |`).join('\n')}

Server memory (resident): ${before.rss.toFixed(0)} MiB idle with the project loaded, ${afterTrain.rss.toFixed(0)} MiB with ${trainRun.started} finished \`train\` executions kept (peak ${afterTrain.peak.toFixed(0)} MiB). Finished executions beyond \`--retain\` (default 1000) are dropped, oldest first.
`;
  writeFileSync(join(ROOT, 'bench', 'results-serve.md'), md);
  log('wrote bench/results-serve.md');
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
