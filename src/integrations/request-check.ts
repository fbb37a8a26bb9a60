/**
 * Checks a Task's literal request against the request shape of the AWS API it calls (from AWS's own
 * API models: request-shapes.generated.ts): unknown fields with the nearest known one, missing
 * required fields, wrong types and values outside an enumeration, each at its field. This is what
 * TypeScript's types catch for typed integrations, done on the compiled ASL, so JavaScript users,
 * hand-written `task()` states and `awsSdk()` calls get it too.
 *
 * Values computed at run time (`{% %}` JSONata strings, JSONPath `key.$` fields) are present but not
 * checked. Hand-written rather than compiled to JSON Schema for Ajv: a build checks a few dozen
 * requests, where compiling schemas would cost more than checking, and the messages need the
 * model's names ("did you mean", the enumeration's values).
 */
import { parseResource } from '../model/resource.js';
import { closest } from '../model/suggest.js';
import type { QueryLanguage, StateMachineDefinition } from '../model/asl.js';
import type { Problem } from '../model/errors.js';
import { sites } from '../model/walk.js';
import { callSiteOf } from './call-site.js';
import { REQUEST_SHAPES } from './request-shapes.generated.js';

/** 's' string, 'i' integer, 'n' number, 'b' boolean, 't' timestamp, '*' any JSON, '#Name' a named shape. */
export type ShapeType = 's' | 'i' | 'n' | 'b' | 't' | '*' | `#${string}` | Enumeration | { l: ShapeType } | { m: ShapeType } | Structure;
export type Enumeration = ['e', ...string[]];
export interface Structure {
  o: Record<string, ShapeType>;
  r?: string[];
  /** A union: at most one member may be set. */
  u?: 1;
}
export interface RequestShapes {
  operations: Record<string, { service: string; operation: string; input: string }>;
  services: Record<string, { api: string; shapes: Record<string, Structure | Enumeration> }>;
}

export interface RequestProblem {
  /** `Arguments.NumberOfWorkers`, `Parameters.Step.HadoopJarStep.Jar`. */
  field: string;
  message: string;
  fix?: string;
}

/**
 * Values AWS documents beyond the API model, checked the same way. Glue reads its own job arguments:
 * `--job-bookmark-option` takes these three (AWS Glue developer guide, "Job parameters used by AWS Glue").
 */
const KNOWN_MAP_KEYS: Record<string, Record<string, Record<string, { values: string[]; hint: string }>>> = {
  'glue:startJobRun': {
    Arguments: { '--job-bookmark-option': { values: ['job-bookmark-enable', 'job-bookmark-disable', 'job-bookmark-pause'], hint: "with glue.startJobRun, set { jobBookmark: 'enable' | 'disable' | 'pause' }" } },
  },
};

const isExpression = (value: unknown): boolean => typeof value === 'string' && /^\s*\{%[\s\S]*%\}\s*$/.test(value);

/** The operation a Resource calls, when its request shape is known: `glue:startJobRun`, `aws-sdk:glue:getCrawler`. */
export function operationOf(resource: string): string | undefined {
  const parsed = parseResource(resource);
  const key = parsed.kind === 'aws-sdk' ? `aws-sdk:${parsed.service}:${parsed.action}` : parsed.kind === 'integration' ? `${parsed.service}:${parsed.action}` : undefined;
  return key && REQUEST_SHAPES.operations[key] ? key : undefined;
}

/** Problems with `request` (a Task's Arguments or Parameters) for the call `resource` makes. */
export function checkRequest(resource: string, request: unknown, language: QueryLanguage): RequestProblem[] {
  const key = operationOf(resource);
  if (!key) return [];
  const field = language === 'JSONata' ? 'Arguments' : 'Parameters';
  const { service, operation, input } = REQUEST_SHAPES.operations[key]!;
  const api = REQUEST_SHAPES.services[service]!;
  const call = `${api.api.split(' ')[0]} ${operation}`;
  const problems: RequestProblem[] = [];
  const checker = new Checker(api.shapes, call, language, problems);
  if (request === undefined) checker.missingRequest(field, input);
  else checker.check(request, input as ShapeType, field);
  for (const [mapField, keys] of Object.entries(KNOWN_MAP_KEYS[key] ?? {})) {
    const map = (request as Record<string, unknown> | undefined)?.[mapField];
    if (!map || typeof map !== 'object') continue;
    for (const [name, { values, hint }] of Object.entries(keys)) {
      const value = (map as Record<string, unknown>)[name];
      if (typeof value === 'string' && !isExpression(value) && !values.includes(value)) {
        const near = closest(value, values);
        problems.push({ field: `${field}.${mapField}.${name}`, message: `"${value}" is not a value ${call} accepts for ${name}: ${values.join(', ')}`, fix: near ? `did you mean "${near}"? (${hint})` : hint });
      }
    }
  }
  return problems;
}

class Checker {
  constructor(
    private readonly shapes: Record<string, Structure | Enumeration>,
    private readonly call: string,
    private readonly language: QueryLanguage,
    private readonly problems: RequestProblem[],
  ) {}

  missingRequest(field: string, input: string): void {
    const required = (this.resolve(input as ShapeType) as Structure).r ?? [];
    if (required.length > 0) this.problems.push({ field, message: `${this.call} needs ${required.join(', ')}, and the state sends no request`, fix: `give the request: { ${required.map((r) => `${r}: ...`).join(', ')} }` });
  }

