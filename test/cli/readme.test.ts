/** The README's first example, built as a user would, prints exactly what the README shows. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, stepwright } from './run-cli.js';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const firstBlock = (lang: string) => readme.match(new RegExp('```' + lang + '\\n([\\s\\S]*?)```'))![1]!;

test('the first example builds to the table the README shows', async () => {
  const project = mkdtempSync(join(tmpdir(), 'stepwright-readme-'));
  mkdirSync(join(project, 'workflows'));
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(project, 'stepwright.config.json'), '{ "region": "eu-west-1", "account": "123456789012" }\n');
  writeFileSync(join(project, 'workflows', 'nightly.ts'), firstBlock('ts'));
  const result = await stepwright(['build'], project);
  expect(result.stderr).toBe('');
  const shown = firstBlock('console').split('\n').slice(1).join('\n').trim();
  expect(result.stdout.trim()).toBe(shown);
});

test('the package ships the license its package.json names, and the schema path the README gives consumers exists in it', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { license: string; files: string[] };
  expect(pkg.license).toBe('Apache-2.0');
  expect(readFileSync(join(REPO, 'LICENSE'), 'utf8')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  const consumerPath = /\$schema=\.\.\/node_modules\/stepwright\/(schema\/schedules\.schema\.json)/.exec(readme)?.[1];
  expect(consumerPath).toBe('schema/schedules.schema.json');
  expect(pkg.files).toContain('schema');
  expect(JSON.parse(readFileSync(join(REPO, consumerPath!), 'utf8'))).toHaveProperty('$schema');
});
