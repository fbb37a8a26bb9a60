/**
 * One ASL state as the DSL call that builds it: `glue.startJobRun('Convert', {...}, {...})`,
 * `choice('Ready?').when(...)`, with its Retry and Catch, but without its Next (the structure
 * chains states with `.next()`). Transitions and nested machines are asked of the caller, which
 * decides whether a target is written inline, by its declared name, or by its state name.
 */
import type { Catcher, ChoiceRule, JsonValue, QueryLanguage, Retrier, State, SubMachine } from '../model/asl.js';
import { toRetrier, retries, type RetryOptions } from '../dsl/retry.js';
import { toSeconds } from '../dsl/duration.js';
import * as integrations from '../integrations/index.js';
import { LAMBDA_SERVICE_RETRY } from '../integrations/lambda.js';
import { array, call, lit, method, object, props, type Code, type Entry } from './code.js';
import { matchResource, type Builder } from './builders.js';
import { accepts, type Value } from './shapes.js';
import { jsonataCode, jsonCode, pathCode, payloadCode, stringCode, type ValueContext } from './values.js';

/** How plain the generated code is: typed builders and helpers, then `task()`, then JSON as written, then kept fields. */
export type Level = 0 | 1 | 2 | 3;

export interface StateContext {
  level: Level;
  /** The workflow's query language, and the state's effective one. */
  top: QueryLanguage;
  language: QueryLanguage;
  placeholder(key: string): Code | undefined;
  /** The code for a transition to `target` from `field`. */
  target(target: string, field: string): Code;
  /** The code for a Parallel branch or Map processor. */
  machine(machine: SubMachine, field: string): Code;
  /** Fields to write as given (level 3: where the DSL renders them differently). */
  keep: Record<string, JsonValue>;
  /** A field this importer does not know: kept as written, and said. */
  unknown(field: string): void;
}

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const DATA = ['InputPath', 'OutputPath', 'Output', 'Assign'];
const RECOVERY = ['Retry', 'Catch', 'Next', 'End'];
/** The fields the DSL writes, per state type; any other is kept with extraFields. */
export const KNOWN_FIELDS: Record<string, string[]> = {
  Task: [...COMMON, ...DATA, ...RECOVERY, 'Resource', 'Parameters', 'Arguments', 'Credentials', 'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath', 'ResultSelector', 'ResultPath'],
  Pass: [...COMMON, ...DATA, 'Next', 'End', 'Parameters', 'Result', 'ResultPath'],
  Choice: [...COMMON, ...DATA, 'Choices', 'Default'],
  Wait: [...COMMON, ...DATA, 'Next', 'End', 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'],
  Succeed: [...COMMON, ...DATA],
  Fail: [...COMMON, 'Error', 'ErrorPath', 'Cause', 'CausePath'],
  Parallel: [...COMMON, ...DATA, ...RECOVERY, 'Parameters', 'Arguments', 'Branches', 'ResultSelector', 'ResultPath'],
  Map: [
    ...COMMON, ...DATA, ...RECOVERY, 'Items', 'ItemsPath', 'ItemReader', 'ItemSelector', 'Parameters', 'ItemBatcher', 'ItemProcessor', 'Iterator', 'ResultWriter',
    'MaxConcurrency', 'MaxConcurrencyPath', 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'ToleratedFailureCount', 'ToleratedFailureCountPath',
    'Label', 'ResultSelector', 'ResultPath',
  ],
};

const FACTORY: Record<string, string> = { Task: 'task', Pass: 'pass', Choice: 'choice', Wait: 'wait', Succeed: 'succeed', Fail: 'fail', Parallel: 'parallel', Map: 'map' };

export function stateCode(name: string, state: State, ctx: StateContext): Code {
  const s = state as unknown as Record<string, JsonValue>;
  const values = valueContext(ctx);
  const payload = (v: JsonValue | undefined) => (v === undefined ? undefined : ctx.level >= 2 ? jsonCode(v, values) : payloadCode(v, values));
  const text = (v: JsonValue | undefined) => (v === undefined ? undefined : jsonCode(v, values));

  for (const field of Object.keys(s)) if (!(KNOWN_FIELDS[state.Type] ?? COMMON).includes(field)) ctx.unknown(field);
  const extra: Entry[] = Object.entries(s)
    .filter(([field]) => !(KNOWN_FIELDS[state.Type] ?? COMMON).includes(field) || field in ctx.keep)
    .map(([field]) => ({ key: field, value: jsonCode(field in ctx.keep ? ctx.keep[field]! : s[field]!, values) }));

  const common: [string, Code | undefined][] = [
    ['comment', text(s.Comment)],
    ['queryLanguage', ctx.language !== ctx.top ? lit(ctx.language) : undefined],
    ['declareQueryLanguage', s.QueryLanguage !== undefined && s.QueryLanguage === ctx.top ? lit(true) : undefined],
  ];
  const data: [string, Code | undefined][] = [
    ['inputPath', text(s.InputPath)],
    ['outputPath', text(s.OutputPath)],
    ['output', payload(s.Output)],
    ['assign', payload(s.Assign)],
  ];
  const result: [string, Code | undefined][] = [
    ['resultSelector', payload(s.ResultSelector)],
    ['resultPath', text(s.ResultPath)],
  ];
  const extraFields: [string, Code | undefined][] = [['extraFields', extra.length > 0 ? object(extra) : undefined]];
  const named = lit(name);

  switch (state.Type) {
    case 'Task': {
      const options: [string, Code | undefined][] = [
        ...common,
        ['inputPath', text(s.InputPath)],
        ['credentials', payload(s.Credentials)],
        ['timeout', seconds(s.TimeoutSeconds, s.TimeoutSecondsPath, values)],
        ['heartbeat', seconds(s.HeartbeatSeconds, s.HeartbeatSecondsPath, values)],
        ...result,
        ...data.slice(1),
        ...extraFields,
      ];
      const typed = ctx.level === 0 ? builderCall(name, state, options, ctx, values) : undefined;
      const base =
        typed?.code ??
        call('task', named, props([['resource', stringCode(state.Resource, values)], ['parameters', payload(s.Parameters)], ['arguments', payload(s.Arguments)], ...options]));
      return recovery(base, typed ? typed.retries : (state.Retry ?? []), state.Catch, ctx, values);
    }
    case 'Pass':
      return call('pass', named, ...optional(props([...common, ['inputPath', text(s.InputPath)], ['parameters', payload(s.Parameters)], ['result', text(s.Result)], ['resultPath', text(s.ResultPath)], ...data.slice(1), ...extraFields])));
    case 'Wait':
      return call('wait', named, props([...common, ['inputPath', text(s.InputPath)], ...waitFields(s, values), ...data.slice(1), ...extraFields]));
    case 'Succeed':
      return call('succeed', named, ...optional(props([...common, ...data, ...extraFields])));
    case 'Fail':
      return call(
        'fail',
        named,
        ...optional(props([...common, ['error', failText(s.Error, values)], ['cause', failText(s.Cause, values)], ['errorPath', text(s.ErrorPath)], ['causePath', text(s.CausePath)], ...extraFields])),
      );
    case 'Choice':
      return choiceCode(name, state, props([...common, ['inputPath', text(s.InputPath)], ...data.slice(1), ...extraFields]), ctx, values);
    case 'Parallel': {
      const branches = (state.Branches ?? []).map((branch, i) => ctx.machine(branch, `Branches[${i}]`));
      const options = props([...common, ['inputPath', text(s.InputPath)], ['branches', array(branches)], ['parameters', payload(s.Parameters)], ['arguments', payload(s.Arguments)], ...result, ...data.slice(1), ...extraFields]);
      return recovery(call('parallel', named, options), state.Retry ?? [], state.Catch, ctx, values);
    }
    case 'Map':
      return recovery(call('map', named, mapOptions(state, common, data, result, extraFields, payload, text, ctx, values)), state.Retry ?? [], state.Catch, ctx, values);
    default:
      return call(FACTORY[(state as State).Type] ?? 'pass', named);
  }
}

function valueContext(ctx: StateContext): ValueContext {
  return { language: ctx.language, placeholder: ctx.placeholder };
}

/** No argument at all for an empty options object: `succeed('Done')`. */
function optional(options: Code): Code[] {
  return options.kind === 'object' && options.entries.length === 0 ? [] : [options];
}

/** Seconds as a duration users read (`'5m'`, `'1h30m'`), a JSONata expression, or `{ path }`. */
export function duration(value: number): Code {
  if (Number.isInteger(value) && value > 0) {
    let rest = value;
    let text = '';
    for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
      const count = Math.floor(rest / size);
      if (count > 0) text += `${count}${unit}`;
      rest -= count * size;
    }
    if (toSeconds(text) === value) return lit(text);
  }
  return lit(value);
}

