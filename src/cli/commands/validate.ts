/**
 * `stepwright validate FILE...`: validates any ASL file (JSON or YAML), ours or hand-written. Every
 * file given is reported, unreadable and unparsable ones included; problems carry the file's line
 * and column.
 */
import { parseArgs } from 'node:util';
import { validateDefinition } from '../../validate/index.js';
import { problemPath } from '../../validate/pointer.js';
import { formatProblem, StepwrightError, type Problem } from '../../model/errors.js';
import type { Io } from '../io.js';
import { readDefinitionSource } from '../json-input.js';

export const usage = `stepwright validate FILE... [--no-path-check] [--no-arn-check] [--json]

Validates Amazon States Language definitions (.json, .yaml) with asl-validator and stepwright's
semantic checks. Every file is reported, each problem at its line and column; a file that cannot
be read or parsed (a syntax error, a key given twice) is reported too. Exits 1 when any file is
invalid.`;

export interface FileResult {
  file: string;
  valid: boolean;
  problems: Problem[];
}

/** Validates one file: its problems, each located in the file. */
export function validateFile(file: string, options: { checkPaths?: boolean; checkArn?: boolean } = {}): FileResult {
  const read = readDefinitionSource(file);
  if ('problems' in read) return { file, valid: false, problems: read.problems };
  const problems = validateDefinition(read.definition, options).map((p): Problem => ({ file, ...read.position(problemPath(read.definition, p)), ...p }));
  return { file, valid: problems.length === 0, problems };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'no-path-check': { type: 'boolean', default: false }, 'no-arn-check': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0) throw new StepwrightError({ message: 'no files given', fix: 'stepwright validate path/to/definition.asl.json ...' });
  const options = { checkPaths: !values['no-path-check'], checkArn: !values['no-arn-check'] };
  const results = positionals.map((file) => validateFile(file, options));
  if (values.json) io.out(JSON.stringify(results, null, 2));
  else {
    for (const r of results) {
      if (r.valid) io.out(`✓ ${r.file}`);
      else {
        io.out(`✗ ${r.file}`);
        for (const p of r.problems) io.out(`  ${formatProblem(p).replace(/\n/g, '\n  ')}`);
      }
    }
    const invalid = results.filter((r) => !r.valid).length;
    if (results.length > 1) io.out(`\n${results.length - invalid} valid, ${invalid} invalid.`);
  }
  return results.every((r) => r.valid) ? 0 : 1;
}
