/**
 * Reading what `stepwright import` is given: an ASL definition (JSON or YAML), or a SAM or
 * CloudFormation template with any number of state machines. Templates give their definitions as
 * `Definition` objects, `DefinitionString` text (plain, `Fn::Sub`, `Fn::Join`), SAM `DefinitionUri`
 * files, and `DefinitionSubstitutions`. Every reference to something the template resolves at
 * deploy time (`${LambdaArn}`, `!Ref Table`, `!GetAtt Fn.Arn`, `${AWS::Region}`) becomes a
 * `${...}` placeholder, which the importer turns into a value read from the project's config.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LineCounter, parseDocument, type CollectionTag, type Document, type ScalarTag } from 'yaml';
import type { StateMachineType } from '../model/asl.js';
import { StepwrightError, type Problem } from '../model/errors.js';
import { offsetOf, parseJsonSource, type JsonPath } from '../model/json-source.js';

export interface Source {
  value: unknown;
  position(path: JsonPath): { line: number; column: number };
}

export interface FoundMachine {
  /** The workflow name: the template's StateMachineName / Name, else the resource's logical id. */
  name: string;
  /** `Resources.Orders` */
  resource?: string;
  definition: unknown;
  /** Where the definition is, for messages: its file and the JSON path of the definition in it. */
  file: string;
  at: JsonPath;
  position(path: JsonPath): { line: number; column: number } | undefined;
  type?: StateMachineType;
  tags?: Record<string, string>;
  /** DefinitionSubstitutions: each placeholder and what the template gives for it (a literal, or the intrinsic as text). */
  substitutions: Record<string, string>;
}

const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'If', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'Not', 'Or', 'Length', 'ToJsonString'];

