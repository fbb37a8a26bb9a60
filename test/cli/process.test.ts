/**
 * The CLI as a separate process, as users run it: the other CLI tests call main() in-process, where
 * Jest loads workflow modules itself; here the real module loader runs (one registration for all
 * files, `stepwright` resolved to the running copy of the library, fresh modules per load).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, STACK_LINE, stepwrightProcess } from './run-cli.js';

const project = mkdtempSync(join(tmpdir(), 'stepwright-process-'));
mkdirSync(join(project, 'workflows'));
writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
writeFileSync(join(project, 'stepwright.config.json'), '{ "region": "eu-west-1", "account": "123456789012" }\n');
// Two modules share a third; both import the library by its package name, from outside any node_modules.
writeFileSync(join(project, 'workflows', 'shared.ts'), `import { pass } from 'stepwright';\nexport const hello = () => pass('Hello');\n`);
for (const name of ['one', 'two']) {
  writeFileSync(join(project, 'workflows', `${name}.ts`), `import { workflow, succeed } from 'stepwright';\nimport { hello } from './shared.js';\nexport default workflow('${name}', { start: hello().next(succeed('Done')) });\n`);
}

test('build loads every module through one loader, with `stepwright` resolved to the running library', () => {
  const r = stepwrightProcess(['build'], project);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/one\s+2\s+JSONata\s+out\/asl\/one\.asl\.json/);
  expect(JSON.parse(readFileSync(join(project, 'out', 'asl', 'two.asl.json'), 'utf8'))).toMatchObject({ StartAt: 'Hello' });
});

test('a CommonJS project (no "type": "module") builds too, its require of `stepwright` resolved to the same library', () => {
  const cjs = mkdtempSync(join(tmpdir(), 'stepwright-cjs-'));
  mkdirSync(join(cjs, 'workflows'));
  writeFileSync(join(cjs, 'package.json'), '{ "name": "cjs-project" }\n');
  writeFileSync(join(cjs, 'stepwright.config.json'), '{ "region": "eu-west-1", "account": "123456789012" }\n');
  writeFileSync(join(cjs, 'workflows', 'config.ts'), "export const job = 'raw-to-parquet';\n");
  writeFileSync(join(cjs, 'workflows', 'flow.ts'), "import { workflow, glue } from 'stepwright';\nimport { job } from './config';\nexport default workflow('cjs-flow', { start: glue.startJobRun('Convert', { JobName: job }) });\n");
  const r = stepwrightProcess(['build', '--quiet'], cjs);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(JSON.parse(readFileSync(join(cjs, 'out', 'asl', 'cjs-flow.asl.json'), 'utf8')).States.Convert.Arguments).toEqual({ JobName: 'raw-to-parquet' });
});

test('a user error exits 1 with located problems and no stack', () => {
  writeFileSync(join(project, 'workflows', 'broken.ts'), `import { workflow, pass } from 'stepwright';\nexport default workflow('broken', { start: pass('A').next('Nowhere') });\n`);
  const r = stepwrightProcess(['build', 'workflows/broken.ts'], project);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('workflows/broken.ts › workflow "broken" › state "A" › field Next');
  expect(r.stderr).not.toMatch(STACK_LINE);
  rmSync(join(project, 'workflows', 'broken.ts'));
});

test('a JavaScript workflow with a request the service would reject: located at its line, nothing written', () => {
  const js = mkdtempSync(join(tmpdir(), 'stepwright-js-'));
  mkdirSync(join(js, 'workflows'));
  writeFileSync(join(js, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(js, 'stepwright.config.json'), '{ "region": "eu-west-1", "account": "123456789012" }\n');
  writeFileSync(
    join(js, 'workflows', 'nightly.js'),
    `import { workflow, glue, ecs } from 'stepwright';

export default workflow('nightly', {
  start: glue.startJobRun('Convert', { JobNam: 'x', NumberOfWorkers: 'ten' }, { jobBookmark: 'on' })
    .next(ecs.runTask('Run', { TaskDefinition: 'etl', LaunchType: 'FARGAT' })),
});
`,
  );
  // TypeScript is compiled on load: positions come from its source map, comments and blank lines included.
  writeFileSync(
    join(js, 'workflows', 'typed.ts'),
    `import { workflow, ecs } from 'stepwright';

/**
 * A comment that the compiled text drops.
 */
interface Unused { a: string }

