/** `stepwright validate FILE...`: validates any ASL file (JSON or YAML), ours or hand-written. */
import { parseArgs } from 'node:util';
import { validateDefinition } from '../../validate/index.js';
import { formatProblem, StepwrightError, type Problem } from '../../model/errors.js';
import type { Io } from '../io.js';
import { readDefinitionFile } from '../json-input.js';

export const usage = `stepwright validate FILE... [--no-path-check] [--no-arn-check] [--json]

Validates Amazon States Language definitions (.json, .yaml) with asl-validator and stepwright's
semantic checks. Exits 1 when any file is invalid.`;

/** The definition in `file` (JSON or YAML), located problems otherwise: see ../json-input.ts. */
export function readDefinition(file: string): unknown {
  return readDefinitionFile(file);
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'no-path-check': { type: 'boolean', default: false }, 'no-arn-check': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0) throw new StepwrightError({ message: 'no files given', fix: 'stepwright validate path/to/definition.asl.json ...' });
  const results: { file: string; valid: boolean; problems: Problem[] }[] = [];
  for (const file of positionals) {
    const problems = validateDefinition(readDefinition(file), { checkPaths: !values['no-path-check'], checkArn: !values['no-arn-check'] }).map((p) => ({ file, ...p }));
    results.push({ file, valid: problems.length === 0, problems });
  }
  if (values.json) io.out(JSON.stringify(results, null, 2));
  else {
    for (const r of results) {
      if (r.valid) io.out(`✓ ${r.file}`);
      else {
        io.out(`✗ ${r.file}`);
        for (const p of r.problems) io.out(`  ${formatProblem(p).replace(/\n/g, '\n  ')}`);
      }
    }
  }
  return results.every((r) => r.valid) ? 0 : 1;
}
