/**
 * Small definitions for what the examples do not use, and MWAA Serverless's restrictions: a
 * Parallel (a task group per branch, fan-out and fan-in, a Choice inside a branch, a Catch over the
 * whole), DMS waits that become the Amazon provider's sensors, and the serverless target's
 * operators, retry limits and Python-free tasks, on the examples and on small definitions.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { airflowDags } from '../../src/airflow/index.js';
import { buildDag } from '../../src/airflow/build.js';
import { dagYaml } from '../../src/airflow/files.js';
import { helperModule, RUNTIME_PY } from '../../src/airflow/python.js';
import { SERVERLESS_ALLOWLIST } from '../../src/airflow/operators.js';
import type { Dag, DagTarget } from '../../src/airflow/model.js';
import { compile } from '../../src/compile/compile.js';
import { dms, sns, workflow } from '../../src/index.js';
import type { StateMachineDefinition } from '../../src/model/asl.js';
import { loadProject, type Project } from '../../src/project/index.js';
import { dagFactoryLoad, python, schemaErrors } from './checks.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:alerts';
const notify = (message: string, next: { Next: string } | { End: true }) => ({ Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: TOPIC, Message: message }, ...next });

const PARALLEL = {
  StartAt: 'Fan out',
  States: {
    'Fan out': {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Score', States: { Score: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:score', 'Payload.$': '$' }, End: true } } },
        {
          StartAt: 'Big?',
          States: {
            'Big?': { Type: 'Choice', Choices: [{ Variable: '$.rows', NumericGreaterThan: 1000, Next: 'Compact' }], Default: 'Small' },
            Compact: { Type: 'Task', Resource: 'arn:aws:states:::glue:startJobRun.sync', Parameters: { JobName: 'compact' }, End: true },
            Small: { Type: 'Succeed' },
          },
        },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Notify' }],
      Next: 'Done',
    },
    Done: notify('done', { End: true }),
    Notify: notify('failed', { End: true }),
  },
} as unknown as StateMachineDefinition;

const build = (definition: StateMachineDefinition, target: DagTarget = 'mwaa') => buildDag('w', definition, { major: 3, target, workflowOf: () => undefined });

/** Writes the DAG's YAML and helpers to a fresh dags folder; returns the folder. */
function write(dag: Dag, target: DagTarget = 'mwaa'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'stepwright-def-')), 'dags');
  mkdirSync(join(dir, 'stepwright_helpers'), { recursive: true });
  writeFileSync(join(dir, `${dag.dagId}.yaml`), dagYaml(dag, target));
  writeFileSync(join(dir, 'stepwright_helpers', '__init__.py'), '');
  writeFileSync(join(dir, 'stepwright_helpers', 'runtime.py'), RUNTIME_PY);
  writeFileSync(join(dir, 'stepwright_helpers', `${dag.workflow}.py`), helperModule(dag.workflow, dag.helpers));
  return dir;
}

const task = (dag: Dag, id: string) => dag.tasks.find((t) => t.task_id === id)!;