function seconds(value: JsonValue | undefined, path: JsonValue | undefined, values: ValueContext): Code | undefined {
  if (path !== undefined) return typeof path === 'string' ? object([{ key: 'path', value: lit(path) }]) : undefined;
  if (typeof value === 'number') return duration(value);
  if (typeof value === 'string') return values.language === 'JSONata' ? jsonataCode(value, values) : lit(value);
  return value === undefined ? undefined : jsonCode(value, values);
}

function waitFields(s: Record<string, JsonValue>, values: ValueContext): [string, Code | undefined][] {
  if (s.Seconds !== undefined || s.SecondsPath !== undefined) return [['seconds', seconds(s.Seconds, s.SecondsPath, values)]];
  if (s.TimestampPath !== undefined) return [['timestamp', object([{ key: 'path', value: jsonCode(s.TimestampPath, values) }])]];
  if (typeof s.Timestamp === 'string' && values.language === 'JSONata') return [['timestamp', jsonataCode(s.Timestamp, values)]];
  return [['timestamp', s.Timestamp === undefined ? undefined : jsonCode(s.Timestamp, values)]];
}

function failText(value: JsonValue | undefined, values: ValueContext): Code | undefined {
  if (typeof value === 'string' && values.language === 'JSONata') return jsonataCode(value, values);
  return value === undefined ? undefined : jsonCode(value, values);
}