export default workflow('typed', {
  start: ecs.runTask('Run', {
    TaskDefinition: 'etl',
    LaunchType: 'FARGAT' as 'FARGATE',
  }),
});
`,
  );
  const r = stepwrightProcess(['build'], js);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('workflows/typed.ts:9:14 › workflow "typed" › state "Run" › field Arguments.LaunchType: "FARGAT" is not a value ECS RunTask accepts here');
  expect(r.stderr).toContain('workflows/nightly.js:4:15 › workflow "nightly" › state "Convert" › field Arguments.JobNam: Glue StartJobRun has no field "JobNam"\n    fix: did you mean "JobName"?');
  expect(r.stderr).toContain('workflows/nightly.js:4:15 › workflow "nightly" › state "Convert" › field Arguments.NumberOfWorkers: "ten" is a string, but Glue StartJobRun takes a whole number here');
  expect(r.stderr).toContain('field Arguments.Arguments.--job-bookmark-option: "job-bookmark-on" is not a value');
  expect(r.stderr).toContain('workflows/nightly.js:5:15 › workflow "nightly" › state "Run" › field Arguments.LaunchType: "FARGAT" is not a value ECS RunTask accepts here');
  expect(r.stderr).toContain('6 problems.');
  expect(existsSync(join(js, 'out'))).toBe(false);
});

test('build imports only what it needs: not the executor, not Graphviz, not the testing kit', () => {
  const log = join(project, 'modules.log');
  // A loader hook that writes down every module the process imports (NODE_OPTIONS reaches the process tsx starts).
  writeFileSync(join(project, 'trace-hook.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, n) { const r = await n(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
  writeFileSync(join(project, 'trace.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(project, 'trace-hook.mjs')).href)});\n`);
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO, 'src', 'cli', 'main.ts'), 'build', '--quiet'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, JEST_WORKER_ID: undefined, NODE_OPTIONS: `--import=${join(project, 'trace.mjs')}` },
  });
  expect(r.stderr).toBe('');
  const modules = readFileSync(log, 'utf8').split('\n').filter((u) => u.includes('/src/'));
  expect(modules.some((u) => u.includes('/src/cli/commands/build.ts'))).toBe(true);
  expect(modules.filter((u) => /\/src\/(engine|testing|diagrams)\//.test(u) && !u.includes('/engine/states-error.ts'))).toEqual([]);
  expect(readFileSync(log, 'utf8')).not.toContain('@hpcc-js');
});

(existsSync('/proc') ? test : test.skip)('an output folder that cannot be created fails at once, named (mkdir -p loops forever in /proc)', () => {
  const r = stepwrightProcess(['build', '--out', '/proc/stepwright-out', 'workflows/one.ts'], project);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('/proc/stepwright-out: cannot be created or written here\n    fix: write elsewhere with --out');
  expect(r.stderr).not.toMatch(STACK_LINE);
});

test('graph writes a Graphviz SVG (its WebAssembly module is ESM-only, which Jest’s CommonJS transform cannot load in-process)', () => {
  const out = join(project, 'pipeline.svg');
  const r = stepwrightProcess(['graph', 'workflows/pipeline.ts', '--format', 'svg', '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const svg = readFileSync(out, 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('Run ingest');
  expect(svg).toContain('catch States.ALL');
});

test('test writes its coverage and HTML report (with SVG diagrams) under --out, and nothing else', () => {
  writeFileSync(join(project, 'workflows', 'one.scenarios.yaml'), 'workflow: one\nscenarios:\n  - name: hello\n    expect: { path: [Hello, Done] }\n');
  const r = stepwrightProcess(['test', '--out', 'reports', '--quiet'], project);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(readdirSync(join(project, 'reports'), { recursive: true }).map(String).sort()).toEqual(['coverage', 'coverage/coverage.json', 'report', 'report/index.html']);
  expect(readFileSync(join(project, 'reports', 'report', 'index.html'), 'utf8')).toContain('<svg');
});

test('a second load in the same process sees an edited module, and shares the library', () => {
  const script = join(project, 'reload.ts');
  writeFileSync(
    script,
    `import { writeFileSync } from 'node:fs';
import { loadWorkflows } from ${JSON.stringify(join(REPO, 'src', 'project', 'load.ts'))};
import { isWorkflow } from ${JSON.stringify(join(REPO, 'src', 'dsl', 'workflow.ts'))};
const file = 'workflows/one.ts';
const first = await loadWorkflows([file]);
writeFileSync(file, "import { workflow, succeed } from 'stepwright';\\nexport default workflow('one-edited', { start: succeed('Done') });\\n");
const second = await loadWorkflows([file]);
console.log(JSON.stringify([first[0].workflow.name, second[0].workflow.name, isWorkflow(second[0].workflow)]));
`,
  );
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script], { cwd: project, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual(['one', 'one-edited', true]);
});
