/**
 * What users hand the CLI, read so every problem names where it is: inline JSON (`--input`), JSON
 * files (mocks, events, inputs, mock configs) with syntax errors and duplicate keys at their
 * line:column, and ASL definitions in JSON or YAML (an alias bomb refused, a workflow module sent to
 * `build`, a file that is no definition said so).
 */
import { readFileSync, statSync } from 'node:fs';
import type { StateMachineDefinition } from '../model/asl.js';
import { StepwrightError, type Problem } from '../model/errors.js';
import { offsetOf, parseJsonSource, type JsonPath } from '../model/json-source.js';
import { parseYamlSource, yamlValue } from '../model/yaml-source.js';

export function parseJsonArgument(text: string, flag: string): unknown {
  const parsed = parseJsonSource(text);
  if ('errors' in parsed) {
    const e = parsed.errors[0]!;
    throw new StepwrightError({ field: flag, message: `is not valid JSON: ${e.message} (at column ${e.column}${e.line > 1 ? ` of line ${e.line}` : ''})`, fix: `quote it for the shell: ${flag} '{"date":"2026-11-01"}'` });
  }
  return parsed.source.value;
}

export function readJsonFile(file: string, what: string): unknown {
  return readJsonText(file, what).value;
}

/** The file's text and its parsed value (for callers that pass the exact text on, as EventBridge does). */
export function readJsonText(file: string, what: string): { text: string; value: unknown } {
  const text = readText(file, what);
  const parsed = parseJsonSource(text);
  if ('errors' in parsed) {
    throw new StepwrightError(parsed.errors.map((e) => ({ file, line: e.line, column: e.column, message: `the ${what} is not valid JSON: ${e.message}`, fix: 'fix the JSON syntax there' })));
  }
  return { text, value: parsed.source.value };
}

const MODULE = /\.(ts|mts|cts|js|mjs|cjs)$/i;

/** A definition read from a file, with the line and column of any place in it. */
export interface DefinitionSource {
  definition: unknown;
  position(path: JsonPath): { line: number; column: number };
}

/**
 * An ASL file (JSON or YAML) as written, or the problems (located in the file) when it cannot be
 * read: a missing file, a folder, a workflow module, a syntax error, a key given twice (JSON.parse
 * keeps the last silently; AWS refuses a state named twice: DUPLICATE_STATE_NAME), an alias bomb.
 */
export function readDefinitionSource(file: string): DefinitionSource | { problems: Problem[] } {
  try {
    if (MODULE.test(file)) {
      throw new StepwrightError({ file, message: 'is a workflow module, not an ASL definition', fix: `build it with \`stepwright build ${file}\` (it validates too), or validate its output out/asl/<workflow>.asl.json` });
    }
    const text = readText(file, 'definition');
    if (/\.ya?ml$/i.test(file)) {
      const source = parseYamlSource(text, file);
      return { definition: yamlValue(source, file), position: (path) => source.at(offsetOf(source.doc, path)) };
    }
    const parsed = parseJsonSource(text);
    if ('errors' in parsed) return { problems: parsed.errors.map((e) => ({ file, line: e.line, column: e.column, message: `is not valid JSON: ${e.message}`, fix: 'fix the JSON at that line and column' })) };
    return { definition: parsed.source.value, position: parsed.source.position };
  } catch (error) {
    if (error instanceof StepwrightError) return { problems: error.problems };
    throw error;
  }
}

/** An ASL definition from a `.json` or `.yaml` file; anything else is a user error saying what to do instead. */
export function readDefinitionFile(file: string): StateMachineDefinition {
  const read = readDefinitionSource(file);
  if ('problems' in read) throw new StepwrightError(read.problems);
  const value = read.definition;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { States?: unknown }).States !== 'object') {
    const schedules = value !== null && typeof value === 'object' && ('schedules' in value || 'rules' in value);
    throw new StepwrightError({
      file,
      message: schedules ? 'is a schedules file, not a state machine definition' : `is not a state machine definition: ${describe(value)}, without "States"`,
      fix: schedules ? 'schedules and rules are built with `stepwright build`; name a workflow module or an ASL file here' : 'give an Amazon States Language definition: { "StartAt": "...", "States": { ... } }',
    });
  }
  return value as StateMachineDefinition;
}

function readText(file: string, what: string): string {
  try {
    if (statSync(file).isDirectory()) throw new StepwrightError({ file, message: `is a folder, not the ${what}`, fix: 'give the path of a file' });
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof StepwrightError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new StepwrightError({ file, message: code === 'ENOENT' ? `no such file (the ${what})` : `cannot read the ${what} (${code ?? (error as Error).message})`, fix: 'check the path' });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'it holds null';
  if (Array.isArray(value)) return 'it holds a list';
  if (typeof value !== 'object') return `it holds a ${typeof value}`;
  return 'an object';
}