// ---------------------------------------------------------------- Retry and Catch

/** Every preset `retries.x()` and `<service>.retries.x()`, to name a retrier that is exactly one. */
const PRESETS: { callee: string; retrier: Retrier }[] = (() => {
  const out: { callee: string; retrier: Retrier }[] = [];
  const add = (prefix: string, presets: Record<string, (o?: RetryOptions) => RetryOptions>) => {
    for (const [key, preset] of Object.entries(presets)) out.push({ callee: `${prefix}.${key}`, retrier: toRetrier(preset()) });
  };
  add('retries', retries);
  for (const [service, value] of Object.entries(integrations)) {
    const presets = (value as { retries?: Record<string, (o?: RetryOptions) => RetryOptions> }).retries;
    if (presets && typeof presets === 'object') add(`${service}.retries`, presets);
  }
  return out;
})();

const RETRIER_FIELDS = ['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds', 'JitterStrategy', 'Comment'];

export function retryCode(retrier: Retrier, values: ValueContext): Code {
  const preset = PRESETS.find((p) => sameJson(p.retrier, retrier));
  if (preset) return call(preset.callee);
  const options = retryOptions(retrier, values);
  // A preset adjusted (`retries.throttling({ maxAttempts: 3 })`): same comment, every preset field still there, few changes.
  for (const p of PRESETS) {
    if (p.retrier.Comment === undefined || p.retrier.Comment !== retrier.Comment) continue;
    const mine = retrier as unknown as Record<string, unknown>;
    const theirs = p.retrier as unknown as Record<string, unknown>;
    if (Object.keys(theirs).some((k) => mine[k] === undefined)) continue;
    const changed = Object.keys(mine).filter((k) => !sameJson(mine[k], theirs[k]));
    if (changed.length === 0 || changed.length > 3 || options.kind !== 'object') continue;
    const names = changed.map((k) => RETRY_OPTION[k]);
    return call(p.callee, { kind: 'object', entries: options.entries.filter((e) => names.includes(e.key)) });
  }
  return options;
}

