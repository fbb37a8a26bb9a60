/**
 * A polling loop (Wait → describe → Choice) whose start call has no operator that waits, or that
 * waits for work something else started, becomes a sensor: the Amazon provider's where one checks
 * the same thing, otherwise a PythonSensor whose poke makes the loop's describe call through boto3
 * and evaluates the loop's own status expression and Choice rules (translated to Python). The
 * loop's poll interval is the sensor's `poke_interval` and its poll budget the sensor's `timeout`;
 * `mode: reschedule` frees the worker between pokes, as a Wait state costs nothing.
 */
import type { ChoiceRule, JsonValue, State, TaskState } from '../model/asl.js';
import { parseResource } from '../model/resource.js';
import type { PollLoop } from './graph.js';
import { field, sdkCall } from './integrations.js';
import type { Fidelity, HelperFunction } from './model.js';
import { AMAZON } from './operators.js';
import { jsonTemplate, render, whyNotTemplate } from './render.js';
import { fold, get, lit, opaque, python, whyOpaque, type Sym } from './sym.js';
import { fromJsonata, fromValue, type Scope } from './translate.js';

export interface LoopSensor {
  /** Dotted operator path, or 'python' for the core PythonSensor. */
  operator: string | 'python';
  params: Record<string, JsonValue>;
  helper?: HelperFunction;
  fidelity: Fidelity;
  notes: string[];
  /** Set when the loop cannot become a sensor on this target. */
  why?: string;
}

interface LoopContext {
  serverless: boolean;
  /** The helper module's import path (stepwright_helpers.<workflow>). */
  module: string;
  /** The sensor's task id (names the helper function). */
  taskId: string;
}

const exprOf = (condition: unknown) => String(condition ?? '').replace(/^\{%|%\}$/g, '').trim();

/** Statuses a rule tests the loop's status variable against (`$v = 'X'`, `$v in ['X', 'Y']`). */
function statusesOf(rule: ChoiceRule | undefined, variable: string): string[] | undefined {
  const text = exprOf(rule?.Condition);
  const one = new RegExp(`^\\$${variable} = '([^']*)'$`).exec(text);
  if (one) return [one[1]!];
  const many = new RegExp(`^\\$${variable} in \\[([^\\]]*)\\]$`).exec(text);
  return many ? [...many[1]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!) : undefined;
}

export function loopSensor(loop: PollLoop, states: Record<string, State>, scope: Scope, ctx: LoopContext): LoopSensor {
  const check = states[loop.check] as TaskState;
  const decide = states[loop.choice] as Extract<State, { Type: 'Choice' }>;
  const resource = parseResource(check.Resource);
  const counter = Object.keys(check.Assign ?? {}).find((k) => exprOf(check.Assign![k]) === `$${k} + 1`) ?? '';
  const rules = decide.Choices.filter((r) => !exprOf(r.Condition).startsWith(`$${counter} >=`));
  const succeeded = statusesOf(rules[0], `${counter}_state`);
  const failedRule = rules.slice(1).find((r) => loop.failureStates.includes(r.Next!));
  const failed = failedRule ? statusesOf(failedRule, `${counter}_state`) ?? [] : [];
  const polls = loop.maxPolls ?? 60;
  const timing = { poke_interval: loop.pollSeconds, timeout: polls * loop.pollSeconds, mode: 'reschedule' } as Record<string, JsonValue>;
  const base = [`the polling loop (${loop.wait}, ${loop.check}, ${loop.choice}) becomes a sensor poking every ${loop.pollSeconds}s (mode reschedule) with a timeout of ${polls} × ${loop.pollSeconds}s`];
  const key = `${resource.service}:${resource.action}`;
  const request = fromValue(check.Arguments ?? {}, 'JSONata', scope);

  if (key === 'kinesisanalyticsv2:describeApplication' && succeeded?.join() === 'RUNNING') {
    const name = render(field(request, 'ApplicationName') ?? opaque('no ApplicationName'));
    return {
      operator: AMAZON.KinesisAnalyticsV2StartApplicationCompletedSensor,
      params: { application_name: name.value, ...timing },
      fidelity: name.why ? 'not expressible' : 'approximated',
      notes: [...base, `KinesisAnalyticsV2StartApplicationCompletedSensor waits for RUNNING; it fails on the provider's own list of start-failure states, where the loop fails on ${failed.join(', ') || 'none'}`, ...(name.why ? [name.why] : [])],
    };
  }
  if (key === 'databasemigration:describeReplicationTasks' && (succeeded?.join() === 'stopped' || succeeded?.join() === 'running')) {
    const found = field(request, 'Filters');
    const filters = found ? fold(found) : undefined;
    const arn = filters?.k === 'lit' && Array.isArray(filters.v) ? (filters.v as { Name?: string; Values?: string[] }[]).find((f) => f.Name === 'replication-task-arn')?.Values?.[0] : undefined;
    if (arn) {
      const stopped = succeeded!.join() === 'stopped';
      return stopped
        ? { operator: AMAZON.DmsTaskCompletedSensor, params: { replication_task_arn: arn, ...timing }, fidelity: 'approximated', notes: [...base, 'DmsTaskCompletedSensor waits for stopped and also fails on creating, deleting, modifying, moving, ready and testing, where the loop fails on failed and failed-move only'] }
        : { operator: AMAZON.DmsTaskBaseSensor, params: { replication_task_arn: arn, target_statuses: ['running'], termination_statuses: failed, ...timing }, fidelity: 'exact', notes: [...base, `DmsTaskBaseSensor with target status running and termination statuses ${failed.join(', ')}`] };
    }
  }
  if (ctx.serverless) return { operator: 'python', params: {}, fidelity: 'not expressible', notes: base, why: `the loop's check (${check.Resource}) has no sensor in the Amazon provider, and a PythonSensor needs a Python callable, which MWAA Serverless does not run` };
  if (resource.kind !== 'aws-sdk') return { operator: 'python', params: {}, fidelity: 'not expressible', notes: base, why: `the loop's check ${check.Resource} is not an SDK call` };
  return pythonSensor(loop, states, scope, ctx, { request, counter, rules, timing, base });
}

