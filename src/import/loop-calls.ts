/**
 * The calls a polling loop may have been written as, read from its states: its service's builder
 * (`glue.startCrawler(name, options)`, `dms.startReplicationTask(request, options)`, ...), then
 * `pollUntil({...})` with every part spelled out. loops.ts keeps the first whose states are the
 * loop's own.
 */
import type { JsonValue, Retrier } from '../model/asl.js';
import { sdkResource } from '../integrations/integration.js';
import { array, arrow, call, isEmptyObject, lit, member, name as nameCode, object, props, type Code } from './code.js';
import * as request from './requests.js';
import { accepts, type Shape } from './shapes.js';
import { duration, retryCode, sameJson, valueOf } from './states.js';
import { jsonataCode, jsonCode, payloadCode, stringCode, type ValueContext } from './values.js';

type Json = Record<string, JsonValue>;

/** The states of a loop with pollUntil's shape (src/integrations/poll.ts). */
export interface LoopStates {
  prefix: string;
  /** The variable that counts polls: `polls_<prefix>`. */
  counter: string;
  head: string;
  start?: Json;
  wait: Json;
  check: Json;
  decide: Json;
  decideName: string;
  done: Json;
  doneName: string;
  failed?: { name: string; state: Json };
  timedOut: { name: string; state: Json };
  members: string[];
  handler?: string;
}

/** A candidate call, given the code of the Catch handler. */
export type LoopCall = (handler: Code | undefined) => Code;

interface Polled {
  callee: string;
  /** The SDK action that starts the work; a loop that starts nothing is known by its check instead. */
  start?: [service: string, action: string];
  check?: [service: string, action: string];
  /** The request's type; 'name' for `glue.startCrawler(crawlerName)`. */
  request: Shape | 'name';
  /** A loop that starts nothing reads its request from the check's arguments. */
  read?: (args: JsonValue | undefined) => JsonValue | undefined;
  /** Values of the `until` option besides the default, each the status the loop waits for. */
  until?: string[];
}

const POLLED: Polled[] = [
  { callee: 'glue.startCrawler', start: ['glue', 'startCrawler'], request: 'name' },
  { callee: 'glue.startDataQualityRun', start: ['glue', 'startDataQualityRulesetEvaluationRun'], request: request.startDataQualityRun },
  { callee: 'dms.startReplicationTask', start: ['databasemigration', 'startReplicationTask'], request: request.startReplicationTask, until: ['running', 'full-load-complete'] },
  {
    callee: 'dms.waitForReplicationTask',
    check: ['databasemigration', 'describeReplicationTasks'],
    request: request.replicationTask,
    read: (args) => ({ ReplicationTaskArn: at(args, 'Filters', 0, 'Values', 0) ?? null }),
    until: ['running', 'full-load-complete'],
  },
  { callee: 'datasync.startTaskExecution', start: ['datasync', 'startTaskExecution'], request: request.startTaskExecution },
  { callee: 'redshiftData.executeStatement', start: ['redshiftdata', 'executeStatement'], request: request.executeStatement },
  { callee: 'redshiftData.batchExecuteStatement', start: ['redshiftdata', 'batchExecuteStatement'], request: request.batchExecuteStatement },
  { callee: 'flink.startApplication', start: ['kinesisanalyticsv2', 'startApplication'], request: request.startApplication },
  { callee: 'flink.stopApplication', start: ['kinesisanalyticsv2', 'stopApplication'], request: request.stopApplication },
  {
    callee: 'flink.waitForApplication',
    check: ['kinesisanalyticsv2', 'describeApplication'],
    request: request.application,
    read: (args) => ({ ApplicationName: at(args, 'ApplicationName') ?? null }),
    until: ['READY'],
  },
  { callee: 'appflow.runFlow', start: ['appflow', 'startFlow'], request: request.runFlow },
];

/** The request type of a polled builder (its first argument), by its callee; 'name' for `glue.startCrawler`. */
export function polledRequestOf(callee: string): Shape | 'name' | undefined {
  return POLLED.find((p) => p.callee === callee)?.request;
}

