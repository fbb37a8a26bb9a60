/**
 * One workflow → one DAG: states become tasks in the order they can run, data between them
 * becomes templates over XCom and the run's params, and every state gets a row saying how it
 * carried over. Pass and Succeed states need no task (their data is folded into the templates that
 * read it); Choice becomes a branch; Catch a handler with the trigger rule that runs it only on
 * failure; Retry the task's retry settings; Map dynamic task mapping; Wait a sensor.
 */
import type { JsonValue, QueryLanguage, Retrier, State, StateMachineDefinition, TaskState } from '../model/asl.js';
import { parseResource } from '../model/resource.js';
import { machineShape, type Edge } from './graph.js';
import { planCall } from './integrations.js';
import type { AirflowMajor, Dag, DagTarget, DagTask, Fidelity, HelperFunction, StateMapping } from './model.js';
import { AMAZON, coreOperator, SERVERLESS_ALLOWLIST, SERVERLESS_LIMITS } from './operators.js';
import { jsonPathRule } from './python.js';
import { bindParams, fold, get, jinja, lit, notesOf, opaque, python, whyOpaque, type Sym } from './sym.js';
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

/** Airflow task ids: letters, digits, `_`, `-`, `.`; derived from the state name, unique in the DAG. */
export function taskId(state: string, used: Set<string>): string {
  const base = state.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'state';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
  used.add(id);
  return id;
}