/** The generic sensor: the describe call through boto3, the status and rules of the loop in Python. */
function pythonSensor(loop: PollLoop, states: Record<string, State>, scope: Scope, ctx: LoopContext, p: { request: Sym; counter: string; rules: ChoiceRule[]; timing: Record<string, JsonValue>; base: string[] }): LoopSensor {
  const check = states[loop.check] as TaskState;
  const resource = parseResource(check.Resource);
  const fn = `poll_${ctx.taskId}`;
  const problems: string[] = [];
  const outer = new Set<string>();
  const local = new Set<string>();
  // Every variable is a Python name in the poke: the check's own (status, reason) computed there, the others passed in.
  const varScope = (result: boolean): Scope => ({
    input: { k: 'obj', entries: [] },
    // Only `get` is read by the translation: every name resolves to a Python variable of the poke.
    vars: {
      get: (name: string): Sym => {
        if (!local.has(name)) outer.add(name);
        return { k: 'param', name: `var_${name}` };
      },
    } as unknown as ReadonlyMap<string, Sym>,
    ...(result ? { result: { k: 'param', name: 'result' } as Sym } : {}),
  });
  const py = (sym: Sym) => {
    const why = whyOpaque(sym);
    if (why) problems.push(why);
    return why ? 'None' : python(sym, { input: 'state' });
  };
  const lines = [`def ${fn}(request, variables, **context):`, `    """Polling loop "${loop.start}": one check (${check.Resource}); True once the work is done."""`, '    passed = _rt.fromjson(variables)'];
  const body: string[] = [];
  const call = sdkCall(resource.service, resource.action, lit(null));
  body.push(`    result = _rt.aws_call(${JSON.stringify((call.service as { v: string }).v)}, ${JSON.stringify((call.operation as { v: string }).v)}, _rt.fromjson(request))`);
  for (const [name, value] of Object.entries(check.Assign ?? {})) {
    if (name === p.counter) continue;
    body.push(`    var_${name} = ${py(fromJsonata(exprOf(value), varScope(true)))}`);
    local.add(name);
  }
  for (const rule of p.rules) {
    const test = py(fromJsonata(exprOf(rule.Condition), varScope(false)));
    body.push(`    if _rt.truthy(${test}):`);
    if (rule === p.rules[0]) body.push('        return True');
    else body.push(`        ${failure(states[rule.Next!], varScope(false), py)}`);
  }
  body.push('    return False');
  for (const name of [...outer].sort()) lines.push(`    var_${name} = _rt.get(passed, ${JSON.stringify(name)})`);
  lines.push(...body);
  const passed: Sym = { k: 'obj', entries: [...outer].sort().map((name) => [name, scope.vars.get(name) ?? opaque(`$${name} is not assigned before the loop`)]) };
  const requestWhy = whyNotTemplate(p.request);
  const passedWhy = whyNotTemplate(passed);
  for (const why of [requestWhy, passedWhy]) if (why) problems.push(why);
  const notes = [...p.base, `PythonSensor calling ${fn} in ${ctx.module.replace(/\./g, '/')}.py: the loop's describe call through boto3, its status and rules in Python`];
  if (problems.length > 0) return { operator: 'python', params: {}, fidelity: 'not expressible', notes: [...notes, ...problems], why: problems[0]! };
  return {
    operator: 'python',
    params: { python_callable: `${ctx.module}.${fn}`, op_kwargs: { request: jsonTemplate(p.request), variables: jsonTemplate(passed) }, ...p.timing },
    helper: { name: fn, source: lines.join('\n') },
    fidelity: 'exact',
    notes,
  };
}

/** The loop's failure exit as a raise: the Fail's Error and Cause, or those of the Pass that carries them to the Catch. */
function failure(state: State | undefined, scope: Scope, py: (sym: Sym) => string): string {
  if (state?.Type === 'Fail') return `_rt.fail(${py(fromValue(state.Error ?? 'States.Fail', 'JSONata', scope))}, ${py(fromValue(state.Cause ?? '', 'JSONata', scope))})`;
  if (state?.Type === 'Pass' && state.Output !== undefined) {
    const found = errorObject(fromValue(state.Output, 'JSONata', scope));
    if (found) return `_rt.fail(${py(get(found, ['Error']))}, ${py(get(found, ['Cause']))})`;
  }
  return '_rt.fail("States.TaskFailed", "the polling loop failed")';
}

function errorObject(sym: Sym): Sym | undefined {
  if (sym.k !== 'obj') return undefined;
  if (sym.entries.some(([key]) => key === 'Error')) return sym;
  for (const [, value] of sym.entries) {
    const found = errorObject(value);
    if (found) return found;
  }
  return undefined;
}

