/**
 * `stepwright validate FILE...`: validates any ASL file (JSON or YAML), ours or hand-written. Every
 * file given is reported, unreadable and unparsable ones included; problems carry the file's line
 * and column.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';
import { validateDefinition } from '../../validate/index.js';
import { problemPath } from '../../validate/pointer.js';
import { formatProblem, StepwrightError, type Problem } from '../../model/errors.js';
import { offsetOf, parseJsonSource, type JsonPath } from '../../model/json-source.js';
import type { Io } from '../io.js';

export const usage = `stepwright validate FILE... [--no-path-check] [--no-arn-check] [--json]

Validates Amazon States Language definitions (.json, .yaml) with asl-validator and stepwright's
semantic checks. Every file is reported, each problem at its line and column; a file that cannot
be read or parsed (a syntax error, a key given twice) is reported too. Exits 1 when any file is
invalid.`;

/** A definition read from a file, with the line and column of any place in it. */
export interface DefinitionFile {
  definition: unknown;
  position(path: JsonPath): { line: number; column: number };
}

/** Reads and parses an ASL file; the problems (located in the file) instead when it cannot. */
export function readDefinitionFile(file: string): DefinitionFile | { problems: Problem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problems: [{ file, message: code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? (error as Error).message})`, fix: 'check the path' }] };
  }
  if (/\.ya?ml$/i.test(file)) return readYaml(file, text);
  const parsed = parseJsonSource(text);
  if ('errors' in parsed) {
    // Duplicate keys too: JSON.parse keeps the last silently, AWS refuses a state named twice (DUPLICATE_STATE_NAME).
    return { problems: parsed.errors.map((e) => ({ file, line: e.line, column: e.column, message: `is not valid JSON: ${e.message}`, fix: 'fix the JSON at that line and column' })) };
  }
  return { definition: parsed.source.value, position: parsed.source.position };
}

function readYaml(file: string, text: string): DefinitionFile | { problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => ({ file, ...at(e.pos[0]), message: `is not valid YAML: ${e.message.split('\n')[0]}`, fix: 'fix the YAML at that line and column' })) };
  }
  try {
    return { definition: doc.toJS(), position: (path) => at(offsetOf(doc, path)) };
  } catch (error) {
    // The yaml library stops alias bombs (an alias expanding to millions of nodes) here.
    return { problems: [{ file, ...at(0), message: `cannot be read as YAML: ${(error as Error).message}`, fix: 'expand the aliases by hand, or use fewer of them' }] };
  }
}

/** The definition in `file`, or a StepwrightError with its problems (for commands that need one definition). */
export function readDefinition(file: string): unknown {
  const read = readDefinitionFile(file);
  if ('problems' in read) throw new StepwrightError(read.problems);
  return read.definition;
}

export interface FileResult {
  file: string;
  valid: boolean;
  problems: Problem[];
}

/** Validates one file: its problems, each located in the file. */
export function validateFile(file: string, options: { checkPaths?: boolean; checkArn?: boolean } = {}): FileResult {
  const read = readDefinitionFile(file);
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