/** The candidate calls for a loop, the most specific first. */
export function loopCalls(loop: LoopStates, values: ValueContext): LoopCall[] {
  const common = commonOptions(loop, values);
  if (!common) return [];
  const out: LoopCall[] = [];
  for (const polled of POLLED) {
    const own = polled.start ? loop.start?.Resource === sdkResource(...polled.start) : !loop.start && loop.check.Resource === sdkResource(...polled.check!);
    if (!own) continue;
    const raw = polled.read ? polled.read(loop.check.Arguments) : loop.start?.Arguments;
    if (!isObject(raw)) continue;
    let first: Code;
    if (polled.request === 'name') {
      if (Object.keys(raw).length !== 1 || typeof raw.Name !== 'string') continue;
      first = stringCode(raw.Name, values);
    } else {
      if (!accepts(polled.request, valueOf(raw, 'JSONata', values))) continue;
      first = payloadCode(raw, values);
    }
    const goal = common.succeeded.length === 1 && polled.until?.includes(common.succeeded[0]!) ? common.succeeded[0] : undefined;
    for (const named of [false, true]) {
      for (const variant of common.variants) {
        out.push((handler) => {
          const options = props([['name', named ? lit(loop.prefix) : undefined], ['until', goal === undefined ? undefined : lit(goal)], ...variant(handler)]);
          return isEmptyObject(options) ? call(polled.callee, first) : call(polled.callee, first, options);
        });
      }
    }
  }
  const generic = pollUntilCall(loop, values, common);
  if (generic) out.push(...generic);
  return out;
}

interface Common {
  /** The options every builder shares (pollEvery, maxPolls, retry, catch, output), for each way the catch may have been written. */
  variants: ((handler: Code | undefined) => [string, Code | undefined][])[];
  /** The loop's variables by name (`polls_Load_statementId`) → the property of `v` that names them. */
  vars: Map<string, string>;
  succeeded: string[];
}

function commonOptions(loop: LoopStates, values: ValueContext): Common | undefined {
  const rules = loop.decide.Choices as Json[];
  const limit = /^\{% \$(\w+) >= (\d+) %\}$/.exec(String(rules[rules.length - 1]!.Condition));
  const succeeded = statuses(rules[0]!.Condition, loop);
  if (!limit || limit[1] !== loop.counter || !succeeded) return undefined;
  const maxPolls = Number(limit[2]);
  const seconds = loop.wait.Seconds as number;

  // The builder gives its start and check calls the same retrier and catcher.
  const calls = loop.start ? [loop.start, loop.check] : [loop.check];
  const retry = calls[0]!.Retry;
  const catchers = calls[0]!.Catch;
  if (calls.some((c) => !sameJson(c.Retry, retry) || !sameJson(c.Catch, catchers))) return undefined;
  if ((retry !== undefined && (!Array.isArray(retry) || retry.length !== 1)) || (catchers !== undefined && (!Array.isArray(catchers) || catchers.length !== 1))) return undefined;
  const forms = catchers === undefined ? [() => undefined] : catchForms(catchers[0] as Json, values);

  const vars = loopVariables(loop);
  const output = loop.done.Output === undefined ? undefined : withVariables(loop.done.Output, vars, values);
  const base: [string, Code | undefined][] = [
    ['pollEvery', seconds === 30 ? undefined : duration(seconds)],
    ['maxPolls', maxPolls === 60 ? undefined : lit(maxPolls)],
    ['retry', Array.isArray(retry) ? retryCode(retry[0] as unknown as Retrier, values) : undefined],
  ];
  return {
    variants: forms.map((form) => (handler) => [...base, ['catch', form(handler)], ['output', output && arrow(output.usesVariables ? ['v'] : [], output.code)]]),
    vars,
    succeeded,
  };
}

/**
 * The `catch` option: the handler alone, or `{ handler, errors, resultPath, ... }`. The builder
 * turns a JSONPath-style resultPath into the Output that does the same in JSONata; an Output of
 * that form may have been either, so both are candidates.
 */
function catchForms(catcher: Json, values: ValueContext): ((handler: Code | undefined) => Code)[] {
  const { ErrorEquals, Output, Assign, Comment, ResultPath, Next, ...rest } = catcher;
  if (Object.keys(rest).length > 0 || typeof Next !== 'string') return [];
  const all = Array.isArray(ErrorEquals) && ErrorEquals.length === 1 && ErrorEquals[0] === 'States.ALL';
  const shared = (extra: [string, Code | undefined][]): [string, Code | undefined][] => [
    ['errors', all || ErrorEquals === undefined ? undefined : jsonCode(ErrorEquals, values)],
    ['resultPath', ResultPath === undefined ? undefined : jsonCode(ResultPath, values)],
    ...extra,
    ['assign', Assign === undefined ? undefined : payloadCode(Assign, values)],
    ['comment', Comment === undefined ? undefined : jsonCode(Comment, values)],
  ];
  const forms: [string, Code | undefined][][] = [];
  if (Output === undefined) forms.push(shared([]));
  else {
    const path = ResultPath === undefined ? resultPathOf(Output) : undefined;
    if (path !== undefined) forms.push(shared([['resultPath', lit(path)]]));
    forms.push(shared([['output', payloadCode(Output, values)]]));
  }
  return forms.map((entries) => (handler) => {
    const options = props(entries);
    if (handler === undefined) return options;
    return options.kind === 'object' && options.entries.length === 0 ? handler : props([['handler', handler], ...entries]);
  });
}