describe('Parallel', () => {
  const dag = build(PARALLEL);

  test('each branch is a task group; its tasks start after the Parallel\'s predecessors and the next state waits for every branch', () => {
    expect(dag.blockers).toEqual([]);
    expect(dag.groups).toEqual([
      { group_name: 'fan_out_branch_1', tooltip: 'Fan out: branch 1 (starts at Score)' },
      { group_name: 'fan_out_branch_2', tooltip: 'Fan out: branch 2 (starts at Big?)' },
    ]);
    expect(task(dag, 'score')).toMatchObject({ task_group_name: 'fan_out_branch_1', dependencies: [] });
    expect(task(dag, 'big')).toMatchObject({ task_group_name: 'fan_out_branch_2', dependencies: [], operator: 'airflow.providers.standard.operators.python.BranchPythonOperator' });
    expect(task(dag, 'compact')).toMatchObject({ task_group_name: 'fan_out_branch_2', dependencies: ['big'] });
    // Fan-in: a skipped branch path (Small) must not skip Done; a failed task must stop it.
    // A branch skips its direct downstream tasks it does not pick: Done and Notify get EmptyOperators of their own.
    expect(task(dag, 'done')).toMatchObject({ dependencies: ['compact', 'done_via_big', 'score'], trigger_rule: 'none_failed_min_one_success' });
    expect(task(dag, 'done_via_big')).toMatchObject({ dependencies: ['big'], operator: 'airflow.providers.standard.operators.empty.EmptyOperator' });
    expect(task(dag, 'done').task_group_name).toBeUndefined();
    // The Catch over the whole Parallel: any branch's failure.
    expect(task(dag, 'notify')).toMatchObject({ dependencies: ['compact', 'notify_via_big', 'score'], trigger_rule: 'one_failed' });
    expect(dag.mappings.find((m) => m.state === 'Fan out')).toMatchObject({ type: 'Parallel', tasks: ['fan_out_branch_1', 'fan_out_branch_2'], fidelity: 'approximated' });
  });

  test('the YAML passes the schema and dag-factory\'s checks; the branch helper inside a group names tasks by their full id', () => {
    const dir = write(dag);
    const yaml = dagYaml(dag, 'mwaa');
    expect(schemaErrors(yaml)).toEqual([]);
    expect(dagFactoryLoad(join(dir, 'w.yaml'))).toEqual(['w']);
    const choose = (rows: number) => JSON.parse(python(`import sys, json\nsys.path.insert(0, ${JSON.stringify(dir)})\nfrom stepwright_helpers import w\nprint(json.dumps(w.choose_big(sys.argv[1])))`, [JSON.stringify({ rows })])) as string[];
    expect(choose(5000)).toEqual(['fan_out_branch_2.compact']);
    expect(choose(10)).toEqual([]);
  });

  test('Airflow 2 writes the same groups with the core operators\' Airflow 2 paths', () => {
    const two = buildDag('w', PARALLEL, { major: 2, target: 'mwaa', workflowOf: () => undefined });
    expect(two.groups.map((g) => g.group_name)).toEqual(['fan_out_branch_1', 'fan_out_branch_2']);
    expect(task(two, 'big').operator).toBe('airflow.operators.python.BranchPythonOperator');
    expect(schemaErrors(dagYaml(two, 'mwaa'))).toEqual([]);
  });

  test('a Parallel in a Parallel nests its groups', () => {
    const nested = {
      StartAt: 'Outer',
      States: { Outer: { Type: 'Parallel', Branches: [{ StartAt: 'Inner', States: { Inner: { ...PARALLEL.States['Fan out'], Catch: undefined, Next: undefined, End: true } } }], End: true } },
    } as unknown as StateMachineDefinition;
    const dag2 = build(nested);
    expect(dag2.groups).toEqual([
      { group_name: 'outer_branch_1', tooltip: 'Outer: branch 1 (starts at Inner)' },
      { group_name: 'inner_branch_1', tooltip: 'Inner: branch 1 (starts at Score)', parent_group_name: 'outer_branch_1' },
      { group_name: 'inner_branch_2', tooltip: 'Inner: branch 2 (starts at Big?)', parent_group_name: 'outer_branch_1' },
    ]);
    expect(dag2.helpers[0]!.choice!.targets).toEqual({ Compact: ['outer_branch_1.inner_branch_2.compact'], Small: [] });
    expect(dagFactoryLoad(join(write(dag2), 'w.yaml'))).toEqual(['w']);
  });
});

describe('DMS waits become the Amazon provider\'s sensors', () => {
  const arn = 'arn:aws:dms:eu-west-1:123456789012:task:orders';
  const sensorOf = (until: 'running' | 'stopped' | 'full-load-complete', start: boolean) => {
    const chain = start
      ? dms.startReplicationTask({ ReplicationTaskArn: arn, StartReplicationTaskType: 'start-replication' }, { name: 'Orders', until, pollEvery: '1m', maxPolls: 30 })
      : dms.waitForReplicationTask({ ReplicationTaskArn: arn }, { name: 'Orders', until, pollEvery: '1m', maxPolls: 30 });
    const dag = build(compile(workflow('w', { start: chain.next(sns.publish('Done', { TopicArn: TOPIC, Message: 'ok' })) })));
    expect(dag.blockers).toEqual([]);
    return dag;
  };

  test('until running: DmsTaskBaseSensor with the loop\'s target and failure statuses (exact); after a start, DmsStartTaskOperator then the sensor', () => {
    const dag = sensorOf('running', true);
    expect(dag.tasks.map((t) => [t.task_id, t.operator.slice(t.operator.lastIndexOf('.') + 1), t.dependencies])).toEqual([
      ['orders_start', 'DmsStartTaskOperator', []],
      ['orders_start_poll', 'DmsTaskBaseSensor', ['orders_start']],
      ['done', 'SnsPublishOperator', ['orders_start_poll']],
    ]);
    expect(task(dag, 'orders_start_poll').params).toEqual({ replication_task_arn: arn, target_statuses: ['running'], termination_statuses: ['failed', 'failed-move'], poke_interval: 60, timeout: 1800, mode: 'reschedule' });
    expect(dag.mappings.find((m) => m.state === 'Orders: start')!.fidelity).toBe('exact');
  });

  test('until stopped: DmsTaskCompletedSensor (approximated: it fails on more statuses); full-load-complete: a PythonSensor with the loop\'s own status', () => {
    expect(task(sensorOf('stopped', false), 'orders').operator).toBe('airflow.providers.amazon.aws.sensors.dms.DmsTaskCompletedSensor');
    const full = sensorOf('full-load-complete', false);
    expect(task(full, 'orders')).toMatchObject({ operator: 'airflow.providers.standard.sensors.python.PythonSensor', params: { python_callable: 'stepwright_helpers.w.poll_orders', poke_interval: 60, timeout: 1800 } });
    expect(full.helpers.map((h) => h.name)).toEqual(['poll_orders']);
  });
});

