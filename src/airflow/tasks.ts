/**
 * Task, Map and Parallel states: a service call as the Amazon provider's operator (or an SDK call
 * through boto3), with its retries, timeouts and polling loop; a Map as dynamic task mapping; a
 * Parallel as a task group per branch.
 */
import type { JsonValue, QueryLanguage, State, TaskState } from '../model/asl.js';
import { parseResource } from '../model/resource.js';
import { applyResultPath, assign, taskId, timedelta, type MachineScope, type StateResult } from './common.js';
import { planCall } from './integrations.js';
import type { Fidelity } from './model.js';
import { AMAZON } from './operators.js';
import { jsonTemplate, render, whyNotTemplate } from './render.js';
import { retryApproximated, retryParams, timeoutParams } from './retry.js';
import { addLoopSensor } from './states.js';
import { bindParams, fold, lit, notesOf, opaque, python, whyOpaque, type Sym } from './sym.js';
import { fromPath, fromValue, type Scope } from './translate.js';

export function taskState(m: MachineScope, stateName: string, state: TaskState, lang: QueryLanguage, scope: Scope): StateResult {
  const id = taskId(stateName, m.used);
  const resource = parseResource(state.Resource);
  const request = lang === 'JSONata' ? fromValue(state.Arguments ?? {}, lang, scope) : state.Parameters !== undefined ? fromValue(state.Parameters, lang, scope) : resource.kind === 'lambda-function' ? scope.input : lit({});
  const loop = m.shape.loops.get(stateName);
  const call = planCall({
    resource: resource.kind === 'lambda-function' ? { ...resource, kind: 'integration' } : resource,
    request: resource.kind === 'lambda-function' ? { k: 'obj', entries: [['FunctionName', lit(state.Resource)], ['Payload', request]] } : request,
    xcom: m.xcom(id),
    workflowOf: m.ctx.workflowOf,
    ...(loop ? { pollSeconds: loop.pollSeconds, ...(loop.maxPolls ? { maxPolls: loop.maxPolls } : {}) } : {}),
  });
  const notes: string[] = [];
  let fidelity: Fidelity = 'exact';
  if (!call) {
    const reason = `${state.Resource} has no operator in the Amazon provider that this generator maps to`;
    if (m.serverless) m.dag.blockers.push(`state ${stateName}: ${reason}`);
    m.add({ task_id: id, operator: m.core('python'), params: { python_callable: 'stepwright_helpers.runtime.not_expressible', op_kwargs: { state: stateName, reason } }, dependencies: [], state: stateName });
    m.mapping(stateName, 'Task', [id], 'not expressible', [reason]);
    return { entry: [id], exit: [id], output: opaque(reason), vars: scope.vars };
  }
  let operator: string;
  const params: Record<string, JsonValue> = {};
  if (call.operator === 'AwsSdkCall') {
    operator = m.core('python');
    const rendered = render(fold(call.params.request!));
    if (rendered.why) (notes.push(`request: ${rendered.why}`), (fidelity = 'not expressible'));
    params.python_callable = 'stepwright_helpers.runtime.aws_call';
    params.op_kwargs = { service: render(call.params.service!).value, operation: render(call.params.operation!).value, request: rendered.why ? rendered.value : jsonTemplate(fold(call.params.request!)) };
    if (m.serverless) m.dag.blockers.push(`state ${stateName}: ${state.Resource} has no operator in the Amazon provider, and MWAA Serverless runs no Python callables`);
  } else {
    operator = call.operator === 'TriggerDagRunOperator' ? m.core('trigger') : AMAZON[call.operator];
    if (call.operator === 'TriggerDagRunOperator' && m.ctx.major === 2 && call.params.conf) {
      notes.push("conf: Airflow 2's core TriggerDagRunOperator takes a dict and does not parse JSON text (the standard provider's, in Airflow 3, does): the child run's input is not passed");
      fidelity = 'not expressible';
    }
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
  m.add({ task_id: id, operator, params, dependencies: [], state: stateName });
  const taskIds = [id];
  let exit = id;
  if (call.sensor) {
    const sensorId = taskId(`${id}_${call.sensor.suffix}`, m.used);
    const sensorParams: Record<string, JsonValue> = {};
    for (const [key, value] of Object.entries(call.sensor.params)) sensorParams[key] = render(fold(value)).value;
    m.add({ task_id: sensorId, operator: AMAZON[call.sensor.operator], params: sensorParams, dependencies: [id], state: stateName });
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
    const sensor = addLoopSensor(m, stateName, { input: scope.input, vars }, [id]);
    taskIds.push(sensor.id);
    exit = sensor.id;
    vars = sensor.vars;
    notes.push(`${sensor.name}: ${sensor.sensor.notes.join('; ')}`);
    if (sensor.sensor.fidelity === 'not expressible') fidelity = 'not expressible';
    else if (sensor.sensor.fidelity === 'approximated' && fidelity === 'exact') fidelity = 'approximated';
  }
  const shortName = operator.slice(operator.lastIndexOf('.') + 1);
  m.mapping(stateName, 'Task', taskIds, fidelity, [`${call.operator === 'AwsSdkCall' ? `${shortName} (aws_call)` : shortName}${call.sensor ? ` + ${call.sensor.operator}` : ''}`, ...notes]);
  return { entry: [id], exit: [exit], output: fold(output), vars };
}

export function mapState(m: MachineScope, stateName: string, state: Extract<State, { Type: 'Map' }>, lang: QueryLanguage, scope: Scope): StateResult {
  const processor = state.ItemProcessor ?? state.Iterator;
  const steps = Object.entries(processor?.States ?? {});
  const reason = (why: string): StateResult => {
    m.dag.blockers.push(`state ${stateName}: ${why}`);
    m.mapping(stateName, 'Map', [], 'not expressible', [why]);
    return { entry: [], exit: [], output: opaque(why), vars: scope.vars };
  };
  if (steps.length !== 1 || steps[0]![1].Type !== 'Task') return reason('dynamic task mapping maps one operator; a processor of several states (a mapped task group) is not translated');
  if (state.ItemReader) return reason('a distributed Map reading its items from S3 is not translated');
  if (m.serverless) return reason("mapping over the run's data needs a Python task to list the items, which MWAA Serverless does not run");
  const [innerName, inner] = steps[0]! as [string, TaskState];
  m.order.push(innerName);
  const items = lang === 'JSONata' ? fromValue(state.Items ?? '{% $states.input %}', lang, scope) : fromPath(state.ItemsPath ?? '$', scope);
  const itemScope: Scope = { input: scope.input, vars: scope.vars, mapItem: { value: { k: 'param', name: 'value' }, index: { k: 'param', name: 'index' } } };
  const selector = state.ItemSelector ?? state.Parameters;
  const itemInput: Sym = selector !== undefined ? fromValue(selector, lang, itemScope) : { k: 'param', name: 'value' };
  const innerLang = inner.QueryLanguage ?? lang;
  const request = innerLang === 'JSONata' ? fromValue(inner.Arguments ?? {}, innerLang, { input: itemInput, vars: scope.vars }) : fromValue(inner.Parameters ?? {}, innerLang, { input: itemInput, vars: scope.vars });
  const id = taskId(innerName, m.used);
  const call = planCall({ resource: parseResource(inner.Resource), request, xcom: m.xcom(id), workflowOf: m.ctx.workflowOf });
  if (!call || call.sensor || call.operator === 'TriggerDagRunOperator' || call.operator === 'AwsSdkCall') return reason(`${inner.Resource} inside a Map is not translated`);
  const varying = Object.entries(call.params).filter(([, v]) => JSON.stringify(v).includes('"k":"param"'));
  if (varying.length !== 1) return reason(`the mapped operator's parameters vary per item in ${varying.length} places; dag-factory expands one`);
  const [param, perItem] = varying[0]!;
  const why = whyOpaque(items) ?? whyOpaque(perItem) ?? whyNotTemplate(scope.input);
  if (why) return reason(why);
  const itemsId = taskId(`${stateName} items`, m.used);
  const fn = `items_${taskId(stateName, new Set())}`;
  const perItemPy = python(bindParams(perItem, (leaf) => (leaf.k === 'input' ? { k: 'param', name: 'state' } : undefined)), { input: 'state' });
  const itemsPy = python(bindParams(items, (leaf) => (leaf.k === 'input' ? { k: 'param', name: 'state' } : undefined)), { input: 'state' });
  m.dag.helpers.push({ name: fn, source: [`def ${fn}(state_input, **context):`, `    """Map "${stateName}": the ${param} of each item's ${call.operator}."""`, '    state = _rt.fromjson(state_input)', `    return [${perItemPy} for index, value in enumerate(${itemsPy})]`].join('\n') });
  m.add({ task_id: itemsId, operator: m.core('python'), params: { python_callable: `${m.module}.${fn}`, op_kwargs: { state_input: jsonTemplate(scope.input) } }, dependencies: [], state: stateName });
  const partial: Record<string, JsonValue> = {};
  const notes: string[] = [`the items come from ${fn} (a PythonOperator); ${call.operator} is mapped over its ${param}`];
  for (const [key, value] of Object.entries(call.params)) if (key !== param) partial[key] = render(fold(value)).value;
  Object.assign(partial, retryParams(inner.Retry, notes), timeoutParams(inner, notes));
  if (typeof state.MaxConcurrency === 'number' && state.MaxConcurrency > 0) (partial.max_active_tis_per_dagrun = state.MaxConcurrency), notes.push(`MaxConcurrency ${state.MaxConcurrency} → max_active_tis_per_dagrun`);
  const mapped = m.add({ task_id: id, operator: AMAZON[call.operator], params: {}, dependencies: [itemsId], partial, expand: { [param]: `${m.fullId(itemsId)}.output` }, state: stateName });
  if (state.Retry) notes.push("the Map's own Retry is not translated (each mapped task retries by itself)");
  m.mapping(stateName, 'Map', [itemsId, mapped.task_id], 'approximated', [...notes, ...call.notes, `the Map's result is the list of ${call.operator} XComs, not each item's output`]);
  m.mapping(innerName, 'Task', [mapped.task_id], 'approximated', ['mapped: see the Map']);
  const lost = opaque("the Map's results as Step Functions shapes them are not in Airflow");
  const output = lang === 'JSONPath' ? applyResultPath(scope.input, lost, state.ResultPath) : lost;
  return { entry: [itemsId], exit: [id], output, vars: scope.vars };
}

/** Fan-out, fan-in: each branch's states in a task group, started after the Parallel's predecessors; its successors wait for every branch. */
export function parallelState(m: MachineScope, stateName: string, state: Extract<State, { Type: 'Parallel' }>, lang: QueryLanguage, scope: Scope): StateResult {
  const entry: string[] = [];
  const exit: string[] = [];
  const outputs: Sym[] = [];
  const notes: string[] = [];
  const branchInput = lang === 'JSONPath' && state.Parameters !== undefined ? fromValue(state.Parameters, lang, scope) : lang === 'JSONata' && state.Arguments !== undefined ? fromValue(state.Arguments, lang, scope) : scope.input;
  const groupNames: string[] = [];
  state.Branches.forEach((branch, i) => {
    const groupName = taskId(`${stateName} branch ${i + 1}`, m.used);
    groupNames.push(groupName);
    m.groupPaths.set(groupName, m.group ? `${m.groupPaths.get(m.group)}.${groupName}` : groupName);
    m.dag.groups.push({ group_name: groupName, tooltip: `${stateName}: branch ${i + 1} (starts at ${branch.StartAt})`, ...(m.group ? { parent_group_name: m.group } : {}) });
    const r = m.translate(branch, lang, branchInput, scope.vars, groupName);
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
  m.mapping(stateName, 'Parallel', groupNames, fidelity, notes);
  return { entry, exit, output: fold(output), vars: assign(state.Assign, lang, { ...scope, result }, scope.vars) };
}