const RETRY_OPTION: Record<string, string> = { ErrorEquals: 'errors', IntervalSeconds: 'interval', MaxAttempts: 'maxAttempts', BackoffRate: 'backoffRate', MaxDelaySeconds: 'maxDelay', JitterStrategy: 'jitter', Comment: 'comment' };

function retryOptions(retrier: Retrier, values: ValueContext): Code {
  const r = retrier as unknown as Record<string, JsonValue>;
  const errors = Array.isArray(retrier.ErrorEquals) && !(retrier.ErrorEquals.length === 1 && retrier.ErrorEquals[0] === 'States.ALL') ? jsonCode(retrier.ErrorEquals, values) : undefined;
  return props([
    ['errors', errors ?? (retrier.ErrorEquals === undefined ? undefined : jsonCode(retrier.ErrorEquals, values))],
    ['interval', typeof r.IntervalSeconds === 'number' ? duration(r.IntervalSeconds) : undefined],
    ['maxAttempts', r.MaxAttempts === undefined ? undefined : jsonCode(r.MaxAttempts, values)],
    ['backoffRate', r.BackoffRate === undefined ? undefined : jsonCode(r.BackoffRate, values)],
    ['maxDelay', typeof r.MaxDelaySeconds === 'number' ? duration(r.MaxDelaySeconds) : undefined],
    ['jitter', r.JitterStrategy === undefined ? undefined : jsonCode(r.JitterStrategy, values)],
    ['comment', r.Comment === undefined ? undefined : jsonCode(r.Comment, values)],
  ]);
}

/** Whether a retrier or catcher says only what the DSL can write. */
export function plainRetrier(retrier: Retrier): boolean {
  return Object.keys(retrier).every((k) => RETRIER_FIELDS.includes(k)) && Array.isArray(retrier.ErrorEquals) && (retrier.IntervalSeconds === undefined || typeof retrier.IntervalSeconds === 'number') && (retrier.MaxDelaySeconds === undefined || typeof retrier.MaxDelaySeconds === 'number');
}

function recovery(base: Code, retriers: Retrier[], catchers: Catcher[] | undefined, ctx: StateContext, values: ValueContext): Code {
  let code = base;
  for (const retrier of retriers) code = method(code, 'retry', retryCode(retrier, values));
  (catchers ?? []).forEach((catcher, i) => {
    const c = catcher as unknown as Record<string, JsonValue>;
    const errors = Array.isArray(catcher.ErrorEquals) && !(catcher.ErrorEquals.length === 1 && catcher.ErrorEquals[0] === 'States.ALL') ? jsonCode(catcher.ErrorEquals, values) : undefined;
    const payload = (v: JsonValue | undefined) => (v === undefined ? undefined : ctx.level >= 2 ? jsonCode(v, values) : payloadCode(v, values));
    const options = props([
      ['errors', errors],
      ['resultPath', c.ResultPath === undefined ? undefined : jsonCode(c.ResultPath, values)],
      ['output', payload(c.Output)],
      ['assign', payload(c.Assign)],
      ['comment', c.Comment === undefined ? undefined : jsonCode(c.Comment, values)],
    ]);
    code = method(code, 'catch', ctx.target(catcher.Next, `Catch[${i}].Next`), ...optional(options));
  });
  return code;
}

// ---------------------------------------------------------------- Task builders

