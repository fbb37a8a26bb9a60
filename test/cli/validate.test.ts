/**
 * `stepwright validate FILE...`, run in-process: every file given is reported (an empty or
 * unparsable one does not stop the others), problems carry line:column, duplicate keys are refused
 * where they stand.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type FileResult } from '../../src/cli/commands/validate.js';

const dir = mkdtempSync(join(tmpdir(), 'stepwright-validate-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function validate(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await run(args, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
  return { code, out: lines.join('\n') };
}

const good = file('good.json', JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }, null, 2));
const empty = file('empty.json', '');
const broken = file('broken.json', '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Succeed", }\n  }\n}\n');
const bad = file('bad.json', '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Pass",\n      "Next": "B"\n    }\n  }\n}\n');
const twice = file('twice.json', '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Succeed" },\n    "A": { "Type": "Fail" }\n  }\n}\n');

test('every file given is reported, an empty one between two others included', async () => {
  const { code, out } = await validate(good, empty, bad);
  expect(code).toBe(1);
  expect(out).toContain(`✓ ${good}`);
  expect(out).toContain(`✗ ${empty}`);
  expect(out).toContain(`${empty}:1:1: is not valid JSON: is empty: there is no JSON value`);
  expect(out).toContain(`✗ ${bad}`);
  expect(out).toContain('1 valid, 2 invalid.');
});

test('--json reports every file too', async () => {
  const { code, out } = await validate('--json', good, empty, broken);
  expect(code).toBe(1);
  const results = JSON.parse(out) as FileResult[];
  expect(results.map((r) => [r.file, r.valid])).toEqual([
    [good, true],
    [empty, false],
    [broken, false],
  ]);
  expect(results[2]!.problems).toEqual([expect.objectContaining({ file: broken, line: 4, column: 31 })]);
});

test('a JSON syntax error is at its line and column, not a byte offset', async () => {
  const { code, out } = await validate(broken);
  expect(code).toBe(1);
  expect(out).toContain(`${broken}:4:31: is not valid JSON: expected a property name in double quotes`);
  expect(out).not.toMatch(/position \d+/);
});

test('a state named twice is refused at the second key, as AWS refuses it (DUPLICATE_STATE_NAME)', async () => {
  const { code, out } = await validate(twice);
  expect(code).toBe(1);
  expect(out).toContain(`${twice}:5:5: is not valid JSON: duplicate key "A"`);
});

test('a validation problem carries the line and column of its field', async () => {
  const { code, out } = await validate(bad);
  expect(code).toBe(1);
  expect(out).toContain(`${bad}:6:7 › state "A" › field Next: goes to "B", which is not a state`);
});

test('a file that does not exist is reported with the others', async () => {
  const missing = join(dir, 'missing.json');
  const { code, out } = await validate(missing, good);
  expect(code).toBe(1);
  expect(out).toContain(`${missing}: no such file (the definition)`);
  expect(out).toContain(`✓ ${good}`);
});

describe('YAML', () => {
  test('a valid definition, and a problem at its line', async () => {
    const ok = file('ok.asl.yaml', 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n');
    const wrong = file('wrong.asl.yaml', 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n');
    const { code, out } = await validate(ok, wrong);
    expect(code).toBe(1);
    expect(out).toContain(`✓ ${ok}`);
    expect(out).toContain(`${wrong}:5:5 › state "A" › field Next: goes to "B", which is not a state`);
  });

  test('a key given twice, and an alias bomb, are problems, not crashes', async () => {
    const twiceYaml = file('twice.asl.yaml', 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n  A:\n    Type: Fail\n');
    const bomb = file('bomb.asl.yaml', ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`), 'StartAt: A', 'States: { A: { Type: Succeed, Result: *i } }'].join('\n'));
    const { code, out } = await validate(twiceYaml, bomb);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`${twiceYaml.replace(/[.]/g, '\\.')}:5:3: not valid YAML: Map keys must be unique`));
    expect(out).toContain(`${bomb}:1:1: expands too many YAML aliases`);
  });
});
