/**
 * Pass, Wait, Fail and Choice states, and polling loops, as tasks (or none: a Pass whose data can be
 * folded into the templates that read it).
 */
import type { JsonValue, QueryLanguage, State, TaskState } from '../model/asl.js';
import { assign, applyResultPath, pyModule, referencedVariables, taskId, timedelta, type MachineScope, type StateResult } from './common.js';
import { loopSensor } from './loops.js';
import { jsonPathRule } from './python.js';
import { inertJson, jsonTemplate, render, templateOr, whyNotTemplate } from './render.js';
import { fold, get, lit, notesOf, opaque, python, whyOpaque, type Sym } from './sym.js';
import { fromJsonata, fromPath, fromValue, type Scope } from './translate.js';

export function passState(m: MachineScope, stateName: string, state: Extract<State, { Type: 'Pass' }>, lang: QueryLanguage, scope: Scope): StateResult {
  let output: Sym = scope.input;
  if (lang === 'JSONata') {
    if (state.Output !== undefined) output = fromValue(state.Output, lang, scope);
  } else {
    let value: Sym = state.Result !== undefined ? lit(state.Result) : state.Parameters !== undefined ? fromValue(state.Parameters, lang, scope) : scope.input;
    if (state.InputPath) value = state.Parameters === undefined && state.Result === undefined ? fromPath(state.InputPath, scope) : value;
    output = applyResultPath(scope.input, value, state.ResultPath);
    if (state.OutputPath) output = fromPath(state.OutputPath, { ...scope, input: output });
  }
  const vars = assign(state.Assign, lang, scope, scope.vars);
  const problems = [whyOpaque(output), ...Object.keys(state.Assign ?? {}).map((key) => whyOpaque(vars.get(key.replace(/\.\$$/, ''))!))].filter(Boolean) as string[];
  if (problems.length === 0) {
    m.mapping(stateName, 'Pass', [], 'exact', ['no task: its data is folded into the templates of the tasks that read it', ...notesOf(output)]);
    return { entry: [], exit: [], output: fold(output), vars };
  }
  // Not translatable: on MWAA, evaluate the state's JSONata at run time (jsonata-python).
  if (m.serverless || lang !== 'JSONata' || whyOpaque(scope.input)) {
    m.mapping(stateName, 'Pass', [], 'not expressible', problems);
    return { entry: [], exit: [], output: fold(output), vars };
  }
  const fields: Record<string, JsonValue> = {};
  if (state.Output !== undefined) fields.Output = state.Output as JsonValue;
  if (state.Assign) fields.Assign = state.Assign as JsonValue;
  const varTemplates: Record<string, JsonValue> = {};
  const blocked: string[] = [];
  for (const v of referencedVariables(JSON.stringify(fields)).filter((name) => scope.vars.has(name))) {
    const sym = scope.vars.get(v)!;
    const why = whyNotTemplate(sym);
    if (why) blocked.push(`$${v}: ${why}`);
    else varTemplates[v] = jsonTemplate(sym);
  }
  if (blocked.length > 0) {
    m.mapping(stateName, 'Pass', [], 'not expressible', blocked);
    return { entry: [], exit: [], output: fold(output), vars };
  }
  const id = taskId(stateName, m.used);
  m.add({
    task_id: id,
    operator: m.core('python'),
    params: { python_callable: 'stepwright_helpers.runtime_jsonata.evaluate_state', op_kwargs: { fields: inertJson(fields), state_input: jsonTemplate(scope.input), variables: varTemplates, run_id: '{{ run_id }}' } },
    dependencies: [],
    state: stateName,
  });
  const newVars = new Map(scope.vars);
  for (const key of Object.keys(state.Assign ?? {})) newVars.set(key, get(m.xcom(id), ['assign', key]));
  m.mapping(stateName, 'Pass', [id], 'exact', ['the expressions are evaluated at run time with jsonata-python (the same JSONata, in Python)', ...problems.map((p) => `not translatable to a template: ${p}`)]);
  return { entry: [id], exit: [id], output: state.Output !== undefined ? get(m.xcom(id), ['output']) : scope.input, vars: newVars };
}