/** The typed builder call for a Task, where its Resource names one and its request fits the builder's type. */
function builderCall(name: string, state: State & { Type: 'Task' }, options: [string, Code | undefined][], ctx: StateContext, values: ValueContext): { code: Code; retries: Retrier[] } | undefined {
  const match = matchResource(state.Resource);
  if (!match) return undefined;
  const requestField = ctx.language === 'JSONata' ? 'Arguments' : 'Parameters';
  const otherField = ctx.language === 'JSONata' ? 'Parameters' : 'Arguments';
  const raw = (state as unknown as Record<string, JsonValue>)[requestField];
  if ((state as unknown as Record<string, JsonValue>)[otherField] !== undefined || raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  let request = raw as Record<string, JsonValue>;
  const extra: [string, Code | undefined][] = [];
  let retriers = state.Retry ?? [];
  const builder: Builder | undefined = match.builder;

  if (builder?.callee === 'glue.startJobRun') {
    const args = request.Arguments;
    if (args && typeof args === 'object' && !Array.isArray(args)) {
      const keys = Object.keys(args);
      const bookmark = /^job-bookmark-(enable|disable|pause)$/.exec(String(args['--job-bookmark-option']))?.[1];
      if (bookmark && keys[keys.length - 1] === '--job-bookmark-option') {
        const { ['--job-bookmark-option']: _, ...rest } = args;
        request = { ...request, ...(Object.keys(rest).length > 0 ? { Arguments: rest } : {}) };
        if (Object.keys(rest).length === 0) delete request.Arguments;
        extra.push(['jobBookmark', lit(bookmark)]);
      }
    }
  }
  if (builder?.callee === 'lambda.invoke') {
    if (retriers.length > 0 && sameJson(retriers[0], toRetrier(LAMBDA_SERVICE_RETRY))) retriers = retriers.slice(1);
    else extra.push(['retryOnServiceExceptions', lit(false)]);
  }
  if (builder && !accepts(builder.request, valueOf(request, ctx.language, values))) return undefined;
  const requestCode = payloadCode(request, values);
  const pattern: [string, Code | undefined] = ['pattern', builder ? (match.pattern === builder.patterns[0] ? undefined : lit(match.pattern)) : match.pattern === 'requestResponse' ? undefined : lit(match.pattern)];
  if (!builder) {
    // awsSdk(service, action, parameters, { name, ... }): any SDK action.
    const sdkOptions = props([['name', lit(name)], pattern, ...options]);
    return { code: call('awsSdk', lit(match.service), lit(match.action), requestCode, sdkOptions), retries: retriers };
  }
  const optionsCode = props([pattern, ...extra, ...options]);
  return { code: call(builder.callee, lit(name), requestCode, ...optional(optionsCode)), retries: retriers };
}

/** How the generated request is typed, to test it against the builder's signature. */
export function valueOf(value: JsonValue, language: QueryLanguage, values: ValueContext): Value {
  if (typeof value === 'string') {
    if (/\$\{[^}]+\}/.test(value) && stringCode(value, values).kind !== 'literal') return { kind: 'placeholder' };
    return language === 'JSONata' && /^\{%[\s\S]*%\}$/.test(value) ? { kind: 'jsonata' } : { kind: 'json', value };
  }
  if (Array.isArray(value)) return { kind: 'array', items: value.map((v) => valueOf(v, language, values)) };
  if (value === null || typeof value !== 'object') return { kind: 'json', value };
  const entries: Record<string, Value> = {};
  const keys = new Set(Object.keys(value));
  for (const [key, v] of Object.entries(value)) {
    if (language === 'JSONPath' && key.endsWith('.$') && key.length > 2 && typeof v === 'string' && !keys.has(key.slice(0, -2))) entries[key.slice(0, -2)] = { kind: 'ref' };
    else entries[key] = valueOf(v, language, values);
  }
  return { kind: 'object', entries };
}

// ---------------------------------------------------------------- Choice

