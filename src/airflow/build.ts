/**
 * One workflow → one DAG: states become tasks in the order they can run, data between them
 * becomes templates over XCom and the run's params, and every state gets a row saying how it
 * carried over. Pass and Succeed states need no task (their data is folded into the templates that
 * read it); Choice becomes a branch; Catch a handler with the trigger rule that runs it only on
 * failure; Retry the task's retry settings; Map dynamic task mapping; Parallel a task group per
 * branch (fan-out, fan-in); a polling loop the operator's own wait or a sensor; Wait a sensor.
 */
import type { JsonValue, QueryLanguage, State, StateMachineDefinition, TaskState } from '../model/asl.js';
import { parseResource } from '../model/resource.js';
import type { Machine } from '../model/walk.js';
import { machineShape, type Edge, type MachineShape } from './graph.js';
import { planCall } from './integrations.js';
import { loopSensor } from './loops.js';
import type { AirflowMajor, Dag, DagTarget, DagTask, Fidelity, StateMapping } from './model.js';
import { AMAZON, coreOperator, SERVERLESS_ALLOWLIST, SERVERLESS_LIMITS, type CoreOperator } from './operators.js';
import { jsonPathRule } from './python.js';
import { inertJson, jsonTemplate, render, templateOr, whyNotTemplate } from './render.js';
import { retryApproximated, retryParams, timeoutParams } from './retry.js';
import { bindParams, fold, get, lit, notesOf, opaque, python, whyOpaque, type Sym } from './sym.js';
import { fromJsonata, fromPath, fromValue, type Scope } from './translate.js';

export interface BuildContext {
  major: AirflowMajor;
  target: DagTarget;
  workflowOf: (arn: string) => string | undefined;
}

interface StateResult {
  /** Tasks that start the state; [] when folded. */
  entry: string[];
  /** Tasks whose end is the state's end. */
  exit: string[];
  output: Sym;
  vars: ReadonlyMap<string, Sym>;
}

const ERROR_OUTPUT: Sym = {
  k: 'obj',
  entries: [
    ['Error', lit('States.TaskFailed', 'the caught error is not available to Airflow templates: Error is States.TaskFailed')],
    ['Cause', { k: 'op', op: '&', a: lit('an Airflow task failed in run '), b: { k: 'ctx', name: 'run_id', note: 'the Cause names the run; the failed task\'s log has the reason' } }],
  ],
};

const timedelta = (seconds: number): JsonValue => ({ __type__: 'datetime.timedelta', seconds });

/** Airflow task ids: letters, digits, `_`, `-`, `.`; derived from the state name, unique in the DAG. */
export function taskId(state: string, used: Set<string>): string {
  const base = state.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'state';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
  used.add(id);
  return id;
}

export function pyModule(workflow: string): string {
  return workflow.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
}

function referencedVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]!).filter((v) => v !== 'states'))].sort();
}

/** Inputs arriving by several paths: the same value, or one that depends on the path (not translated). */
function joinInputs(inputs: Sym[]): Sym {
  const first = JSON.stringify(inputs[0]);
  return inputs.every((i) => JSON.stringify(i) === first) ? inputs[0]! : opaque('the state input depends on the path taken to it');
}

function joinVars(all: ReadonlyMap<string, Sym>[]): Map<string, Sym> {
  const out = new Map<string, Sym>();
  const names = new Set(all.flatMap((m) => [...m.keys()]));
  for (const name of names) out.set(name, joinInputs(all.map((m) => m.get(name) ?? opaque(`$${name} is not assigned on every path`))));
  return out;
}

function applyResultPath(input: Sym, value: Sym, resultPath: string | null | undefined): Sym {
  if (resultPath === undefined || resultPath === '$') return value;
  if (resultPath === null) return input;
  const key = /^\$\.([A-Za-z_]\w*)$/.exec(resultPath)?.[1];
  return key ? { k: 'set', of: input, key, value } : opaque(`ResultPath ${resultPath} is not translated`);
}

function assign(assignments: Record<string, JsonValue> | undefined, lang: QueryLanguage, scope: Scope, vars: ReadonlyMap<string, Sym>): Map<string, Sym> {
  const out = new Map(vars);
  for (const [key, value] of Object.entries(assignments ?? {})) {
    if (lang === 'JSONPath' && key.endsWith('.$')) out.set(key.slice(0, -2), typeof value === 'string' ? fromPath(value, scope) : opaque('not a path'));
    else out.set(key, fromValue(value, lang, scope));
  }
  return out;
}