  private resolve(type: ShapeType): Exclude<ShapeType, `#${string}`> {
    return typeof type === 'string' && type.startsWith('#') ? this.shapes[type.slice(1)]! : (type as Exclude<ShapeType, `#${string}`>);
  }

  check(value: unknown, declared: ShapeType, path: string): void {
    if (value === null || isExpression(value)) return;
    const type = this.resolve(declared);
    const name = typeof declared === 'string' && declared.startsWith('#') ? declared.slice(1) : undefined;
    if (type === '*') return;
    if (Array.isArray(type)) return this.enumeration(value, type.slice(1) as string[], path);
    if (typeof type === 'string') return this.primitive(value, type, path);
    if ('l' in type) {
      if (!Array.isArray(value)) return this.wrong(value, 'a list', path);
      value.forEach((item, i) => this.check(item, type.l, `${path}[${i}]`));
      return;
    }
    if ('m' in type) {
      if (!isObject(value)) return this.wrong(value, 'an object (a map)', path);
      for (const [key, item] of Object.entries(value)) this.check(item, type.m, `${path}.${key.endsWith('.$') && this.language === 'JSONPath' ? key.slice(0, -2) : key}`);
      return;
    }
    this.structure(value, type, path, name);
  }

  private structure(value: unknown, type: Structure, path: string, name: string | undefined): void {
    if (!isObject(value)) return this.wrong(value, `an object${name ? ` (${name.replace(/@.*$/, '')})` : ''}`, path);
    const known = Object.keys(type.o);
    const present = new Set<string>();
    for (const [rawKey, item] of Object.entries(value)) {
      // JSONPath: `Key.$` takes its value at run time.
      const dynamic = this.language === 'JSONPath' && rawKey.endsWith('.$');
      const key = dynamic ? rawKey.slice(0, -2) : rawKey;
      const member = type.o[key];
      if (member === undefined) {
        const near = closest(key, known);
        this.problems.push({ field: `${path}.${key}`, message: `${this.call} has no field "${key}"${path.includes('.') ? ` in ${path.slice(path.indexOf('.') + 1)}` : ''}`, fix: near ? `did you mean "${near}"?` : `the fields are: ${known.join(', ')}` });
        continue;
      }
      present.add(key);
      if (!dynamic) this.check(item, member, `${path}.${key}`);
    }
    for (const required of type.r ?? []) {
      if (!present.has(required)) this.problems.push({ field: `${path}.${required}`, message: `${this.call} needs ${required}${path.includes('.') ? ` in ${path.slice(path.indexOf('.') + 1)}` : ''}, and the request has none`, fix: `add ${required} to the request` });
    }
    if (type.u && present.size > 1) this.problems.push({ field: path, message: `takes exactly one of ${known.join(', ')}, not ${[...present].join(' and ')}`, fix: 'keep one' });
  }

  private primitive(value: unknown, type: 's' | 'i' | 'n' | 'b' | 't', path: string): void {
    const ok = type === 's' ? typeof value === 'string' : type === 'i' ? Number.isInteger(value) : type === 'n' ? typeof value === 'number' : type === 'b' ? typeof value === 'boolean' : typeof value === 'string' || typeof value === 'number';
    if (!ok) this.wrong(value, { s: 'a string', i: 'a whole number', n: 'a number', b: 'true or false', t: 'a timestamp (ISO 8601 text or epoch seconds)' }[type], path);
  }

  private enumeration(value: unknown, values: string[], path: string): void {
    if (typeof value !== 'string') return this.wrong(value, `one of ${values.join(', ')}`, path);
    if (values.includes(value)) return;
    const near = closest(value, values);
    this.problems.push({ field: path, message: `"${value}" is not a value ${this.call} accepts here: ${values.join(', ')}`, fix: near ? `did you mean "${near}"?` : `use one of ${values.join(', ')}` });
  }

  private wrong(value: unknown, expected: string, path: string): void {
    const fix = this.language === 'JSONata' ? 'give the value, or a JSONata expression ({% ... %}) computed at run time' : 'give the value, or ref() a path to take it at run time';
    this.problems.push({ field: path, message: `${JSON.stringify(value)} is ${describe(value)}, but ${this.call} takes ${expected} here`, fix });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * Every Task of a definition (nested ones too) whose request is checked, with its problems located:
 * the state, the field and, when a builder recorded where the state was made in `file`, the line.
 */
export function checkRequests(definition: StateMachineDefinition, location: { file?: string; workflow?: string } = {}): Problem[] {
  const problems: Problem[] = [];
  for (const site of sites(definition)) {
    const state = site.state;
    if (state.Type !== 'Task' || typeof state.Resource !== 'string') continue;
    const request = site.language === 'JSONata' ? state.Arguments : state.Parameters;
    const found = checkRequest(state.Resource, request, site.language);
    if (found.length === 0) continue;
    const at = location.file ? callSiteOf(location.file, site.name) : undefined;
    for (const p of found) problems.push({ ...location, ...at, state: site.name, field: p.field, message: p.message, ...(p.fix ? { fix: p.fix } : {}) });
  }
  return problems;
}
