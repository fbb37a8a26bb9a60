/**
 * The package as a user gets it: `npm run pack` builds the tarball, a fresh project installs it
 * (with Jest, from npm's cache where it can), and runs a workflow test with the kit's matchers,
 * once under a standard CommonJS TypeScript transform (@swc/jest) and once as native ES modules.
 * This is the path the repository's own Jest setup cannot show: here `stepwright` resolves to
 * src/ through moduleNameMapper, there to the published dist/ through package.json's exports.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const WORKFLOW = `import { workflow, pass, choice, expr, succeed, fail } from 'stepwright';

export default workflow('hello', {
  start: pass('Greet', { output: expr("{ 'greeting': 'hello ' & $states.input.name }") }).next(
    choice('Known?').when(expr("$states.input.greeting = 'hello world'"), succeed('Done')).otherwise(fail('Unknown', { error: 'Unknown' })),
  ),
});
`;

const TEST = (workflowImport: string) => `import { runWorkflow } from 'stepwright/testing';
import 'stepwright/testing/jest';
import hello from '${workflowImport}';

test('greets the world', async () => {
  const run = await runWorkflow(hello, { name: 'world' });
  expect(run).toSucceed();
  expect(run).toHaveVisited(['Greet', 'Known?', 'Done']);
});

test('a failing matcher says where the run went', async () => {
  const run = await runWorkflow(hello, { name: 'moon' });
  expect(() => expect(run).toSucceed()).toThrow(/Unknown/);
});
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stepwright-consumer-'));
  const tarball = execFileSync(process.execPath, [join(REPO, 'scripts', 'pack.mjs'), join(dir, 'pack')], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop()!;
  writeFileSync(join(dir, 'package.json'), '{ "name": "consumer", "private": true, "version": "1.0.0" }\n');
  const jest = JSON.parse(readFileSync(join(REPO, 'node_modules', 'jest', 'package.json'), 'utf8')).version as string;
  const swc = JSON.parse(readFileSync(join(REPO, 'node_modules', '@swc', 'core', 'package.json'), 'utf8')).version as string;
  const typescript = JSON.parse(readFileSync(join(REPO, 'node_modules', 'typescript', 'package.json'), 'utf8')).version as string;
  const install = spawnSync(npm, ['install', tarball, `jest@${jest}`, '@swc/jest', `@swc/core@${swc}`, `typescript@${typescript}`, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
  // The published manifest has no install scripts of its own.
  expect(install.stderr).not.toMatch(/stepwright@[^ ]+ \(prepare/);
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jest(cwd: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(dir, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci'], { cwd, encoding: 'utf8', env: { ...process.env, ...env, JEST_WORKER_ID: undefined } });
}

test('a CommonJS project: TypeScript through @swc/jest, `import ... from "stepwright/testing"`', () => {
  const project = join(dir, 'cjs');
  mkdirSync(join(project, 'workflows'), { recursive: true });
  mkdirSync(join(project, 'test'));
  symlinkSync(join(dir, 'node_modules'), join(project, 'node_modules'));
  writeFileSync(join(project, 'package.json'), '{ "name": "consumer-cjs", "private": true }\n');
  writeFileSync(join(project, 'workflows', 'hello.ts'), WORKFLOW);
  writeFileSync(join(project, 'test', 'hello.test.ts'), TEST('../workflows/hello'));
  writeFileSync(join(project, 'jest.config.cjs'), "module.exports = { testEnvironment: 'node', transform: { '^.+\\\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] } };\n");
  const run = jest(project);
  expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
  expect(run.status).toBe(0);
}, 120_000);

test('an ES module project: native ESM under Jest', () => {
  const project = join(dir, 'esm');
  mkdirSync(join(project, 'workflows'), { recursive: true });
  mkdirSync(join(project, 'test'));
  symlinkSync(join(dir, 'node_modules'), join(project, 'node_modules'));
  writeFileSync(join(project, 'package.json'), '{ "name": "consumer-esm", "private": true, "type": "module" }\n');
  writeFileSync(join(project, 'workflows', 'hello.js'), WORKFLOW);
  writeFileSync(join(project, 'test', 'hello.test.js'), TEST('../workflows/hello.js'));
  writeFileSync(join(project, 'jest.config.js'), "export default { testEnvironment: 'node', transform: {} };\n");
  const run = jest(project, { NODE_OPTIONS: '--experimental-vm-modules' });
  expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
  expect(run.status).toBe(0);
}, 120_000);

test('the same project builds with the installed CLI: ASL written, and a type error reported at its line by build --typecheck', () => {
  const project = join(dir, 'build');
  mkdirSync(join(project, 'workflows'), { recursive: true });
  symlinkSync(join(dir, 'node_modules'), join(project, 'node_modules'));
  writeFileSync(join(project, 'package.json'), '{ "name": "consumer-build", "private": true, "type": "module" }\n');
  writeFileSync(join(project, 'stepwright.config.json'), '{ "name": "consumer", "region": "eu-west-1", "account": "123456789012" }\n');
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true }, include: ['workflows'] }));
  writeFileSync(join(project, 'workflows', 'hello.ts'), WORKFLOW);
  const bin = join(dir, 'node_modules', '.bin', 'stepwright');
  const built = spawnSync(bin, ['build'], { cwd: project, encoding: 'utf8', env: { ...process.env, JEST_WORKER_ID: undefined } });
  expect(built.stderr).toBe('');
  expect(built.stdout).toMatch(/hello\s+4\s+JSONata\s+out\/asl\/hello\.asl\.json/);
  expect(JSON.parse(readFileSync(join(project, 'out', 'asl', 'hello.asl.json'), 'utf8'))).toMatchObject({ QueryLanguage: 'JSONata', StartAt: 'Greet' });
  // A mistake tsc sees and the request check cannot: a duration given as a number of the wrong type.
  writeFileSync(join(project, 'workflows', 'hello.ts'), WORKFLOW.replace("export default workflow('hello', {", "export default workflow('hello', {\n  timeout: true,"));
  const checked = spawnSync(bin, ['build', '--typecheck'], { cwd: project, encoding: 'utf8', env: { ...process.env, JEST_WORKER_ID: undefined } });
  expect(checked.status).toBe(1);
  expect(checked.stderr).toMatch(/workflows\/hello\.ts:4:3: .*TS2322/);
}, 120_000);