/** `$.error` for the Output that puts the error output at `$.error`; null for the one that keeps the input. */
function resultPathOf(output: JsonValue): string | null | undefined {
  if (output === '{% $states.input %}') return null;
  const field = /^\{% \$merge\(\[\$states\.input, \{ "([A-Za-z_]\w*)": \$states\.errorOutput \}\]\) %\}$/.exec(String(output))?.[1];
  return field === undefined ? undefined : `$.${field}`;
}

/** The loop's variables as `pollVariables` names them: the count, the status, and each value kept from the start call. */
function loopVariables(loop: LoopStates): Map<string, string> {
  const vars = new Map([[loop.counter, 'polls'], [`${loop.counter}_state`, 'status']]);
  const assign = loop.start?.Assign;
  if (isObject(assign)) {
    for (const key of Object.keys(assign)) {
      const kept = key.startsWith(`${loop.counter}_`) ? key.slice(loop.counter.length + 1) : undefined;
      if (kept && /^[A-Za-z_]\w*$/.test(kept) && kept !== 'state' && kept !== 'polls' && kept !== 'status') vars.set(key, kept);
    }
  }
  return vars;
}

/**
 * A JSONata value that reads the loop's variables, as code that names them through `v`:
 * `{% { "id": $polls_Load_statementId } %}` → expr(`{ "id": ${v.statementId} }`).
 */
function withVariables(value: JsonValue, vars: Map<string, string>, values: ValueContext): { code: Code; usesVariables: boolean } {
  let usesVariables = false;
  const visit = (v: JsonValue): Code => {
    if (typeof v === 'string') {
      const parts = variableParts(v, vars);
      if (!parts) return jsonataCode(v, values);
      usesVariables = true;
      return call('expr', parts.length === 1 && typeof parts[0] !== 'string' ? parts[0]! : { kind: 'template', parts });
    }
    if (Array.isArray(v)) return array(v.map(visit));
    if (isObject(v)) return object(Object.entries(v).map(([key, item]) => ({ key, value: visit(item) })));
    return lit(v);
  };
  const code = visit(value);
  return { code, usesVariables };
}

/** The expression of `{% ... %}` split around the loop's variables, or undefined when it reads none. */
function variableParts(text: string, vars: Map<string, string>, whole = true): (string | Code)[] | undefined {
  const inner = whole ? /^\{% ([\s\S]*) %\}$/.exec(text)?.[1] : text;
  if (inner === undefined || (whole && inner.trim() !== inner)) return undefined;
  const parts: (string | Code)[] = [];
  let last = 0;
  for (const match of inner.matchAll(/\$([A-Za-z_]\w*)/g)) {
    const property = vars.get(match[1]!);
    if (property === undefined) continue;
    if (match.index! > last) parts.push(inner.slice(last, match.index));
    parts.push(member(nameCode('v'), property));
    last = match.index! + match[0].length;
  }
  if (parts.length === 0) return undefined;
  if (last < inner.length) parts.push(inner.slice(last));
  return parts;
}

/** JSONata text (`status`, `reason`), as a function of the loop's variables where it reads them. */
function expressionCode(text: string, vars: Map<string, string>): Code {
  const parts = variableParts(text, vars, false);
  return parts ? arrow(['v'], { kind: 'template', parts }) : lit(text);
}