const COMPARISONS = [
  'StringEquals', 'StringEqualsPath', 'StringLessThan', 'StringLessThanPath', 'StringGreaterThan', 'StringGreaterThanPath',
  'StringLessThanEquals', 'StringLessThanEqualsPath', 'StringGreaterThanEquals', 'StringGreaterThanEqualsPath', 'StringMatches',
  'NumericEquals', 'NumericEqualsPath', 'NumericLessThan', 'NumericLessThanPath', 'NumericGreaterThan', 'NumericGreaterThanPath',
  'NumericLessThanEquals', 'NumericLessThanEqualsPath', 'NumericGreaterThanEquals', 'NumericGreaterThanEqualsPath',
  'BooleanEquals', 'BooleanEqualsPath', 'TimestampEquals', 'TimestampEqualsPath', 'TimestampLessThan', 'TimestampLessThanPath',
  'TimestampGreaterThan', 'TimestampGreaterThanPath', 'TimestampLessThanEquals', 'TimestampLessThanEqualsPath',
  'TimestampGreaterThanEquals', 'TimestampGreaterThanEqualsPath',
];
const TESTS = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'];

function helperName(operator: string): string {
  return operator[0]!.toLowerCase() + operator.slice(1);
}

/** The TypeScript type of an operator's value in `ChoiceRule`. */
function operandType(operator: string): 'string' | 'number' | 'boolean' {
  if (operator.endsWith('Path')) return 'string';
  if (operator.startsWith('Numeric')) return 'number';
  if (operator.startsWith('Boolean') || operator.startsWith('Is')) return 'boolean';
  return 'string';
}

/** A JSONPath rule with the `conditions` helpers; anything else as an object literal. */
export function conditionCode(rule: ChoiceRule, values: ValueContext, level: Level): Code {
  const r = rule as Record<string, unknown>;
  const keys = Object.keys(r);
  const nested = (list: unknown) => Array.isArray(list) && list.every((x) => x && typeof x === 'object' && !Array.isArray(x));
  if (level < 2) {
    if (keys.length === 1 && (keys[0] === 'And' || keys[0] === 'Or') && nested(r[keys[0]]) && (r[keys[0]] as unknown[]).length > 0) {
      return call(`conditions.${keys[0] === 'And' ? 'and' : 'or'}`, ...(r[keys[0]] as ChoiceRule[]).map((x) => conditionCode(x, values, level)));
    }
    if (keys.length === 1 && keys[0] === 'Not' && r.Not && typeof r.Not === 'object' && !Array.isArray(r.Not)) return call('conditions.not', conditionCode(r.Not as ChoiceRule, values, level));
    const operator = keys.find((k) => k !== 'Variable');
    if (keys.length === 2 && typeof r.Variable === 'string' && operator && (COMPARISONS.includes(operator) || TESTS.includes(operator)) && typeof r[operator] === operandType(operator)) {
      const variable = stringCode(r.Variable, values);
      if (TESTS.includes(operator)) return call(`conditions.${helperName(operator)}`, variable, ...(r[operator] === true ? [] : [lit(false)]));
      return call(`conditions.${helperName(operator)}`, variable, jsonCode(r[operator] as JsonValue, values));
    }
  }
  const literal = jsonCode(rule as unknown as JsonValue, values);
  return wellTyped(rule) ? literal : { kind: 'cast', value: literal, type: 'Condition' };
}

/** Whether a rule object type-checks as a `Condition` (known operators with values of their type). */
function wellTyped(rule: unknown): boolean {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return false;
  return Object.entries(rule).every(([key, value]) => {
    if (key === 'Variable' || key === 'Comment') return typeof value === 'string';
    if (key === 'And' || key === 'Or') return Array.isArray(value) && value.every(wellTyped);
    if (key === 'Not') return wellTyped(value);
    if (COMPARISONS.includes(key) || TESTS.includes(key)) return typeof value === operandType(key);
    return false;
  });
}