export function buildDag(name: string, definition: StateMachineDefinition, ctx: BuildContext): Dag {
  const language: QueryLanguage = definition.QueryLanguage ?? 'JSONPath';
  const dag: Dag = { dagId: name, workflow: name, settings: {}, defaultArgs: {}, tasks: [], groups: [], helpers: [], mappings: [], triggers: [], blockers: [] };
  if (definition.Comment) dag.description = definition.Comment;
  if (definition.TimeoutSeconds) dag.settings.dagrun_timeout = { __type__: 'datetime.timedelta', seconds: definition.TimeoutSeconds };
  const used = new Set<string>();
  const shape = machineShape(definition);
  for (const cycle of shape.cycles) dag.blockers.push(`the states ${cycle.join(' → ')} form a loop that is not a polling loop; a DAG cannot loop`);

  const results = new Map<string, StateResult>();
  const entries = new Map<string, string[]>();
  const byState = new Map<string, DagTask[]>();
  const branchTargets = new Map<string, string[]>(); // Choice state → its target states
  const addTask = (task: DagTask) => {
    dag.tasks.push(task);
    byState.set(task.state, [...(byState.get(task.state) ?? []), task]);
    return task;
  };
  const mapping = (state: string, type: string, tasks: string[], fidelity: Fidelity, notes: string[]) => dag.mappings.push({ state, type, tasks, fidelity, notes: [...new Set(notes)] });

  for (const stateName of shape.order) {
    const state = definition.States[stateName]!;
    const stateLanguage = state.QueryLanguage ?? language;
    const incoming = shape.edges.filter((e) => e.to === stateName);
    const input = incoming.length === 0 ? ({ k: 'input' } as Sym) : joinInputs(incoming.map((e) => edgeData(e, results)));
    const vars = incoming.length === 0 ? new Map<string, Sym>() : joinVars(incoming.map((e) => results.get(e.from)?.vars ?? new Map()));
    const scope: Scope = { input, vars };
    const notes: string[] = [];
    const result = ((): StateResult => {
      switch (state.Type) {
        case 'Pass':
          return passState(stateName, state, stateLanguage, scope, notes);
        case 'Succeed':
          mapping(stateName, 'Succeed', [], 'exact', ['no task: the run succeeds when no task failed']);
          return { entry: [], exit: [], output: input, vars };
        case 'Fail':
          return failState(stateName, state, stateLanguage, scope);
        case 'Wait':
          return waitState(stateName, state, stateLanguage, scope);
        case 'Choice':
          return choiceState(stateName, state, stateLanguage, scope);
        case 'Task':
          return taskState(stateName, state, stateLanguage, scope);
        case 'Map':
          return mapState(stateName, state, stateLanguage, scope);
        case 'Parallel':
          mapping(stateName, 'Parallel', [], 'not expressible', ['Parallel branches are not translated yet; the DAG is left out']);
          dag.blockers.push(`state ${stateName}: Parallel is not translated`);
          return { entry: [], exit: [], output: opaque('Parallel is not translated'), vars };
      }
    })();
    results.set(stateName, result);
  }
  for (const name of shape.inLoops) mapping(name, definition.States[name]!.Type, [], 'exact', ['part of a polling loop: the operator waits for the work itself (see the loop\'s start)']);

  // Wire: a folded state's successors stand in for it.
  const entryOf = (name: string, seen = new Set<string>()): string[] => {
    if (entries.has(name)) return entries.get(name)!;
    const r = results.get(name);
    if (!r || seen.has(name)) return [];
    seen.add(name);
    if (r.entry.length > 0) return r.entry;
    const next = shape.edges.filter((e) => e.from === name && e.kind === 'next').flatMap((e) => entryOf(e.to, seen));
    entries.set(name, next);
    return next;
  };
  const normal = new Map<string, Set<string>>();
  const caught = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, to: string, from: string) => map.set(to, (map.get(to) ?? new Set()).add(from));
  const sources = (name: string, seen = new Set<string>()): string[] => {
    // The tasks a folded state's successors depend on: its own predecessors' exits.
    const r = results.get(name);
    if (!r || seen.has(name)) return [];
    seen.add(name);
    if (r.exit.length > 0) return r.exit;
    return shape.edges.filter((e) => e.to === name && e.kind !== 'catch').flatMap((e) => sources(e.from, seen));
  };
  for (const e of shape.edges) {
    const from = sources(e.from);
    for (const to of entryOf(e.to)) for (const f of from) add(e.kind === 'catch' ? caught : normal, to, f);
  }
  for (const task of dag.tasks) {
    if (task.dependencies.length > 0) continue; // set by the state itself (a sensor after its operator)
    const n = [...(normal.get(task.task_id) ?? [])];
    const c = [...(caught.get(task.task_id) ?? [])];
    if (c.length > 0 && n.length === 0) {
      task.dependencies = c.sort();
      task.trigger_rule = 'one_failed';
    } else if (c.length > 0) {
      const join = addTask({ task_id: `${task.task_id}_on_failure`, operator: coreOperator('empty', ctx.major), params: {}, dependencies: c.sort(), trigger_rule: 'one_failed', state: task.state });
      used.add(join.task_id);
      task.dependencies = [...n, join.task_id].sort();
      task.trigger_rule = 'one_success';
    } else {
      task.dependencies = n.sort();
      if (n.length > 1) task.trigger_rule = 'none_failed_min_one_success';
    }
  }
  // Branch helpers now know which tasks each target starts with.
  for (const helper of dag.helpers) {
    if (!helper.choice) continue;
    for (const target of branchTargets.get(helper.choice.state) ?? []) helper.choice.targets[target] = entryOf(target);
    helper.source = helper.source.replace(/__TARGET__\(([^)]*)\)/g, (_, t: string) => JSON.stringify(helper.choice!.targets[JSON.parse(t) as string] ?? []));
  }
  if (ctx.target === 'mwaa-serverless') serverlessChecks(dag);
  dag.mappings.sort((a, b) => order(a.state) - order(b.state));
  return dag;

  function order(state: string): number {
    const i = shape.order.indexOf(state);
    return i < 0 ? shape.order.length : i;
  }

  function edgeData(e: Edge, all: Map<string, StateResult>): Sym {
    if (e.kind === 'catch') {
      const from = definition.States[e.from] as TaskState;
      const catcher = from.Catch?.find((c) => c.Next === e.to);
      const base = all.get(e.from);
      if (catcher && 'ResultPath' in catcher && catcher.ResultPath !== undefined) {
        if (catcher.ResultPath === null) return base ? inputOf(e.from) : opaque('unknown input');
        const key = /^\$\.([A-Za-z_]\w*)$/.exec(catcher.ResultPath)?.[1];
        return key ? { k: 'set', of: inputOf(e.from), key, value: ERROR_OUTPUT } : opaque(`the catcher's ResultPath ${catcher.ResultPath} is not translated`);
      }
      return ERROR_OUTPUT;
    }
    return all.get(e.from)?.output ?? opaque(`the output of ${e.from} is not known`);
  }

  function inputOf(name: string): Sym {
    const incoming = shape.edges.filter((e) => e.to === name);
    return incoming.length === 0 ? { k: 'input' } : joinInputs(incoming.map((e) => edgeData(e, results)));
  }

  function passState(stateName: string, state: Extract<State, { Type: 'Pass' }>, lang: QueryLanguage, scope: Scope, notes: string[]): StateResult {
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
    const problems = [whyOpaque(output), ...[...vars.values()].map(whyOpaque)].filter(Boolean) as string[];
    if (problems.length === 0) {
      mapping(stateName, 'Pass', [], 'exact', ['no task: its data is folded into the templates of the tasks that read it', ...notesOf(output)]);
      return { entry: [], exit: [], output: fold(output), vars };
    }
    // Not translatable: on MWAA, evaluate the state's JSONata at run time (jsonata-python).
    if (ctx.target === 'mwaa-serverless' || lang !== 'JSONata' || whyOpaque(scope.input)) {
      mapping(stateName, 'Pass', [], 'not expressible', problems);
      return { entry: [], exit: [], output: fold(output), vars };
    }
    const id = taskId(stateName, used);
    const fields: Record<string, JsonValue> = {};
    if (state.Output !== undefined) fields.Output = state.Output as JsonValue;
    if (state.Assign) fields.Assign = state.Assign as JsonValue;
    const varNames = referencedVariables(JSON.stringify(fields)).filter((v) => scope.vars.has(v));
    const varTemplates: Record<string, JsonValue> = {};
    const blocked: string[] = [];
    for (const v of varNames) {
      const sym = scope.vars.get(v)!;
      const why = whyOpaque(sym);
      if (why) blocked.push(`$${v}: ${why}`);
      else varTemplates[v] = `{{ ${jinjaOf({ k: 'call', fn: 'tojson', args: [sym] })} }}`;
    }
    if (blocked.length > 0) {
      mapping(stateName, 'Pass', [], 'not expressible', blocked);
      return { entry: [], exit: [], output: fold(output), vars };
    }
    addTask({
      task_id: id,
      operator: coreOperator('python', ctx.major),
      params: {
        python_callable: 'stepwright_helpers.runtime_jsonata.evaluate_state',
        op_kwargs: { fields: inertJson(fields), state_input: `{{ ${jinjaOf({ k: 'call', fn: 'tojson', args: [scope.input] })} }}`, variables: varTemplates, run_id: '{{ run_id }}' },
      },
      dependencies: [],
      state: stateName,
    });
    const xcom: Sym = { k: 'xcom', task: id };
    const newVars = new Map(scope.vars);
    for (const key of Object.keys(state.Assign ?? {})) newVars.set(key, get(xcom, ['assign', key]));
    mapping(stateName, 'Pass', [id], 'exact', ['the expressions are evaluated at run time with jsonata-python (the same JSONata, in Python)', ...problems.map((p) => `not translatable to a template: ${p}`)]);
    return { entry: [id], exit: [id], output: state.Output !== undefined ? get(xcom, ['output']) : scope.input, vars: newVars };
  }

  function failState(stateName: string, state: Extract<State, { Type: 'Fail' }>, lang: QueryLanguage, scope: Scope): StateResult {
    const error = state.Error !== undefined ? fromValue(state.Error, lang, scope) : state.ErrorPath ? fromPath(state.ErrorPath, scope) : lit('States.Fail');
    const cause = state.Cause !== undefined ? fromValue(state.Cause, lang, scope) : state.CausePath ? fromPath(state.CausePath, scope) : lit('');
    if (ctx.target === 'mwaa-serverless') {
      mapping(stateName, 'Fail', [], 'approximated', ['no task (MWAA Serverless runs no Python): the run fails only if a task failed on the way here']);
      return { entry: [], exit: [], output: scope.input, vars: scope.vars };
    }
    const id = taskId(stateName, used);
    const notes = [...notesOf(error), ...notesOf(cause)];
    addTask({ task_id: id, operator: coreOperator('python', ctx.major), params: { python_callable: 'stepwright_helpers.runtime.fail', op_kwargs: { error: templateOr(error, 'States.Fail'), cause: templateOr(cause, '') } }, dependencies: [], state: stateName });
    mapping(stateName, 'Fail', [id], notes.length > 0 ? 'approximated' : 'exact', ['a task that raises AirflowFailException: the run ends failed, without retries', ...notes]);
    return { entry: [id], exit: [id], output: scope.input, vars: scope.vars };
  }

  function waitState(stateName: string, state: Extract<State, { Type: 'Wait' }>, lang: QueryLanguage, scope: Scope): StateResult {
    const id = taskId(stateName, used);
    const result = { entry: [id], exit: [id], output: scope.input, vars: assign(state.Assign, lang, scope, scope.vars) };
    if (typeof state.Seconds === 'number') {
      addTask({ task_id: id, operator: coreOperator('wait', ctx.major), params: { time_to_wait: { __type__: 'datetime.timedelta', seconds: state.Seconds } }, dependencies: [], state: stateName });
      mapping(stateName, 'Wait', [id], 'exact', [`WaitSensor(time_to_wait=${state.Seconds}s), measured from the task's start`]);
      return result;
    }
    const at = state.Timestamp !== undefined ? fromValue(state.Timestamp, lang, scope) : state.TimestampPath ? fromPath(state.TimestampPath, scope) : opaque('SecondsPath / a computed Seconds: WaitSensor takes a fixed duration');
    const why = whyOpaque(at);
    addTask({ task_id: id, operator: coreOperator('dateTime', ctx.major), params: { target_time: why ? notExpressibleTemplate() : `{{ ${jinjaOf(at)} }}` }, dependencies: [], state: stateName });
    mapping(stateName, 'Wait', [id], why ? 'not expressible' : 'exact', [why ?? 'DateTimeSensor(target_time=...)']);
    return result;
  }

  function choiceState(stateName: string, state: Extract<State, { Type: 'Choice' }>, lang: QueryLanguage, scope: Scope): StateResult {
    const targets = [...new Set([...state.Choices.map((c) => c.Next!), ...(state.Default ? [state.Default] : [])])];
    branchTargets.set(stateName, targets);
    const fn = `choose_${taskId(stateName, new Set())}`;
    const varNames = new Set<string>();
    const variable = (v: string) => (varNames.add(v), `var_${v}`);
    const conditions: string[] = [];
    const problems: string[] = [];
    for (const rule of state.Choices) {
      if (lang === 'JSONata') {
        const condition = typeof rule.Condition === 'boolean' ? lit(rule.Condition) : fromJsonata(String(rule.Condition ?? '').replace(/^\{%|%\}$/g, '').trim(), {
          input: { k: 'param', name: 'state' },
          vars: new Map([...scope.vars.keys()].map((v) => [v, { k: 'param', name: `var_${v}` } as Sym])),
        });
        const why = whyOpaque(condition);
        if (why) problems.push(why);
        else {
          const code = python(condition, { input: 'state' });
          for (const m of code.matchAll(/\bvar_(\w+)/g)) variable(m[1]!);
          conditions.push(code);
        }
        if (rule.Assign || rule.Output) problems.push('a rule with its own Assign or Output is not translated');
      } else {
        const py = jsonPathRule(rule, variable);
        if (typeof py === 'string') conditions.push(`_rt.truthy(${py})`);
        else problems.push(py.error);
      }
    }
    const inputWhy = whyOpaque(scope.input);
    const varWhys = [...varNames].map((v) => [v, whyOpaque(scope.vars.get(v.replace(/^var_/, '')) ?? opaque(`$${v} is not assigned`))] as const).filter(([, w]) => w);
    if (inputWhy) problems.push(`the state input: ${inputWhy}`);
    for (const [v, w] of varWhys) problems.push(`$${v}: ${w}`);
    if (ctx.target === 'mwaa-serverless') problems.unshift('a branch needs a Python callable, which MWAA Serverless does not run');
    const id = taskId(stateName, used);
    if (problems.length > 0) {
      dag.blockers.push(`state ${stateName}: ${problems[0]}`);
      mapping(stateName, 'Choice', [id], 'not expressible', problems);
      return { entry: [id], exit: [id], output: scope.input, vars: scope.vars };
    }
    const lines = [`def ${fn}(state_input, ${[...varNames].map((v) => `var_${v}`).join(', ')}${varNames.size ? ', ' : ''}**context):`, `    """Choice "${stateName}": the task ids of the branch to run."""`, '    state = _rt.fromjson(state_input)'];
    for (const v of varNames) lines.push(`    var_${v} = _rt.fromjson(var_${v})`);
    state.Choices.forEach((rule, i) => lines.push(`    if _rt.truthy(${conditions[i]}):`, `        return __TARGET__(${JSON.stringify(rule.Next)})`));
    lines.push(state.Default ? `    return __TARGET__(${JSON.stringify(state.Default)})` : `    _rt.fail("States.NoChoiceMatched", "no rule of ${stateName.replace(/"/g, '\\"')} matched and it has no Default")`);
    dag.helpers.push({ name: fn, source: lines.join('\n'), choice: { state: stateName, targets: {} } });
    const opKwargs: Record<string, JsonValue> = { state_input: `{{ ${jinjaOf({ k: 'call', fn: 'tojson', args: [scope.input] })} }}` };
    for (const v of varNames) opKwargs[`var_${v}`] = `{{ ${jinjaOf({ k: 'call', fn: 'tojson', args: [scope.vars.get(v)!] })} }}`;
    addTask({ task_id: id, operator: coreOperator('branch', ctx.major), params: { python_callable: `stepwright_helpers.${pyModule(name)}.${fn}`, op_kwargs: opKwargs }, dependencies: [], state: stateName });
    const notes = [...notesOf(scope.input), ...[...varNames].flatMap((v) => [...notesOf(scope.vars.get(v)!)])];
    mapping(stateName, 'Choice', [id], notes.length ? 'approximated' : 'exact', [`BranchPythonOperator calling ${fn} in stepwright_helpers/${pyModule(name)}.py; the join after the branches uses none_failed_min_one_success`, ...notes]);
    return { entry: [id], exit: [id], output: scope.input, vars: scope.vars };
  }

  function taskState(stateName: string, state: TaskState, lang: QueryLanguage, scope: Scope): StateResult {
    const id = taskId(stateName, used);
    const resource = parseResource(state.Resource);
    const request = lang === 'JSONata' ? fromValue(state.Arguments ?? {}, lang, scope) : state.Parameters !== undefined ? fromValue(state.Parameters, lang, scope) : resource.kind === 'lambda-function' ? scope.input : lit({});
    const loop = shape.loops.get(stateName);
    const xcom: Sym = { k: 'xcom', task: id };
    const call = planCall({ resource: resource.kind === 'lambda-function' ? { ...resource, kind: 'integration' } : resource, request: resource.kind === 'lambda-function' ? { k: 'obj', entries: [['FunctionName', lit(state.Resource)], ['Payload', request]] } : request, xcom, workflowOf: ctx.workflowOf, ...(loop ? { pollSeconds: loop.pollSeconds } : {}) });
    const notes: string[] = [];
    let fidelity: Fidelity = 'exact';
    if (!call) {
      const reason = `${state.Resource} has no operator in the Amazon provider that this generator maps to`;
      if (ctx.target === 'mwaa-serverless') dag.blockers.push(`state ${stateName}: ${reason}`);
      addTask({ task_id: id, operator: coreOperator('python', ctx.major), params: { python_callable: 'stepwright_helpers.runtime.not_expressible', op_kwargs: { state: stateName, reason } }, dependencies: [], state: stateName });
      mapping(stateName, 'Task', [id], 'not expressible', [reason]);
      return { entry: [id], exit: [id], output: opaque(reason), vars: scope.vars };
    }
    const operator = call.operator === 'TriggerDagRunOperator' ? coreOperator('trigger', ctx.major) : AMAZON[call.operator];
    const params: Record<string, JsonValue> = {};
    for (const [key, value] of Object.entries(call.params)) {
      const rendered = render(fold(value));
      if (rendered.why) (notes.push(`${key}: ${rendered.why}`), (fidelity = 'not expressible'));
      params[key] = rendered.value;
      for (const n of notesOf(value)) notes.push(n);
    }
    Object.assign(params, retryParams(state.Retry, notes), timeoutParams(state, notes));
    if (state.HeartbeatSeconds !== undefined || state.HeartbeatSecondsPath) (notes.push('HeartbeatSeconds has no Airflow equivalent'), fidelity === 'exact' && (fidelity = 'approximated'));
    if (loop) {
      notes.push(`the polling loop (${loop.wait}, ${loop.check}, ${loop.choice}) becomes the operator's own wait, polling every ${loop.pollSeconds}s`);
      if (loop.maxPolls) params.execution_timeout = { __type__: 'datetime.timedelta', seconds: loop.maxPolls * loop.pollSeconds };
      if (loop.maxPolls) notes.push(`at most ${loop.maxPolls} polls: execution_timeout ${loop.maxPolls * loop.pollSeconds}s (a timeout is retried like any failure)`);
    }
    if (state.Catch?.some((c) => !c.ErrorEquals.includes('States.ALL') && !c.ErrorEquals.includes('States.TaskFailed'))) (notes.push('catchers for specific errors: Airflow runs the handler on any failure'), fidelity === 'exact' && (fidelity = 'approximated'));
    addTask({ task_id: id, operator, params, dependencies: [], state: stateName });
    const taskIds = [id];
    let exit = id;
    if (call.sensor) {
      const sensorId = `${id}_${call.sensor.suffix}`;
      used.add(sensorId);
      const sensorParams: Record<string, JsonValue> = {};
      for (const [key, value] of Object.entries(call.sensor.params)) sensorParams[key] = render(fold(value)).value;
      addTask({ task_id: sensorId, operator: AMAZON[call.sensor.operator], params: sensorParams, dependencies: [id], state: stateName });
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
      let value = state.ResultSelector !== undefined ? fromValue(state.ResultSelector, lang, { ...scope, input: call.result }) : call.result;
      output = applyResultPath(scope.input, value, state.ResultPath);
      if (state.OutputPath) output = fromPath(state.OutputPath, { ...scope, input: output });
      value = output;
    }
    const vars = assign(state.Assign, lang, resultScope, scope.vars);
    if (notes.some((n) => /^(the|StatusCode|JobRunState|Status)/.test(n)) && fidelity === 'exact' && [...notesOf(output)].length > 0) fidelity = 'approximated';
    mapping(stateName, 'Task', taskIds, fidelity, [`${call.operator}${call.sensor ? ` + ${call.sensor.operator}` : ''}`, ...notes]);
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
    if (ctx.target === 'mwaa-serverless') return reason('mapping over the run\'s data needs a Python task to list the items, which MWAA Serverless does not run');
    const [innerName, inner] = steps[0]! as [string, TaskState];
    const items = lang === 'JSONata' ? fromValue(state.Items ?? '{% $states.input %}', lang, scope) : fromPath(state.ItemsPath ?? '$', scope);
    const itemScope: Scope = { input: scope.input, vars: scope.vars, mapItem: { value: { k: 'param', name: 'value' }, index: { k: 'param', name: 'index' } } };
    const selector = state.ItemSelector ?? state.Parameters;
    const itemInput: Sym = selector !== undefined ? fromValue(selector, lang, itemScope) : { k: 'param', name: 'value' };
    const innerLang = inner.QueryLanguage ?? lang;
    const request = innerLang === 'JSONata' ? fromValue(inner.Arguments ?? {}, innerLang, { input: itemInput, vars: scope.vars }) : fromValue(inner.Parameters ?? {}, innerLang, { input: itemInput, vars: scope.vars });
    const id = taskId(innerName, used);
    const call = planCall({ resource: parseResource(inner.Resource), request, xcom: { k: 'xcom', task: id }, workflowOf: ctx.workflowOf });
    if (!call || call.sensor || call.operator === 'TriggerDagRunOperator') return reason(`${inner.Resource} inside a Map is not translated`);
    const varying = Object.entries(call.params).filter(([, v]) => JSON.stringify(v).includes('"k":"param"'));
    if (varying.length !== 1) return reason(`the mapped operator's parameters vary per item in ${varying.length} places; dag-factory expands one`);
    const [param, perItem] = varying[0]!;
    const why = whyOpaque(items) ?? whyOpaque(perItem) ?? whyOpaque(scope.input);
    if (why) return reason(why);
    const itemsId = taskId(`${stateName} items`, used);
    const fn = `items_${taskId(stateName, new Set())}`;
    const perItemPy = python(bindParams(perItem, (leaf) => (leaf.k === 'input' ? { k: 'param', name: 'state' } : undefined)), { input: 'state' });
    const itemsPy = python(bindParams(items, (leaf) => (leaf.k === 'input' ? { k: 'param', name: 'state' } : undefined)), { input: 'state' });
    dag.helpers.push({ name: fn, source: [`def ${fn}(state_input, **context):`, `    """Map "${stateName}": the ${param} of each item's ${call.operator}."""`, '    state = _rt.fromjson(state_input)', `    return [${perItemPy} for index, value in enumerate(${itemsPy})]`].join('\n') });
    addTask({ task_id: itemsId, operator: coreOperator('python', ctx.major), params: { python_callable: `stepwright_helpers.${pyModule(name)}.${fn}`, op_kwargs: { state_input: `{{ ${jinjaOf({ k: 'call', fn: 'tojson', args: [scope.input] })} }}` } }, dependencies: [], state: stateName });
    const partial: Record<string, JsonValue> = {};
    const notes: string[] = [`the items come from ${fn} (a PythonOperator); ${call.operator} is mapped over its ${param}`];
    for (const [key, value] of Object.entries(call.params)) if (key !== param) partial[key] = render(fold(value)).value;
    Object.assign(partial, retryParams(inner.Retry, notes), timeoutParams(inner, notes));
    if (typeof state.MaxConcurrency === 'number' && state.MaxConcurrency > 0) (partial.max_active_tis_per_dagrun = state.MaxConcurrency), notes.push(`MaxConcurrency ${state.MaxConcurrency} → max_active_tis_per_dagrun`);
    const mapped = addTask({ task_id: id, operator: AMAZON[call.operator as keyof typeof AMAZON], params: {}, dependencies: [itemsId], partial, expand: { [param]: `${itemsId}.output` }, state: stateName });
    if (state.Retry) notes.push('the Map\'s own Retry is not translated (each mapped task retries by itself)');
    mapping(stateName, 'Map', [itemsId, mapped.task_id], 'approximated', [...notes, ...call.notes, `the Map's result is the list of ${call.operator} XComs, not each item's output`]);
    mapping(innerName, 'Task', [mapped.task_id], 'approximated', ['mapped: see the Map']);
    const output = lang === 'JSONPath' ? applyResultPath(scope.input, opaque("the Map's results as Step Functions shapes them are not in Airflow"), state.ResultPath) : opaque("the Map's results as Step Functions shapes them are not in Airflow");
    return { entry: [itemsId], exit: [id], output, vars: scope.vars };
  }

  function serverlessChecks(d: Dag): void {
    for (const task of d.tasks) {
      if (!SERVERLESS_ALLOWLIST.has(task.operator)) d.blockers.push(`task ${task.task_id}: ${task.operator} is not on MWAA Serverless's operator allowlist`);
      const p = { ...task.params, ...(task.partial ?? {}) } as Record<string, JsonValue>;
      if (typeof p.retries === 'number' && p.retries > SERVERLESS_LIMITS.retries) p.retries = SERVERLESS_LIMITS.retries;
      const delay = p.retry_delay as { seconds?: number } | undefined;
      if (delay?.seconds && delay.seconds > SERVERLESS_LIMITS.retryDelaySeconds) delay.seconds = SERVERLESS_LIMITS.retryDelaySeconds;
      const timeout = p.execution_timeout as { seconds?: number } | undefined;
      if (timeout?.seconds && timeout.seconds > SERVERLESS_LIMITS.executionTimeoutSeconds) timeout.seconds = SERVERLESS_LIMITS.executionTimeoutSeconds;
      Object.assign(task.partial ? task.partial : task.params, Object.fromEntries(Object.entries(p).filter(([k]) => ['retries', 'retry_delay', 'execution_timeout'].includes(k))));
    }
  }
}

function referencedVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]!).filter((v) => v !== 'states'))].sort();
}

export function pyModule(workflow: string): string {
  return workflow.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
}

const jinjaOf = jinja;

function notExpressibleTemplate(): string {
  return '{{ stepwright_not_expressible_see_COMPARISON_md }}';
}

/** A value for YAML: literals as they are, the rest as a template (failing loudly if opaque). */
function render(sym: Sym): { value: JsonValue; why?: string } {
  const why = whyOpaque(sym);
  if (why) return { value: notExpressibleTemplate(), why };
  if (sym.k === 'lit') return { value: escapeLiteral(sym.v) };
  if (sym.k === 'obj') {
    const out: Record<string, JsonValue> = {};
    for (const [key, v] of sym.entries) out[key] = render(v).value;
    return { value: out };
  }
  if (sym.k === 'arr') return { value: sym.items.map((v) => render(v).value) };
  return { value: `{{ ${jinjaOf(sym)} }}` };
}

/** Literal text with Jinja markers or `$NAME` (dag-factory expands environment variables) kept literal. */
function escapeLiteral(v: JsonValue): JsonValue {
  if (typeof v === 'string') {
    let out = /\{\{|\{%|\{#/.test(v) ? `{% raw %}${v}{% endraw %}` : v;
    if (/\$(\w|\{)/.test(out)) out = out.replace(/\$(?=[\w{])/g, "{{ '$' }}");
    return out;
  }
  if (Array.isArray(v)) return v.map(escapeLiteral);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, value]) => [key, escapeLiteral(value)]));
  return v;
}

/** JSON text with `$ { } %` escaped (\u0024...): neither dag-factory's $VAR expansion nor Jinja touches it. */
function inertJson(value: JsonValue): string {
  return JSON.stringify(value).replace(/[${}%]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function templateOr(sym: Sym, fallback: string): JsonValue {
  if (whyOpaque(sym)) return fallback;
  return render(sym).value;
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

/** Retry → retries, retry_delay, retry_exponential_backoff, max_retry_delay (one policy per task). */
function retryParams(retriers: Retrier[] | undefined, notes: string[]): Record<string, JsonValue> {
  if (!retriers || retriers.length === 0) return {};
  const chosen = retriers.reduce((a, b) => ((b.MaxAttempts ?? 3) > (a.MaxAttempts ?? 3) ? b : a));
  const attempts = chosen.MaxAttempts ?? 3;
  const rate = chosen.BackoffRate ?? 2;
  const out: Record<string, JsonValue> = { retries: attempts, retry_delay: { __type__: 'datetime.timedelta', seconds: chosen.IntervalSeconds ?? 1 } };
  if (rate > 1) out.retry_exponential_backoff = true;
  if (chosen.MaxDelaySeconds) out.max_retry_delay = { __type__: 'datetime.timedelta', seconds: chosen.MaxDelaySeconds };
  const lost: string[] = [];
  if (retriers.length > 1) lost.push(`${retriers.length} retriers become one policy (the one with the most attempts)`);
  if (!chosen.ErrorEquals.includes('States.ALL')) lost.push(`retries only ${chosen.ErrorEquals.join(', ')} in Step Functions; Airflow retries any failure`);
  if (rate > 1 && rate !== 2) lost.push(`BackoffRate ${rate}: Airflow's backoff doubles`);
  if (rate < 1) lost.push(`BackoffRate ${rate} below 1`);
  if (chosen.JitterStrategy === 'FULL') lost.push("JitterStrategy FULL: Airflow's exponential backoff adds its own jitter (up to one more interval), not AWS's full jitter");
  notes.push(`Retry → retries ${attempts}, retry_delay ${chosen.IntervalSeconds ?? 1}s${rate > 1 ? ', exponential backoff' : ''}${chosen.MaxDelaySeconds ? `, max_retry_delay ${chosen.MaxDelaySeconds}s` : ''}`, ...lost.map((l) => `not carried over: ${l}`));
  return out;
}

function retryApproximated(retriers: Retrier[] | undefined): boolean {
  if (!retriers || retriers.length === 0) return false;
  return retriers.length > 1 || retriers.some((r) => !r.ErrorEquals.includes('States.ALL') || (r.BackoffRate ?? 2) !== 2 || r.JitterStrategy === 'FULL');
}

function timeoutParams(state: TaskState, notes: string[]): Record<string, JsonValue> {
  if (typeof state.TimeoutSeconds === 'number') {
    notes.push(`TimeoutSeconds ${state.TimeoutSeconds} → execution_timeout (per try, as in Step Functions)`);
    return { execution_timeout: { __type__: 'datetime.timedelta', seconds: state.TimeoutSeconds } };
  }
  if (state.TimeoutSeconds !== undefined || state.TimeoutSecondsPath) notes.push('a timeout computed at run time is not carried over');
  return {};
}