/** A polling loop's sensor, after `after` (the start task) or alone (a wait for work started elsewhere). */
export function addLoopSensor(m: MachineScope, stateName: string, scope: Scope, after: string[]) {
  const loop = m.shape.loops.get(stateName)!;
  const id = taskId(after.length > 0 ? `${stateName} poll` : stateName.replace(/: begin$/, ''), m.used);
  const sensor = loopSensor(loop, m.machine.States, scope, { serverless: m.serverless, module: m.module, taskId: id });
  // The loop's own variables (counter, status, reason) are not kept by a sensor.
  const vars = new Map(scope.vars);
  for (const key of Object.keys((m.machine.States[loop.check] as TaskState).Assign ?? {})) vars.set(key, opaque(`$${key} is the polling loop's own variable, which the sensor does not keep`));
  if (sensor.why) m.dag.blockers.push(`state ${loop.start}: ${sensor.why}`);
  if (sensor.helper) m.dag.helpers.push(sensor.helper);
  const operator = sensor.operator === 'python' ? m.core('pythonSensor') : sensor.operator;
  const params = sensor.why ? { python_callable: 'stepwright_helpers.runtime.not_expressible', op_kwargs: { state: loop.start, reason: sensor.why } } : sensor.params;
  m.add({ task_id: id, operator: sensor.why ? m.core('python') : operator, params, dependencies: after, state: stateName });
  return { id, sensor, vars, name: operator.slice(operator.lastIndexOf('.') + 1) };
}

export function loopState(m: MachineScope, stateName: string, scope: Scope): StateResult {
  const { id, sensor, vars, name } = addLoopSensor(m, stateName, scope, []);
  m.mapping(stateName, 'Pass', [id], sensor.fidelity, [name, ...sensor.notes]);
  return { entry: [id], exit: [id], output: scope.input, vars };
}

export function failState(m: MachineScope, stateName: string, state: Extract<State, { Type: 'Fail' }>, lang: QueryLanguage, scope: Scope): StateResult {
  const error = state.Error !== undefined ? fromValue(state.Error, lang, scope) : state.ErrorPath ? fromPath(state.ErrorPath, scope) : lit('States.Fail');
  const cause = state.Cause !== undefined ? fromValue(state.Cause, lang, scope) : state.CausePath ? fromPath(state.CausePath, scope) : lit('');
  if (m.serverless) {
    m.mapping(stateName, 'Fail', [], 'approximated', ['no task (MWAA Serverless runs no Python): the run fails only if a task failed on the way here']);
    return { entry: [], exit: [], output: scope.input, vars: scope.vars };
  }
  const id = taskId(stateName, m.used);
  const notes = [...notesOf(error), ...notesOf(cause)];
  const lost = [whyNotTemplate(error), whyNotTemplate(cause)].filter(Boolean) as string[];
  m.add({ task_id: id, operator: m.core('python'), params: { python_callable: 'stepwright_helpers.runtime.fail', op_kwargs: { error: templateOr(error, 'States.Fail'), cause: templateOr(cause, '') } }, dependencies: [], state: stateName });
  m.mapping(stateName, 'Fail', [id], notes.length + lost.length > 0 ? 'approximated' : 'exact', ['a task that raises AirflowFailException: the run ends failed, without retries', ...notes, ...lost.map((l) => `the error or cause falls back to a fixed text: ${l}`)]);
  return { entry: [id], exit: [id], output: scope.input, vars: scope.vars };
}

export function waitState(m: MachineScope, stateName: string, state: Extract<State, { Type: 'Wait' }>, lang: QueryLanguage, scope: Scope): StateResult {
  const id = taskId(stateName, m.used);
  const result = { entry: [id], exit: [id], output: scope.input, vars: assign(state.Assign, lang, scope, scope.vars) };
  if (typeof state.Seconds === 'number') {
    m.add({ task_id: id, operator: m.core('wait'), params: { time_to_wait: timedelta(state.Seconds) }, dependencies: [], state: stateName });
    m.mapping(stateName, 'Wait', [id], 'exact', [`WaitSensor(time_to_wait=${state.Seconds}s), measured from the task's start`]);
    return result;
  }
  const at = state.Timestamp !== undefined ? fromValue(state.Timestamp, lang, scope) : state.TimestampPath ? fromPath(state.TimestampPath, scope) : opaque('SecondsPath / a computed Seconds: WaitSensor takes a fixed duration');
  const rendered = render(at);
  m.add({ task_id: id, operator: m.core('dateTime'), params: { target_time: rendered.value }, dependencies: [], state: stateName });
  m.mapping(stateName, 'Wait', [id], rendered.why ? 'not expressible' : 'exact', [rendered.why ?? 'DateTimeSensor(target_time=...)']);
  return result;
}

