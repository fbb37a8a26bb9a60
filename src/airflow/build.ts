/**
 * One workflow → one DAG: states become tasks in the order they can run, data between them
 * becomes templates over XCom and the run's params, and every state gets a row saying how it
 * carried over. Pass and Succeed states need no task (their data is folded into the templates that
 * read it); Choice becomes a branch; Catch a handler with the trigger rule that runs it only on
 * failure; Retry the task's retry settings; Map dynamic task mapping; Parallel a task group per
 * branch (fan-out, fan-in); a polling loop the operator's own wait or a sensor; Wait a sensor.
 * The states are translated in states.ts and tasks.ts; here, the machines and the wiring.
 */
import type { JsonValue, QueryLanguage, StateMachineDefinition, TaskState } from '../model/asl.js';
import type { Machine } from '../model/walk.js';
import { ERROR_OUTPUT, joinInputs, joinVars, pyModule, taskId, timedelta, type BuildContext, type MachineScope, type StateResult } from './common.js';
import { machineShape, type Edge, type MachineShape } from './graph.js';
import type { Dag, DagTask, Fidelity, StateMapping } from './model.js';
import { coreOperator, SERVERLESS_ALLOWLIST, SERVERLESS_LIMITS, type CoreOperator } from './operators.js';
import { choiceState, failState, loopState, passState, waitState } from './states.js';
import { mapState, parallelState, taskState } from './tasks.js';
import { opaque, type Sym } from './sym.js';
import type { Scope } from './translate.js';

export { pyModule, taskId, type BuildContext } from './common.js';

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
    const m: MachineScope = {
      dag, used, ctx, serverless, module, workflow: name, machine, shape, group, groupPaths, order, branches,
      add: (task) => addTask(task, group),
      xcom: (id, key) => ({ k: 'xcom', task: fullId(id), ...(key ? { key } : {}) }),
      mapping, core, fullId, translate,
      entryOf: (stateName) => entryOf(stateName),
    };

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
            return shape.loops.get(stateName)?.form === 'begin' ? loopState(m, stateName, scope) : passState(m, stateName, state, lang, scope);
          case 'Succeed':
            mapping(stateName, 'Succeed', [], 'exact', [group ? 'no task: the branch ends' : 'no task: the run succeeds when no task failed']);
            return { entry: [], exit: [], output: input, vars };
          case 'Fail':
            return failState(m, stateName, state, lang, scope);
          case 'Wait':
            return waitState(m, stateName, state, lang, scope);
          case 'Choice':
            return choiceState(m, stateName, state, lang, scope);
          case 'Task':
            return taskState(m, stateName, state, lang, scope);
          case 'Map':
            return mapState(m, stateName, state, lang, scope);
          case 'Parallel':
            return parallelState(m, stateName, state, lang, scope);
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
