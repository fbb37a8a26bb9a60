/**
 * Deploy of the example project against moto's server, in one process: AWS calls, writes and wall
 * time for a first deploy, a deploy with no change, a one-workflow change, and destroy. Each round
 * uses a fresh account; the figures are medians.
 *
 *   npx tsx bench/deploy.ts [--rounds 5]
 *
 * What this cannot give is a ratio against CloudFormation or CDK: those need a real account (moto's
 * CloudFormation creates resources lazily and skips versions, aliases and schedules). What carries
 * over to AWS is the number of calls, and of writes above all: on AWS each call costs tens to
 * hundreds of milliseconds, and a deploy with no change makes none that write.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deploy, destroy } from '../src/deploy/index.js';
import { loadProject, type Project } from '../src/project/index.js';
import { startAwsProxy, type AwsProxy } from '../test/support/aws-proxy.js';

const ROOT = resolve(import.meta.dirname, '..');
const { startMoto } = createRequire(import.meta.url)('../test/support/moto-server.cjs') as { startMoto(): Promise<{ endpoint: string; stop(): Promise<void> }> };

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);

/** The examples for `account`, optionally with ingest's comment changed (a new definition). */
async function examples(account: string, changed = false): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), 'stepwright-bench-deploy-'));
  for (const folder of ['workflows', 'schedules']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  for (const file of readdirSync(join(dir, 'workflows')).filter((f) => f.endsWith('.ts'))) {
    const path = join(dir, 'workflows', file);
    let text = readFileSync(path, 'utf8').replace(/from 'stepwright'/g, `from ${JSON.stringify(join(ROOT, 'src', 'index.ts'))}`);
    if (changed && file === 'ingest.ts') text = text.replace("comment: 'Land a day", "comment: 'Land one day");
    writeFileSync(path, text);
  }
  writeFileSync(join(dir, 'stepwright.config.json'), JSON.stringify({ name: 'fraud-platform', region: 'eu-west-1', account }));
  const project = await loadProject({ root: dir });
  if (project.problems.length > 0) throw new Error(project.problems.map((p) => p.message).join('\n'));
  return project;
}

interface Figure {
  ms: number;
  calls: number;
  writes: number;
}

async function measure(proxy: AwsProxy, run: () => Promise<unknown>): Promise<Figure> {
  proxy.reset();
  const t = performance.now();
  await run();
  return { ms: performance.now() - t, calls: proxy.calls.length, writes: proxy.writes().length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** What a first deploy of the examples creates, in words: an execution role per workflow, and the roles schedules and rules name. */
function described(project: Project): string {
  const startingRoles = new Set([...project.schedules.map((s) => s.spec.target.role), ...project.rules.flatMap((r) => r.spec.targets.flatMap((t) => (t.role ? [t.role] : [])))]);
  const authored = project.workflows.filter((w) => w.workflow).length;
  const starter = project.workflows.length > authored ? ' + the slot starter' : '';
  return `${authored} workflows${starter}, ${project.schedules.length} schedules, ${project.rules.length} rules, ${project.workflows.length + startingRoles.size} roles`;
}

const moto = await startMoto();
let description = '';
const results: Record<string, Figure[]> = { 'first deploy': [], 'no change': [], 'one workflow changed': [], destroy: [] };
try {
  for (let round = 0; round < rounds; round++) {
    const proxy = await startAwsProxy(moto.endpoint);
    const aws = { endpoint: proxy.endpoint, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } };
    const project = await examples(proxy.account);
    description = described(project);
    const changed = await examples(proxy.account, true);
    results['first deploy']!.push(await measure(proxy, () => deploy(project, { aws })));
    results['no change']!.push(await measure(proxy, () => deploy(project, { aws })));
    results['one workflow changed']!.push(await measure(proxy, () => deploy(changed, { aws })));
    results.destroy!.push(await measure(proxy, () => destroy(changed, { aws })));
    await proxy.close();
  }
} finally {
  await moto.stop();
}

console.log(`deploy of the example project (${description}) on moto, median of ${rounds} rounds\n`);
console.log('| run | AWS calls | writes | wall time |\n|---|---|---|---|');
for (const [name, figures] of Object.entries(results)) {
  console.log(`| ${name} | ${median(figures.map((f) => f.calls))} | ${median(figures.map((f) => f.writes))} | ${median(figures.map((f) => f.ms)).toFixed(0)} ms |`);
}