export function choiceState(m: MachineScope, stateName: string, state: Extract<State, { Type: 'Choice' }>, lang: QueryLanguage, scope: Scope): StateResult {
  const targets = [...new Set([...state.Choices.map((c) => c.Next!), ...(state.Default ? [state.Default] : [])])];
  const id = taskId(stateName, m.used);
  const fn = `choose_${id}`;
  const varNames = new Set<string>();
  const variable = (v: string) => (varNames.add(v), `var_${v}`);
  const paramScope: Scope = { input: { k: 'param', name: 'state' }, vars: new Map([...scope.vars.keys()].map((v) => [v, { k: 'param', name: `var_${v}` } as Sym])) };
  const conditions: string[] = [];
  const assigns: string[] = [];
  const problems: string[] = [];
  const pyOf = (sym: Sym): string | undefined => {
    const why = whyOpaque(sym);
    if (why) return void problems.push(why);
    const code = python(sym, { input: 'state' });
    for (const m of code.matchAll(/\bvar_(\w+)/g)) variable(m[1]!);
    return code;
  };
  // Variables a rule assigns: the helper pushes them as XCom "assign", read by the tasks after it.
  const assigned = new Set(state.Choices.flatMap((rule) => Object.keys(rule.Assign ?? {})));
  for (const rule of state.Choices) {
    if (lang === 'JSONata') {
      const condition = typeof rule.Condition === 'boolean' ? lit(rule.Condition) : fromJsonata(String(rule.Condition ?? '').replace(/^\{%|%\}$/g, '').trim(), paramScope);
      conditions.push(pyOf(condition) ?? 'False');
      if (rule.Output !== undefined) problems.push('a rule with its own Output is not translated');
    } else {
      const py = jsonPathRule(rule, variable);
      if (typeof py === 'string') conditions.push(`_rt.truthy(${py})`);
      else problems.push(py.error);
    }
    const values = Object.entries(rule.Assign ?? {}).map(([key, value]) => `(${JSON.stringify(key)}, ${pyOf(fromValue(value, lang, paramScope)) ?? 'None'})`);
    assigns.push(`_rt.obj(${values.join(', ')})`);
  }
  for (const v of assigned) if (scope.vars.has(v)) problems.push(`$${v} is assigned before the Choice and again by its rules: which value a task reads depends on the rule taken`);
  const inputWhy = whyNotTemplate(scope.input);
  if (inputWhy) problems.push(`the state input: ${inputWhy}`);
  for (const v of varNames) {
    const why = whyNotTemplate(scope.vars.get(v) ?? opaque(`$${v} is not assigned`));
    if (why) problems.push(`$${v}: ${why}`);
  }
  if (m.serverless) problems.unshift('a branch needs a Python callable, which MWAA Serverless does not run');
  const vars = new Map(scope.vars);
  for (const v of assigned) vars.set(v, get(m.xcom(id, 'assign'), [v]));
  if (problems.length > 0) {
    m.dag.blockers.push(`state ${stateName}: ${problems[0]}`);
    m.mapping(stateName, 'Choice', [id], 'not expressible', problems);
    return { entry: [id], exit: [id], output: scope.input, vars };
  }
  const pushes = assigned.size > 0;
  const lines = [`def ${fn}(state_input, ${[...varNames].map((v) => `var_${v}`).join(', ')}${varNames.size ? ', ' : ''}**context):`, `    """Choice "${stateName}": the task ids of the branch to run."""`, '    state = _rt.fromjson(state_input)'];
  for (const v of varNames) lines.push(`    var_${v} = _rt.fromjson(var_${v})`);
  state.Choices.forEach((rule, i) => {
    lines.push(`    if _rt.truthy(${conditions[i]}):`);
    if (pushes) lines.push(`        _rt.push_assign(context, ${assigns[i]})`);
    lines.push(`        return __TARGET__(${JSON.stringify(rule.Next)})`);
  });
  if (pushes && state.Default) lines.push('    _rt.push_assign(context, {})');
  lines.push(state.Default ? `    return __TARGET__(${JSON.stringify(state.Default)})` : `    _rt.fail("States.NoChoiceMatched", "no rule of ${stateName.replace(/"/g, '\\"')} matched and it has no Default")`);
  m.branches.push({ helper: m.dag.helpers.length, task: id, targets: new Map(targets.map((t) => [t, () => m.entryOf(t)])) });
  m.dag.helpers.push({ name: fn, source: lines.join('\n'), choice: { state: stateName, targets: {} } });
  const opKwargs: Record<string, JsonValue> = { state_input: jsonTemplate(scope.input) };
  for (const v of varNames) opKwargs[`var_${v}`] = jsonTemplate(scope.vars.get(v)!);
  m.add({ task_id: id, operator: m.core('branch'), params: { python_callable: `${m.module}.${fn}`, op_kwargs: opKwargs }, dependencies: [], state: stateName });
  const notes = [...notesOf(scope.input), ...[...varNames].flatMap((v) => [...notesOf(scope.vars.get(v)!)])];
  m.mapping(stateName, 'Choice', [id], notes.length ? 'approximated' : 'exact', [
    `BranchPythonOperator calling ${fn} in stepwright_helpers/${pyModule(m.workflow)}.py; the join after the branches uses none_failed_min_one_success`,
    ...(pushes ? [`the variables its rules assign (${[...assigned].join(', ')}) are pushed as XCom "assign" and read from there`] : []),
    ...notes,
  ]);
  return { entry: [id], exit: [id], output: scope.input, vars };
}