function choiceCode(name: string, state: State & { Type: 'Choice' }, options: Code, ctx: StateContext, values: ValueContext): Code {
  let code = call('choice', lit(name), ...optional(options));
  const payload = (v: JsonValue | undefined) => (v === undefined ? undefined : ctx.level >= 2 ? jsonCode(v, values) : payloadCode(v, values));
  (state.Choices ?? []).forEach((rule, i) => {
    const { Next, Comment, Assign, Output, Condition, ...test } = rule as ChoiceRule & Record<string, JsonValue>;
    let condition: Code;
    if (Condition !== undefined && Object.keys(test).length === 0) {
      condition = typeof Condition === 'string' ? (ctx.level >= 2 ? lit(Condition) : jsonataCode(Condition, values)) : typeof Condition === 'boolean' ? lit(Condition) : jsonCode(Condition, values);
    } else {
      const whole = Condition === undefined ? test : { ...test, Condition };
      condition = conditionCode(whole as ChoiceRule, values, ctx.level);
    }
    const whenOptions = props([
      ['comment', Comment === undefined ? undefined : jsonCode(Comment, values)],
      ['assign', payload(Assign)],
      ['output', payload(Output)],
    ]);
    code = method(code, 'when', condition, ctx.target(String(Next), `Choices[${i}].Next`), ...optional(whenOptions));
  });
  if (state.Default !== undefined) code = method(code, 'otherwise', ctx.target(state.Default, 'Default'));
  return code;
}

// ---------------------------------------------------------------- Map

function numberField(s: Record<string, JsonValue>, field: string, values: ValueContext): Code | undefined {
  if (s[`${field}Path`] !== undefined) return object([{ key: 'path', value: jsonCode(s[`${field}Path`]!, values) }]);
  const v = s[field];
  if (typeof v === 'string' && values.language === 'JSONata') return jsonataCode(v, values);
  return v === undefined ? undefined : jsonCode(v, values);
}

function mapOptions(
  state: State & { Type: 'Map' },
  common: [string, Code | undefined][],
  data: [string, Code | undefined][],
  result: [string, Code | undefined][],
  extraFields: [string, Code | undefined][],
  payload: (v: JsonValue | undefined) => Code | undefined,
  text: (v: JsonValue | undefined) => Code | undefined,
  ctx: StateContext,
  values: ValueContext,
): Code {
  const s = state as unknown as Record<string, JsonValue>;
  const field = state.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
  const processor = (state.ItemProcessor ?? state.Iterator ?? { StartAt: '', States: {} }) as SubMachine;
  const config = processor.ProcessorConfig;
  const defaultMode = state.ItemReader || state.ResultWriter || state.ItemBatcher ? 'DISTRIBUTED' : 'INLINE';
  const mode = config?.Mode;
  return props([
    ...common,
    ['inputPath', text(s.InputPath)],
    ['mode', mode !== undefined && mode !== defaultMode ? lit(mode) : undefined],
    ['executionType', config?.ExecutionType !== undefined && config.ExecutionType !== 'STANDARD' ? lit(config.ExecutionType) : undefined],
    ['items', payload(s.Items)],
    ['itemsPath', text(s.ItemsPath)],
    ['itemReader', text(s.ItemReader)],
    ['itemSelector', payload(s.ItemSelector)],
    ['parameters', payload(s.Parameters)],
    ['itemBatcher', text(s.ItemBatcher)],
    ['resultWriter', text(s.ResultWriter)],
    ['maxConcurrency', numberField(s, 'MaxConcurrency', values)],
    ['toleratedFailurePercentage', numberField(s, 'ToleratedFailurePercentage', values)],
    ['toleratedFailureCount', numberField(s, 'ToleratedFailureCount', values)],
    ['label', text(s.Label)],
    ['processorField', field === 'Iterator' ? lit('Iterator') : undefined],
    ['processorConfig', config === undefined ? lit(false) : undefined],
    ['processor', ctx.machine(processor, field)],
    ...result,
    ...data.slice(1),
    ...extraFields,
  ]);
}

/** Equal as JSON, key order aside. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