export function buildDag(name: string, definition: StateMachineDefinition, ctx: BuildContext): Dag {
  const dag: Dag = { dagId: name, workflow: name, settings: {}, defaultArgs: {}, tasks: [], groups: [], helpers: [], mappings: [], triggers: [], blockers: [] };
  if (definition.Comment) dag.description = definition.Comment;
  if (definition.TimeoutSeconds) dag.settings.dagrun_timeout = timedelta(definition.TimeoutSeconds);
  const serverless = ctx.target === 'mwaa-serverless';
  const core = (operator: CoreOperator) => coreOperator(operator, ctx.major, serverless);
  const module = `stepwright_helpers.${pyModule(name)}`;
  const used = new Set<string>();
  /** Task id as Airflow knows it: prefixed by its task groups (XCom pulls and branch helpers use it). */
  const fullIds = new Map<string, string>();
  const fullId = (id: string) => fullIds.get(id) ?? id;
  const groupPaths = new Map<string, string>();
  const order: string[] = [];
  const normal = new Map<string, Set<string>>();
  const caught = new Map<string, Set<string>>();
  const addEdge = (map: Map<string, Set<string>>, to: string, from: string) => map.set(to, (map.get(to) ?? new Set()).add(from));
  /** Branch helpers (by index) → the YAML task ids each target state starts with, known once its machine is wired. */
  const branches: { helper: number; task: string; targets: Map<string, () => string[]> }[] = [];
  /** `branch>task` → the EmptyOperator between them (see the wiring). */
  const via = new Map<string, string>();
  const mapping = (state: string, type: string, tasks: string[], fidelity: Fidelity, notes: string[]) => dag.mappings.push({ state, type, tasks, fidelity, notes: [...new Set(notes)] } satisfies StateMapping);

  const top = translate(definition, definition.QueryLanguage ?? 'JSONPath', { k: 'input' }, new Map(), undefined);
  void top;

  const branchTasks = new Set(dag.tasks.filter((t) => t.operator === core('branch')).map((t) => t.task_id));
  for (const task of [...dag.tasks]) {
    if (task.dependencies.length > 0) continue; // set by the state itself (a sensor after its operator)
    let n = [...(normal.get(task.task_id) ?? [])];
    let c = [...(caught.get(task.task_id) ?? [])];
    // A branch skips every direct downstream task it does not pick, for good: a task reached from a
    // branch and from elsewhere (a join, a catch handler) gets an EmptyOperator of its own to skip.
    // (A handler's EmptyOperator is skipped when the branch succeeds, upstream_failed when it fails.)
    if (n.length + c.length > 1) {
      const between = (from: string) => {
        if (!branchTasks.has(from)) return from;
        const id = addTask({ task_id: taskId(`${task.task_id} via ${from}`, used), operator: core('empty'), params: {}, dependencies: [from], state: task.state }, task.task_group_name).task_id;
        via.set(`${from}>${task.task_id}`, id);
        return id;
      };
      n = n.map(between);
      c = c.map(between);
    }
    if (c.length > 0 && n.length === 0) {
      task.dependencies = c.sort();
      task.trigger_rule = 'one_failed';
    } else if (c.length > 0) {
      const join = addTask({ task_id: `${task.task_id}_on_failure`, operator: core('empty'), params: {}, dependencies: c.sort(), trigger_rule: 'one_failed', state: task.state }, task.task_group_name);
      task.dependencies = [...n, join.task_id].sort();
      task.trigger_rule = 'one_success';
    } else {
      task.dependencies = n.sort();
      if (n.length > 1) task.trigger_rule = 'none_failed_min_one_success';
    }
  }
  // Branch helpers now know which tasks each target starts with.
  for (const { helper, task, targets } of branches) {
    const h = dag.helpers[helper]!;
    for (const [target, entry] of targets) h.choice!.targets[target] = entry().map((e) => fullId(via.get(`${task}>${e}`) ?? e));
    h.source = h.source.replace(/__TARGET__\(([^)]*)\)/g, (_, t: string) => JSON.stringify(h.choice!.targets[JSON.parse(t) as string] ?? []));
  }
  if (serverless) serverlessChecks(dag);
  dag.mappings.sort((a, b) => rank(a.state) - rank(b.state));
  return dag;

  function rank(state: string): number {
    const i = order.indexOf(state);
    return i < 0 ? order.length : i;
  }

  function addTask(task: DagTask, group: string | undefined): DagTask {
    used.add(task.task_id);
    if (group) {
      task.task_group_name = group;
      fullIds.set(task.task_id, `${groupPaths.get(group)}.${task.task_id}`);
    }
    dag.tasks.push(task);
    return task;
  }

  /** One machine (the workflow, or a Parallel branch in its task group): its states as tasks, its edges recorded. */
  function translate(machine: Machine, language: QueryLanguage, machineInput: Sym, machineVars: ReadonlyMap<string, Sym>, group: string | undefined): StateResult {
    const shape: MachineShape = machineShape(machine);
    for (const cycle of shape.cycles) dag.blockers.push(`the states ${cycle.join(' → ')} form a loop that is not a polling loop; a DAG cannot loop`);
    const results = new Map<string, StateResult>();
    const add = (task: DagTask) => addTask(task, group);
    const xcom = (id: string, key?: string): Sym => ({ k: 'xcom', task: fullId(id), ...(key ? { key } : {}) });

    for (const stateName of shape.order) {
      order.push(stateName);
      const state = machine.States[stateName]!;
      const lang = state.QueryLanguage ?? language;
      const incoming = shape.edges.filter((e) => e.to === stateName);
      const input = incoming.length === 0 ? machineInput : joinInputs(incoming.map((e) => edgeData(e)));
      const vars = incoming.length === 0 ? machineVars : joinVars(incoming.map((e) => results.get(e.from)?.vars ?? new Map()));
      const scope: Scope = { input, vars };
      const result = ((): StateResult => {
        switch (state.Type) {
          case 'Pass':
            return shape.loops.get(stateName)?.form === 'begin' ? loopState(stateName, scope) : passState(stateName, state, lang, scope);
          case 'Succeed':
            mapping(stateName, 'Succeed', [], 'exact', [group ? 'no task: the branch ends' : 'no task: the run succeeds when no task failed']);
            return { entry: [], exit: [], output: input, vars };
          case 'Fail':
            return failState(stateName, state, lang, scope);
          case 'Wait':
            return waitState(stateName, state, lang, scope);
          case 'Choice':
            return choiceState(stateName, state, lang, scope);
          case 'Task':
            return taskState(stateName, state, lang, scope);
          case 'Map':
            return mapState(stateName, state, lang, scope);
          case 'Parallel':
            return parallelState(stateName, state, lang, scope);
        }
      })();
      results.set(stateName, result);
    }
    for (const inLoop of shape.inLoops) {
      order.push(inLoop);
      mapping(inLoop, machine.States[inLoop]!.Type, [], 'exact', ["part of a polling loop: the operator or sensor waits for the work itself (see the loop's start)"]);
    }

    // Wire: a folded state's successors stand in for it.
    const entries = new Map<string, string[]>();
    const entryOf = (stateName: string, seen = new Set<string>()): string[] => {
      if (entries.has(stateName)) return entries.get(stateName)!;
      const r = results.get(stateName);
      if (!r || seen.has(stateName)) return [];
      seen.add(stateName);
      if (r.entry.length > 0) return r.entry;
      const next = shape.edges.filter((e) => e.from === stateName && e.kind === 'next').flatMap((e) => entryOf(e.to, seen));
      entries.set(stateName, next);
      return next;
    };
    const sources = (stateName: string, seen = new Set<string>()): string[] => {
      // The tasks a folded state's successors depend on: its own predecessors' exits.
      const r = results.get(stateName);
      if (!r || seen.has(stateName)) return [];
      seen.add(stateName);
      if (r.exit.length > 0) return r.exit;
      return shape.edges.filter((e) => e.to === stateName && e.kind !== 'catch').flatMap((e) => sources(e.from, seen));
    };
    for (const e of shape.edges) {
      const from = sources(e.from);
      for (const to of entryOf(e.to)) for (const f of from) addEdge(e.kind === 'catch' ? caught : normal, to, f);
    }
    const ends = Object.entries(machine.States).filter(([n, s]) => results.has(n) && (s.Type === 'Succeed' || s.Type === 'Fail' || ('End' in s && s.End === true))).map(([n]) => n);
    const startName = machine.StartAt;
    const exits = [...new Set(ends.flatMap((n) => sources(n)))];
    const last = ends.map((n) => results.get(n)!);
    return {
      entry: entryOf(startName),
      exit: exits,
      output: last.length === 1 ? last[0]!.output : joinInputs(last.map((r) => r.output)),
      vars: machineVars,
    };

    function edgeData(e: Edge): Sym {
      if (e.kind === 'catch') {
        const from = machine.States[e.from] as TaskState;
        const catcher = from.Catch?.find((c) => c.Next === e.to);
        if (catcher && 'ResultPath' in catcher && catcher.ResultPath !== undefined) {
          if (catcher.ResultPath === null) return inputOf(e.from);
          const key = /^\$\.([A-Za-z_]\w*)$/.exec(catcher.ResultPath)?.[1];
          return key ? { k: 'set', of: inputOf(e.from), key, value: ERROR_OUTPUT } : opaque(`the catcher's ResultPath ${catcher.ResultPath} is not translated`);
        }
        return ERROR_OUTPUT;
      }
      return results.get(e.from)?.output ?? opaque(`the output of ${e.from} is not known`);
    }

    function inputOf(stateName: string): Sym {
      const incoming = shape.edges.filter((e) => e.to === stateName);
      return incoming.length === 0 ? machineInput : joinInputs(incoming.map(edgeData));
    }

    function passState(stateName: string, state: Extract<State, { Type: 'Pass' }>, lang: QueryLanguage, scope: Scope): StateResult {
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
        mapping(stateName, 'Pass', [], 'exact', ['no task: its data is folded into the templates of the tasks that read it', ...notesOf(output)]);
        return { entry: [], exit: [], output: fold(output), vars };
      }
      // Not translatable: on MWAA, evaluate the state's JSONata at run time (jsonata-python).
      if (serverless || lang !== 'JSONata' || whyOpaque(scope.input)) {
        mapping(stateName, 'Pass', [], 'not expressible', problems);
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
        mapping(stateName, 'Pass', [], 'not expressible', blocked);
        return { entry: [], exit: [], output: fold(output), vars };
      }
      const id = taskId(stateName, used);
      add({
        task_id: id,
        operator: core('python'),
        params: { python_callable: 'stepwright_helpers.runtime_jsonata.evaluate_state', op_kwargs: { fields: inertJson(fields), state_input: jsonTemplate(scope.input), variables: varTemplates, run_id: '{{ run_id }}' } },
        dependencies: [],
        state: stateName,
      });
      const newVars = new Map(scope.vars);
      for (const key of Object.keys(state.Assign ?? {})) newVars.set(key, get(xcom(id), ['assign', key]));
      mapping(stateName, 'Pass', [id], 'exact', ['the expressions are evaluated at run time with jsonata-python (the same JSONata, in Python)', ...problems.map((p) => `not translatable to a template: ${p}`)]);
      return { entry: [id], exit: [id], output: state.Output !== undefined ? get(xcom(id), ['output']) : scope.input, vars: newVars };
    }

    /** A polling loop's sensor, after `after` (the start task) or alone (a wait for work started elsewhere). */
    function addLoopSensor(stateName: string, scope: Scope, after: string[]) {
      const loop = shape.loops.get(stateName)!;
      const id = taskId(after.length > 0 ? `${stateName} poll` : stateName.replace(/: begin$/, ''), used);
      const sensor = loopSensor(loop, machine.States, scope, { serverless, module, taskId: id });
      // The loop's own variables (counter, status, reason) are not kept by a sensor.
      const vars = new Map(scope.vars);
      for (const key of Object.keys((machine.States[loop.check] as TaskState).Assign ?? {})) vars.set(key, opaque(`$${key} is the polling loop's own variable, which the sensor does not keep`));
      if (sensor.why) dag.blockers.push(`state ${loop.start}: ${sensor.why}`);
      if (sensor.helper) dag.helpers.push(sensor.helper);
      const operator = sensor.operator === 'python' ? core('pythonSensor') : sensor.operator;
      const params = sensor.why ? { python_callable: 'stepwright_helpers.runtime.not_expressible', op_kwargs: { state: loop.start, reason: sensor.why } } : sensor.params;
      add({ task_id: id, operator: sensor.why ? core('python') : operator, params, dependencies: after, state: stateName });
      return { id, sensor, vars, name: operator.slice(operator.lastIndexOf('.') + 1) };
    }

    function loopState(stateName: string, scope: Scope): StateResult {
      const { id, sensor, vars, name } = addLoopSensor(stateName, scope, []);
      mapping(stateName, 'Pass', [id], sensor.fidelity, [name, ...sensor.notes]);
      return { entry: [id], exit: [id], output: scope.input, vars };
    }

    function failState(stateName: string, state: Extract<State, { Type: 'Fail' }>, lang: QueryLanguage, scope: Scope): StateResult {
      const error = state.Error !== undefined ? fromValue(state.Error, lang, scope) : state.ErrorPath ? fromPath(state.ErrorPath, scope) : lit('States.Fail');
      const cause = state.Cause !== undefined ? fromValue(state.Cause, lang, scope) : state.CausePath ? fromPath(state.CausePath, scope) : lit('');
      if (serverless) {
        mapping(stateName, 'Fail', [], 'approximated', ['no task (MWAA Serverless runs no Python): the run fails only if a task failed on the way here']);
        return { entry: [], exit: [], output: scope.input, vars: scope.vars };
      }
      const id = taskId(stateName, used);
      const notes = [...notesOf(error), ...notesOf(cause)];
      const lost = [whyNotTemplate(error), whyNotTemplate(cause)].filter(Boolean) as string[];
      add({ task_id: id, operator: core('python'), params: { python_callable: 'stepwright_helpers.runtime.fail', op_kwargs: { error: templateOr(error, 'States.Fail'), cause: templateOr(cause, '') } }, dependencies: [], state: stateName });
      mapping(stateName, 'Fail', [id], notes.length + lost.length > 0 ? 'approximated' : 'exact', ['a task that raises AirflowFailException: the run ends failed, without retries', ...notes, ...lost.map((l) => `the error or cause falls back to a fixed text: ${l}`)]);
      return { entry: [id], exit: [id], output: scope.input, vars: scope.vars };
    }

    function waitState(stateName: string, state: Extract<State, { Type: 'Wait' }>, lang: QueryLanguage, scope: Scope): StateResult {
      const id = taskId(stateName, used);
      const result = { entry: [id], exit: [id], output: scope.input, vars: assign(state.Assign, lang, scope, scope.vars) };
      if (typeof state.Seconds === 'number') {
        add({ task_id: id, operator: core('wait'), params: { time_to_wait: timedelta(state.Seconds) }, dependencies: [], state: stateName });
        mapping(stateName, 'Wait', [id], 'exact', [`WaitSensor(time_to_wait=${state.Seconds}s), measured from the task's start`]);
        return result;
      }
      const at = state.Timestamp !== undefined ? fromValue(state.Timestamp, lang, scope) : state.TimestampPath ? fromPath(state.TimestampPath, scope) : opaque('SecondsPath / a computed Seconds: WaitSensor takes a fixed duration');
      const rendered = render(at);
      add({ task_id: id, operator: core('dateTime'), params: { target_time: rendered.value }, dependencies: [], state: stateName });
      mapping(stateName, 'Wait', [id], rendered.why ? 'not expressible' : 'exact', [rendered.why ?? 'DateTimeSensor(target_time=...)']);
      return result;
    }

    function choiceState(stateName: string, state: Extract<State, { Type: 'Choice' }>, lang: QueryLanguage, scope: Scope): StateResult {
      const targets = [...new Set([...state.Choices.map((c) => c.Next!), ...(state.Default ? [state.Default] : [])])];
      const id = taskId(stateName, used);
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
      if (serverless) problems.unshift('a branch needs a Python callable, which MWAA Serverless does not run');
      const vars = new Map(scope.vars);
      for (const v of assigned) vars.set(v, get(xcom(id, 'assign'), [v]));
      if (problems.length > 0) {
        dag.blockers.push(`state ${stateName}: ${problems[0]}`);
        mapping(stateName, 'Choice', [id], 'not expressible', problems);
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
      branches.push({ helper: dag.helpers.length, task: id, targets: new Map(targets.map((t) => [t, () => entryOf(t)])) });
      dag.helpers.push({ name: fn, source: lines.join('\n'), choice: { state: stateName, targets: {} } });
      const opKwargs: Record<string, JsonValue> = { state_input: jsonTemplate(scope.input) };
      for (const v of varNames) opKwargs[`var_${v}`] = jsonTemplate(scope.vars.get(v)!);
      add({ task_id: id, operator: core('branch'), params: { python_callable: `${module}.${fn}`, op_kwargs: opKwargs }, dependencies: [], state: stateName });
      const notes = [...notesOf(scope.input), ...[...varNames].flatMap((v) => [...notesOf(scope.vars.get(v)!)])];
      mapping(stateName, 'Choice', [id], notes.length ? 'approximated' : 'exact', [
        `BranchPythonOperator calling ${fn} in stepwright_helpers/${pyModule(name)}.py; the join after the branches uses none_failed_min_one_success`,
        ...(pushes ? [`the variables its rules assign (${[...assigned].join(', ')}) are pushed as XCom "assign" and read from there`] : []),
        ...notes,
      ]);
      return { entry: [id], exit: [id], output: scope.input, vars };
    }

    function taskState(stateName: string, state: TaskState, lang: QueryLanguage, scope: Scope): StateResult {
      const id = taskId(stateName, used);
      const resource = parseResource(state.Resource);
      const request = lang === 'JSONata' ? fromValue(state.Arguments ?? {}, lang, scope) : state.Parameters !== undefined ? fromValue(state.Parameters, lang, scope) : resource.kind === 'lambda-function' ? scope.input : lit({});
      const loop = shape.loops.get(stateName);
      const call = planCall({
        resource: resource.kind === 'lambda-function' ? { ...resource, kind: 'integration' } : resource,
        request: resource.kind === 'lambda-function' ? { k: 'obj', entries: [['FunctionName', lit(state.Resource)], ['Payload', request]] } : request,
        xcom: xcom(id),
        workflowOf: ctx.workflowOf,
        ...(loop ? { pollSeconds: loop.pollSeconds, ...(loop.maxPolls ? { maxPolls: loop.maxPolls } : {}) } : {}),
      });
      const notes: string[] = [];
      let fidelity: Fidelity = 'exact';
      if (!call) {
        const reason = `${state.Resource} has no operator in the Amazon provider that this generator maps to`;
        if (serverless) dag.blockers.push(`state ${stateName}: ${reason}`);
        add({ task_id: id, operator: core('python'), params: { python_callable: 'stepwright_helpers.runtime.not_expressible', op_kwargs: { state: stateName, reason } }, dependencies: [], state: stateName });
        mapping(stateName, 'Task', [id], 'not expressible', [reason]);
        return { entry: [id], exit: [id], output: opaque(reason), vars: scope.vars };
      }
      let operator: string;
      const params: Record<string, JsonValue> = {};
      if (call.operator === 'AwsSdkCall') {
        operator = core('python');
        const rendered = render(fold(call.params.request!));
        if (rendered.why) (notes.push(`request: ${rendered.why}`), (fidelity = 'not expressible'));
        params.python_callable = 'stepwright_helpers.runtime.aws_call';
        params.op_kwargs = { service: render(call.params.service!).value, operation: render(call.params.operation!).value, request: rendered.why ? rendered.value : jsonTemplate(fold(call.params.request!)) };
        if (serverless) dag.blockers.push(`state ${stateName}: ${state.Resource} has no operator in the Amazon provider, and MWAA Serverless runs no Python callables`);
      } else {
        operator = call.operator === 'TriggerDagRunOperator' ? core('trigger') : AMAZON[call.operator];
        for (const [key, value] of Object.entries(call.params)) {
          const rendered = render(fold(value));
          if (rendered.why) (notes.push(`${key}: ${rendered.why}`), (fidelity = 'not expressible'));
          params[key] = rendered.value;
        }
      }
      for (const value of Object.values(call.params)) for (const n of notesOf(value)) notes.push(n);
      Object.assign(params, retryParams(state.Retry, notes), timeoutParams(state, notes));
      if (state.HeartbeatSeconds !== undefined || state.HeartbeatSecondsPath) (notes.push('HeartbeatSeconds has no Airflow equivalent'), fidelity === 'exact' && (fidelity = 'approximated'));
      if (state.Catch?.some((c) => !c.ErrorEquals.includes('States.ALL') && !c.ErrorEquals.includes('States.TaskFailed'))) (notes.push('catchers for specific errors: Airflow runs the handler on any failure'), fidelity === 'exact' && (fidelity = 'approximated'));
      if (loop && call.waits) {
        notes.push(`the polling loop (${loop.wait}, ${loop.check}, ${loop.choice}) becomes the operator's own wait, polling every ${loop.pollSeconds}s`);
        if (loop.maxPolls) {
          params.execution_timeout = timedelta(loop.maxPolls * loop.pollSeconds);
          notes.push(`at most ${loop.maxPolls} polls: execution_timeout ${loop.maxPolls * loop.pollSeconds}s (a timeout is retried like any failure)`);
        }
      }
      add({ task_id: id, operator, params, dependencies: [], state: stateName });
      const taskIds = [id];
      let exit = id;
      if (call.sensor) {
        const sensorId = taskId(`${id}_${call.sensor.suffix}`, used);
        const sensorParams: Record<string, JsonValue> = {};
        for (const [key, value] of Object.entries(call.sensor.params)) sensorParams[key] = render(fold(value)).value;
        add({ task_id: sensorId, operator: AMAZON[call.sensor.operator], params: sensorParams, dependencies: [id], state: stateName });
        taskIds.push(sensorId);
        exit = sensorId;
      }
      notes.push(...call.notes);
      if (call.approximated && fidelity === 'exact') fidelity = 'approximated';
      if (retryApproximated(state.Retry) && fidelity === 'exact') fidelity = 'approximated';
      // Output: the result as Step Functions shapes it, then Output / ResultSelector / ResultPath.
      const resultScope: Scope = { ...scope, result: call.result };
      let output: Sym;
      if (lang === 'JSONata') output = state.Output !== undefined ? fromValue(state.Output, lang, resultScope) : call.result;
      else {
        const value = state.ResultSelector !== undefined ? fromValue(state.ResultSelector, lang, { ...scope, input: call.result }) : call.result;
        output = applyResultPath(scope.input, value, state.ResultPath);
        if (state.OutputPath) output = fromPath(state.OutputPath, { ...scope, input: output });
      }
      let vars: ReadonlyMap<string, Sym> = assign(state.Assign, lang, resultScope, scope.vars);
      if (loop && !call.waits) {
        // The start's operator does not wait for the work: the loop becomes a sensor after it.
        const sensor = addLoopSensor(stateName, { input: scope.input, vars }, [id]);
        taskIds.push(sensor.id);
        exit = sensor.id;
        vars = sensor.vars;
        notes.push(`${sensor.name}: ${sensor.sensor.notes.join('; ')}`);
        if (sensor.sensor.fidelity === 'not expressible') fidelity = 'not expressible';
        else if (sensor.sensor.fidelity === 'approximated' && fidelity === 'exact') fidelity = 'approximated';
      }
      const shortName = operator.slice(operator.lastIndexOf('.') + 1);
      mapping(stateName, 'Task', taskIds, fidelity, [`${call.operator === 'AwsSdkCall' ? `${shortName} (aws_call)` : shortName}${call.sensor ? ` + ${call.sensor.operator}` : ''}`, ...notes]);
      return { entry: [id], exit: [exit], output: fold(output), vars };
    }

    function mapState(stateName: string, state: Extract<State, { Type: 'Map' }>, lang: QueryLanguage, scope: Scope): StateResult {
      const processor = state.ItemProcessor ?? state.Iterator;
      const steps = Object.entries(processor?.States ?? {});
      const reason = (why: string): StateResult => {
        dag.blockers.push(`state ${stateName}: ${why}`);
        mapping(stateName, 'Map', [], 'not expressible', [why]);
        return { entry: [], exit: [], output: opaque(why), vars: scope.vars };
      };
      if (steps.length !== 1 || steps[0]![1].Type !== 'Task') return reason('dynamic task mapping maps one operator; a processor of several states (a mapped task group) is not translated');
      if (state.ItemReader) return reason('a distributed Map reading its items from S3 is not translated');
      if (serverless) return reason("mapping over the run's data needs a Python task to list the items, which MWAA Serverless does not run");
      const [innerName, inner] = steps[0]! as [string, TaskState];
      order.push(innerName);
      const items = lang === 'JSONata' ? fromValue(state.Items ?? '{% $states.input %}', lang, scope) : fromPath(state.ItemsPath ?? '$', scope);
      const itemScope: Scope = { input: scope.input, vars: scope.vars, mapItem: { value: { k: 'param', name: 'value' }, index: { k: 'param', name: 'index' } } };
      const selector = state.ItemSelector ?? state.Parameters;
      const itemInput: Sym = selector !== undefined ? fromValue(selector, lang, itemScope) : { k: 'param', name: 'value' };
      const innerLang = inner.QueryLanguage ?? lang;
      const request = innerLang === 'JSONata' ? fromValue(inner.Arguments ?? {}, innerLang, { input: itemInput, vars: scope.vars }) : fromValue(inner.Parameters ?? {}, innerLang, { input: itemInput, vars: scope.vars });
      const id = taskId(innerName, used);
      const call = planCall({ resource: parseResource(inner.Resource), request, xcom: xcom(id), workflowOf: ctx.workflowOf });
      if (!call || call.sensor || call.operator === 'TriggerDagRunOperator' || call.operator === 'AwsSdkCall') return reason(`${inner.Resource} inside a Map is not translated`);
      const varying = Object.entries(call.params).filter(([, v]) => JSON.stringify(v).includes('"k":"param"'));
      if (varying.length !== 1) return reason(`the mapped operator's parameters vary per item in ${varying.length} places; dag-factory expands one`);
      const [param, perItem] = varying[0]!;
      const why = whyOpaque(items) ?? whyOpaque(perItem) ?? whyNotTemplate(scope.input);
      if (why) return reason(why);
      const itemsId = taskId(`${stateName} items`, used);
      const fn = `items_${taskId(stateName, new Set())}`;
      const perItemPy = python(bindParams(perItem, (leaf) => (leaf.k === 'input' ? { k: 'param', name: 'state' } : undefined)), { input: 'state' });
      const itemsPy = python(bindParams(items, (leaf) => (leaf.k === 'input' ? { k: 'param', name: 'state' } : undefined)), { input: 'state' });
      dag.helpers.push({ name: fn, source: [`def ${fn}(state_input, **context):`, `    """Map "${stateName}": the ${param} of each item's ${call.operator}."""`, '    state = _rt.fromjson(state_input)', `    return [${perItemPy} for index, value in enumerate(${itemsPy})]`].join('\n') });
      add({ task_id: itemsId, operator: core('python'), params: { python_callable: `${module}.${fn}`, op_kwargs: { state_input: jsonTemplate(scope.input) } }, dependencies: [], state: stateName });
      const partial: Record<string, JsonValue> = {};
      const notes: string[] = [`the items come from ${fn} (a PythonOperator); ${call.operator} is mapped over its ${param}`];
      for (const [key, value] of Object.entries(call.params)) if (key !== param) partial[key] = render(fold(value)).value;
      Object.assign(partial, retryParams(inner.Retry, notes), timeoutParams(inner, notes));
      if (typeof state.MaxConcurrency === 'number' && state.MaxConcurrency > 0) (partial.max_active_tis_per_dagrun = state.MaxConcurrency), notes.push(`MaxConcurrency ${state.MaxConcurrency} → max_active_tis_per_dagrun`);
      const mapped = add({ task_id: id, operator: AMAZON[call.operator], params: {}, dependencies: [itemsId], partial, expand: { [param]: `${fullId(itemsId)}.output` }, state: stateName });
      if (state.Retry) notes.push("the Map's own Retry is not translated (each mapped task retries by itself)");
      mapping(stateName, 'Map', [itemsId, mapped.task_id], 'approximated', [...notes, ...call.notes, `the Map's result is the list of ${call.operator} XComs, not each item's output`]);
      mapping(innerName, 'Task', [mapped.task_id], 'approximated', ['mapped: see the Map']);
      const lost = opaque("the Map's results as Step Functions shapes them are not in Airflow");
      const output = lang === 'JSONPath' ? applyResultPath(scope.input, lost, state.ResultPath) : lost;
      return { entry: [itemsId], exit: [id], output, vars: scope.vars };
    }

    /** Fan-out, fan-in: each branch's states in a task group, started after the Parallel's predecessors; its successors wait for every branch. */
    function parallelState(stateName: string, state: Extract<State, { Type: 'Parallel' }>, lang: QueryLanguage, scope: Scope): StateResult {
      const entry: string[] = [];
      const exit: string[] = [];
      const outputs: Sym[] = [];
      const notes: string[] = [];
      const branchInput = lang === 'JSONPath' && state.Parameters !== undefined ? fromValue(state.Parameters, lang, scope) : lang === 'JSONata' && state.Arguments !== undefined ? fromValue(state.Arguments, lang, scope) : scope.input;
      const groupNames: string[] = [];
      state.Branches.forEach((branch, i) => {
        const groupName = taskId(`${stateName} branch ${i + 1}`, used);
        groupNames.push(groupName);
        groupPaths.set(groupName, group ? `${groupPaths.get(group)}.${groupName}` : groupName);
        dag.groups.push({ group_name: groupName, tooltip: `${stateName}: branch ${i + 1} (starts at ${branch.StartAt})`, ...(group ? { parent_group_name: group } : {}) });
        const r = translate(branch, lang, branchInput, scope.vars, groupName);
        if (r.entry.length === 0) notes.push(`branch ${i + 1} has no task (its states are folded): its output passes straight through`);
        entry.push(...r.entry);
        exit.push(...r.exit);
        outputs.push(r.output);
      });
      const result: Sym = { k: 'arr', items: outputs };
      let output: Sym;
      if (lang === 'JSONata') output = state.Output !== undefined ? fromValue(state.Output, lang, { ...scope, result }) : result;
      else {
        const value = state.ResultSelector !== undefined ? fromValue(state.ResultSelector, lang, { ...scope, input: result }) : result;
        output = applyResultPath(scope.input, value, state.ResultPath);
        if (state.OutputPath) output = fromPath(state.OutputPath, { ...scope, input: output });
      }
      let fidelity: Fidelity = 'approximated';
      notes.push(
        `task groups ${groupNames.join(', ')}, one per branch; the tasks after the Parallel wait for every branch`,
        'a failed branch fails the run, but the other branches run on: Step Functions stops them',
      );
      if (state.Retry) notes.push("not carried over: the Parallel's Retry (Airflow retries tasks, not a group); each task keeps its own retries");
      if (state.Catch) notes.push('the handler runs when any task of any branch fails');
      if (entry.length === 0) {
        fidelity = 'exact';
        notes.push('no branch has a task');
      }
      mapping(stateName, 'Parallel', groupNames, fidelity, notes);
      return { entry, exit, output: fold(output), vars: assign(state.Assign, lang, { ...scope, result }, scope.vars) };
    }
  }
}

