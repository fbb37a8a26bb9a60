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