/** The statuses a Choice rule of the loop tests: `$polls_X_state = 'A'` or `$polls_X_state in ['A', 'B']`. */
function statuses(condition: JsonValue | undefined, loop: LoopStates): string[] | undefined {
  const match = /^\{% \$(\w+) (?:= ('(?:[^'\\]|\\.)*')|in \[(.*)\]) %\}$/s.exec(String(condition));
  if (!match || match[1] !== `${loop.counter}_state`) return undefined;
  return [...(match[2] ?? match[3]!).matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\'/g, "'"));
}

/** A failed or timed-out state's error, and its Cause when that is text. */
function failureOf(state: Json): { error: string; cause?: string } | undefined {
  if (state.Type === 'Fail') {
    if (typeof state.Error !== 'string') return undefined;
    return { error: state.Error, ...(typeof state.Cause === 'string' && !state.Cause.startsWith('{%') ? { cause: state.Cause } : {}) };
  }
  const error = /^(.*): continues where the loop's Catch goes$/s.exec(String(state.Comment))?.[1];
  if (error === undefined) return undefined;
  const cause = /"Cause": ("(?:[^"\\]|\\.)*") \}/.exec(String(state.Output))?.[1];
  return { error, ...(cause !== undefined ? { cause: JSON.parse(cause) as string } : {}) };
}

/** `pollUntil({...})` with every part read from the states. */
function pollUntilCall(loop: LoopStates, values: ValueContext, common: Common): LoopCall[] | undefined {
  const { start, check, counter, prefix } = loop;
  const assign = check.Assign;
  if (!isObject(assign) || typeof check.Resource !== 'string' || check.Arguments === undefined || (start && (typeof start.Resource !== 'string' || start.Arguments === undefined))) return undefined;
  const status = /^\{% ([\s\S]*) %\}$/.exec(String(assign[`${counter}_state`]))?.[1];
  const reasonText = /^\{% ([\s\S]*) %\}$/.exec(String(assign[`${counter}_reason`]))?.[1];
  const reason = reasonText === undefined ? undefined : reasonOf(reasonText);
  const failed = loop.failed ? statuses((loop.decide.Choices as Json[])[1]!.Condition, loop) : undefined;
  const failure = loop.failed ? failureOf(loop.failed.state) : undefined;
  const timeout = failureOf(loop.timedOut.state);
  if (status === undefined || (reasonText !== undefined && reason === undefined) || (loop.failed && (!failed || !failure)) || !timeout?.cause) return undefined;

  const label = (name: string, fallback: string) => (name.startsWith(`${prefix}: `) ? name.slice(prefix.length + 2) : undefined) ?? fallback;
  const labels: [string, Code | undefined][] = [
    ['done', label(loop.doneName, 'done') === 'done' ? undefined : lit(label(loop.doneName, 'done'))],
    ['check', label(loop.decideName, 'done?') === 'done?' ? undefined : lit(label(loop.decideName, 'done?'))],
    ['failed', !loop.failed || label(loop.failed.name, 'failed') === 'failed' ? undefined : lit(label(loop.failed.name, 'failed'))],
  ];
  const keep = isObject(start?.Assign)
    ? Object.entries(start.Assign)
        .filter(([key]) => common.vars.has(key) && key !== counter)
        .map(([key, value]) => ({ key: common.vars.get(key)!, value: lit(/^\{% ([\s\S]*) %\}$/.exec(String(value))?.[1] ?? String(value)) }))
    : [];
  const checkArguments = withVariables(check.Arguments!, common.vars, values);
  return common.variants.map((variant) => (handler) =>
    call(
      'pollUntil',
      props([
        ['name', lit(prefix)],
        ['start', start ? props([['resource', stringCode(start.Resource as string, values)], ['arguments', payloadCode(start.Arguments!, values)], ['keep', keep.length > 0 ? object(keep) : undefined]]) : undefined],
        ['check', props([['resource', stringCode(check.Resource as string, values)], ['arguments', arrow(checkArguments.usesVariables ? ['v'] : [], checkArguments.code)]])],
        ['status', expressionCode(status, common.vars)],
        ['reason', reason === undefined ? undefined : expressionCode(reason, common.vars)],
        ['succeeded', array(common.succeeded.map(lit))],
        ['failed', failed ? array(failed.map(lit)) : undefined],
        ['errors', props([['failed', failure ? lit(failure.error) : undefined], ['timeout', lit(timeout.error)]])],
        ['timeoutCause', lit(timeout.cause!)],
        ['labels', labels.some(([, v]) => v) ? props(labels) : undefined],
        ...variant(handler),
      ]),
    ),
  );
}

/** R, from the reason's assignment `$exists(R) ? $string(R) : ''` (a missing reason must not fail the poll). */
function reasonOf(text: string): string | undefined {
  const length = (text.length - "$exists() ? $string() : ''".length) / 2;
  const reason = text.slice('$exists('.length, '$exists('.length + length);
  return Number.isInteger(length) && length > 0 && text === `$exists(${reason}) ? $string(${reason}) : ''` ? reason : undefined;
}

function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A value inside JSON by its path, or undefined. */
function at(value: JsonValue | undefined, ...path: (string | number)[]): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const key of path) {
    if (typeof key === 'number' ? !Array.isArray(current) : !isObject(current)) return undefined;
    current = (current as Record<string | number, JsonValue>)[key];
  }
  return current;
}