/** CloudFormation's short forms (`!Ref x`, `!Sub '...'`, `!GetAtt A.B`) as their long forms. */
const CLOUDFORMATION_TAGS: (ScalarTag | CollectionTag)[] = [
  { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
  { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
  { tag: '!GetAtt', resolve: (value: string) => ({ 'Fn::GetAtt': value.split('.') }) },
  { tag: '!GetAtt', collection: 'seq', resolve: (value) => ({ 'Fn::GetAtt': (value as { toJSON(): unknown }).toJSON() }) },
  ...FUNCTIONS.flatMap((fn): (ScalarTag | CollectionTag)[] => [
    { tag: `!${fn}`, resolve: (value: string) => ({ [`Fn::${fn}`]: value }) },
    { tag: `!${fn}`, collection: 'seq', resolve: (value) => ({ [`Fn::${fn}`]: (value as { toJSON(): unknown }).toJSON() }) },
    { tag: `!${fn}`, collection: 'map', resolve: (value) => ({ [`Fn::${fn}`]: (value as { toJSON(): unknown }).toJSON() }) },
  ]),
] as (ScalarTag | CollectionTag)[];

/** Reads a JSON or YAML file with positions; a syntax error is a located problem. */
export function readSource(file: string, shown = file): Source {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new StepwrightError({ file: shown, message: 'cannot be read', fix: 'check the path' });
  }
  return parseSource(text, shown);
}

export function parseSource(text: string, shown: string): Source {
  if (/^\s*[{[]/.test(text)) {
    const parsed = parseJsonSource(text);
    if ('errors' in parsed) throw new StepwrightError(parsed.errors.map((e) => ({ file: shown, line: e.line, column: e.column, message: `is not valid JSON: ${e.message}`, fix: 'fix the syntax' })));
    return parsed.source;
  }
  const lines = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: lines, customTags: CLOUDFORMATION_TAGS, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new StepwrightError(doc.errors.map((e) => ({ file: shown, ...at(lines, e.pos[0]), message: `is not valid YAML: ${e.message.split('\n')[0]}`, fix: 'fix the syntax' })));
  }
  return { value: doc.toJS({ maxAliasCount: 1000 }), position: (path) => at(lines, offsetOf(doc, path)) };
}

function at(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

const STATE_MACHINE_TYPES = ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'];

/** Whether a parsed file is a template (it has Resources) rather than a definition. */
export function isTemplate(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { Resources?: unknown }).Resources === 'object' && !('States' in value);
}

/** Every state machine of a template. Problems that stop one machine are collected; the others are still read. */
export function machinesOfTemplate(source: Source, file: string): { machines: FoundMachine[]; problems: Problem[] } {
  const resources = (source.value as { Resources: Record<string, { Type?: string; Properties?: Record<string, unknown> }> }).Resources ?? {};
  const machines: FoundMachine[] = [];
  const problems: Problem[] = [];
  const located = (path: JsonPath) => ({ file, ...source.position(path) });
  for (const [id, resource] of Object.entries(resources)) {
    if (!resource || !STATE_MACHINE_TYPES.includes(String(resource.Type))) continue;
    const props = resource.Properties ?? {};
    const base: JsonPath = ['Resources', id, 'Properties'];
    const sam = resource.Type === 'AWS::Serverless::StateMachine';
    const given = sam ? props.Name : props.StateMachineName;
    const name = typeof given === 'string' && /^[A-Za-z0-9_-]{1,80}$/.test(given) ? given : id;
    const substitutions = Object.fromEntries(Object.entries((props.DefinitionSubstitutions as Record<string, unknown>) ?? {}).map(([k, v]) => [k, describeValue(v)]));
    const type = (sam ? props.Type : props.StateMachineType) as StateMachineType | undefined;
    const tags = tagsOf(sam ? props.Tags : props.Tags);
    const common = { name, resource: `Resources.${id}`, ...(type === 'EXPRESS' || type === 'STANDARD' ? { type } : {}), ...(tags ? { tags } : {}), substitutions };
    try {
      if (props.Definition !== undefined) {
        const problemsHere: Problem[] = [];
        const definition = resolveIntrinsics(props.Definition, [...base, 'Definition'], (path, message) => problemsHere.push({ ...located(path), message, fix: 'replace it with a literal or a ${Name} placeholder' }));
        problems.push(...problemsHere);
        machines.push({ ...common, definition, file, at: [...base, 'Definition'], position: (p) => source.position(p) });
      } else if (props.DefinitionString !== undefined) {
        const text = definitionText(props.DefinitionString, [...base, 'DefinitionString'], located);
        const parsed = parseJsonSource(text);
        if ('errors' in parsed) {
          const where = located([...base, 'DefinitionString']);
          throw new StepwrightError(parsed.errors.map((e) => ({ ...where, message: `DefinitionString is not valid JSON (its line ${e.line}, column ${e.column}): ${e.message}`, fix: 'fix the definition text' })));
        }
        const where = source.position([...base, 'DefinitionString']);
        machines.push({ ...common, definition: parsed.source.value, file, at: [], position: () => where });
      } else if (typeof props.DefinitionUri === 'string') {
        const path = join(dirname(file), props.DefinitionUri);
        if (!existsSync(path)) throw new StepwrightError({ ...located([...base, 'DefinitionUri']), message: `names ${props.DefinitionUri}, which does not exist`, fix: 'give the path of the definition file, relative to the template' });
        const definition = readSource(path);
        machines.push({ ...common, definition: definition.value, file: path, at: [], position: (p) => definition.position(p) });
      } else if (props.DefinitionUri !== undefined || props.DefinitionS3Location !== undefined) {
        const field = props.DefinitionUri !== undefined ? 'DefinitionUri' : 'DefinitionS3Location';
        throw new StepwrightError({ ...located([...base, field]), message: 'is in S3, which import does not read', fix: 'download the definition file and import it (stepwright import file.asl.json --name ...)' });
      } else {
        throw new StepwrightError({ ...located(['Resources', id]), message: 'has no Definition, DefinitionString or DefinitionUri', fix: 'give the state machine its definition' });
      }
    } catch (error) {
      if (!(error instanceof StepwrightError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (machines.length === 0 && problems.length === 0) {
    problems.push({ file, ...source.position(['Resources']), message: 'has no state machine (no AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine resource)', fix: 'import a template that defines one, or an ASL file with --name' });
  }
  return { machines, problems };
}

/** DefinitionString as text: a string, `Fn::Sub` (placeholders kept), or `Fn::Join` (references become placeholders). */
function definitionText(value: unknown, path: JsonPath, located: (path: JsonPath) => Problem | { file: string; line: number; column: number }): string {
  if (typeof value === 'string') return value;
  const sub = (value as Record<string, unknown>)?.['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  const join = (value as Record<string, unknown>)?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1]
      .map((part: unknown, i: number) => {
        const text = placeholderOf(part);
        if (text === undefined) throw new StepwrightError({ ...located([...path, 'Fn::Join', 1, i]), message: `cannot read ${JSON.stringify(part)} as text`, fix: 'use literal text, Ref or Fn::GetAtt in the definition' } as Problem);
        return text;
      })
      .join(join[0]);
  }
  throw new StepwrightError({ ...located(path), message: 'is neither text, Fn::Sub nor Fn::Join', fix: 'give the definition as text, or as a Definition object' } as Problem);
}

/** `{ Ref: X }` → `${X}`, `{ Fn::GetAtt: [A, B] }` → `${A.B}`, `{ Fn::Sub: s }` → s, a string as itself. */
function placeholderOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return `\${${v.Ref}}`;
  if (Array.isArray(v['Fn::GetAtt'])) return `\${${(v['Fn::GetAtt'] as unknown[]).join('.')}}`;
  if (typeof v['Fn::Sub'] === 'string') return v['Fn::Sub'] as string;
  if (Array.isArray(v['Fn::Sub']) && typeof (v['Fn::Sub'] as unknown[])[0] === 'string') return (v['Fn::Sub'] as unknown[])[0] as string;
  return undefined;
}

/** A Definition object with its intrinsic functions as placeholders. */
function resolveIntrinsics(value: unknown, path: JsonPath, problem: (path: JsonPath, message: string) => void): unknown {
  if (Array.isArray(value)) return value.map((v, i) => resolveIntrinsics(v, [...path, i], problem));
  if (!value || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) {
    const text = placeholderOf(value);
    if (text !== undefined) return text;
    problem(path, `${keys[0]} cannot be imported: only Ref, Fn::GetAtt and Fn::Sub become placeholders`);
    return value;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveIntrinsics(v, [...path, k], problem)]));
}

/** A substitution's value as a user reads it: the literal, or the intrinsic (`!GetAtt Orders.Arn`). */
function describeValue(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const v = (value ?? {}) as Record<string, unknown>;
  if (typeof v.Ref === 'string') return `!Ref ${v.Ref}`;
  if (Array.isArray(v['Fn::GetAtt'])) return `!GetAtt ${(v['Fn::GetAtt'] as unknown[]).join('.')}`;
  return JSON.stringify(value);
}

function tagsOf(value: unknown): Record<string, string> | undefined {
  if (Array.isArray(value)) {
    const pairs = value.filter((t) => typeof t?.Key === 'string' && typeof t?.Value === 'string').map((t) => [t.Key as string, t.Value as string]);
    return pairs.length > 0 ? Object.fromEntries(pairs) : undefined;
  }
  if (value && typeof value === 'object') {
    const pairs = Object.entries(value).filter(([, v]) => typeof v === 'string') as [string, string][];
    return pairs.length > 0 ? Object.fromEntries(pairs) : undefined;
  }
  return undefined;
}