describe('--target mwaa-serverless', () => {
  let project: Project;
  let result: ReturnType<typeof airflowDags>;
  beforeAll(async () => {
    project = await loadProject({ root: join(__dirname, '..', '..') });
    result = airflowDags(project, { target: 'mwaa-serverless', out: 'out' });
  }, 60_000);

  test('only allowlisted operators, retries at most 3, retry delays at most 300 s, no Python callables, no helper files', () => {
    const written = result.dags.filter((d) => d.blockers.length === 0);
    expect(written.map((d) => d.dagId)).toEqual(['saas']);
    for (const dag of written) {
      for (const t of dag.tasks) {
        const p = { ...t.params, ...t.partial } as Record<string, unknown>;
        expect({ task: t.task_id, allowed: SERVERLESS_ALLOWLIST.has(t.operator), callable: 'python_callable' in p }).toEqual({ task: t.task_id, allowed: true, callable: false });
        if (typeof p.retries === 'number') expect(p.retries).toBeLessThanOrEqual(3);
        for (const key of ['retry_delay', 'max_retry_delay']) if (p[key]) expect((p[key] as { seconds: number }).seconds).toBeLessThanOrEqual(300);
      }
    }
    const crawl = result.dags.find((d) => d.dagId === 'saas')!.tasks.find((t) => t.task_id === 'catalog_merchant_accounts_start')!;
    expect(crawl.params).toMatchObject({ retries: 3, retry_delay: { seconds: 5 }, max_retry_delay: { seconds: 300 } });
    expect(result.files.map((f) => f.path.slice('out/dags/'.length)).sort()).toEqual(['COMPARISON.md', 'saas.yaml']);
    for (const f of result.files.filter((file) => file.path.endsWith('.yaml'))) expect(schemaErrors(f.contents)).toEqual([]);
  });

  test('a Choice needs a Python callable: not expressible there, and the DAG is left out with the reason in COMPARISON.md', () => {
    const train = result.dags.find((d) => d.dagId === 'train')!;
    expect(train.blockers[0]).toBe('state Good enough?: a branch needs a Python callable, which MWAA Serverless does not run');
    expect(train.mappings.find((m) => m.state === 'Good enough?')).toMatchObject({ fidelity: 'not expressible' });
    const report = result.files.find((f) => f.path.endsWith('COMPARISON.md'))!.contents;
    expect(report).toContain('## train\n\n**Not written for this target:** state Good enough?: a branch needs a Python callable, which MWAA Serverless does not run');
    for (const blocked of ['cdc', 'ingest', 'pipeline', 'stream', 'transform']) expect(report).toMatch(new RegExp(`## ${blocked}\\n\\n\\*\\*Not written for this target:\\*\\* `));
  });

  test('small definitions: retries and delays lowered to the limits (and said), Python-only states refused, the short core operator paths', () => {
    const retried = build({ StartAt: 'Load', States: { Load: { Type: 'Task', Resource: 'arn:aws:states:::glue:startJobRun.sync', Parameters: { JobName: 'load' }, Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 600, MaxAttempts: 10, BackoffRate: 2, MaxDelaySeconds: 3600 }], End: true } } } as unknown as StateMachineDefinition, 'mwaa-serverless');
    expect(retried.blockers).toEqual([]);
    expect(task(retried, 'load').params).toMatchObject({ retries: 3, retry_delay: { __type__: 'datetime.timedelta', seconds: 300 }, max_retry_delay: { __type__: 'datetime.timedelta', seconds: 300 } });
    expect(retried.mappings[0]).toMatchObject({ fidelity: 'approximated' });
    expect(retried.mappings[0]!.notes).toContain('MWAA Serverless limits: retries 10 → 3, retry_delay 600s → 300s, max_retry_delay 3600s → 300s');

    const sdk = build({ StartAt: 'List', States: { List: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:listObjectsV2', Parameters: { Bucket: 'b' }, End: true } } } as unknown as StateMachineDefinition, 'mwaa-serverless');
    expect(sdk.blockers).toEqual(['state List: arn:aws:states:::aws-sdk:s3:listObjectsV2 has no operator in the Amazon provider, and MWAA Serverless runs no Python callables', 'task list: airflow.operators.python.PythonOperator is not on MWAA Serverless\'s operator allowlist']);

    const choice = build({ QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 1 %}', Next: 'A' }], Default: 'B' }, A: { Type: 'Succeed' }, B: { Type: 'Fail', Error: 'E' } } } as unknown as StateMachineDefinition, 'mwaa-serverless');
    expect(choice.blockers[0]).toBe('state C: a branch needs a Python callable, which MWAA Serverless does not run');
    expect(choice.mappings.find((m) => m.state === 'B')).toMatchObject({ fidelity: 'approximated', tasks: [] });

    const empty = build(PARALLEL, 'mwaa-serverless');
    expect(empty.tasks.filter((t) => t.operator.endsWith('EmptyOperator')).every((t) => t.operator === 'airflow.operators.empty.EmptyOperator')).toBe(true);
  });
});