/** MWAA Serverless: only allowlisted operators; retries, retry delay and task timeout within its limits (lowered, and said). */
function serverlessChecks(dag: Dag): void {
  for (const task of dag.tasks) {
    if (!SERVERLESS_ALLOWLIST.has(task.operator)) dag.blockers.push(`task ${task.task_id}: ${task.operator} is not on MWAA Serverless's operator allowlist`);
    const p = (task.partial ?? task.params) as Record<string, JsonValue>;
    const lowered: string[] = [];
    if (typeof p.retries === 'number' && p.retries > SERVERLESS_LIMITS.retries) (lowered.push(`retries ${p.retries} → ${SERVERLESS_LIMITS.retries}`), (p.retries = SERVERLESS_LIMITS.retries));
    for (const [key, limit] of [['retry_delay', SERVERLESS_LIMITS.retryDelaySeconds], ['max_retry_delay', SERVERLESS_LIMITS.retryDelaySeconds], ['execution_timeout', SERVERLESS_LIMITS.executionTimeoutSeconds]] as const) {
      const value = p[key] as { seconds?: number } | undefined;
      if (value?.seconds && value.seconds > limit) (lowered.push(`${key} ${value.seconds}s → ${limit}s`), (p[key] = timedelta(limit)));
    }
    if (lowered.length > 0) {
      const row = dag.mappings.find((m) => m.tasks.includes(task.task_id));
      if (row) {
        row.notes.push(`MWAA Serverless limits: ${lowered.join(', ')}`);
        if (row.fidelity === 'exact') row.fidelity = 'approximated';
      }
    }
  }
}
