/**
 * The generated Python against real AWS APIs (moto's server on loopback, through boto3): a task's
 * op_kwargs rendered by Jinja as Airflow renders them (StrictUndefined, `macros.json`, `ti.xcom_pull`),
 * then its callable run. The cdc DAG's full-load sensor and the stream DAG's canary (PutRecord, then
 * a sensor listing the canary's prefix) poke the services the way the workflows' polling loops do.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { airflowDags } from '../../src/airflow/index.js';
import { loadProject } from '../../src/project/index.js';
import { describeWithMoto } from '../support/moto.js';
import { python } from './checks.js';

/**
 * Runs steps in one Python process (boto3 takes about a second to import: a process per step took
 * most of this file's time). A step is either a boto3 script, run for its effect on the account, or
 * a task: its op_kwargs rendered as Airflow would, then its python_callable called. Prints each
 * task's result as JSON (or its error), in order.
 */
const RUN_STEPS = `
import json, os, sys, types, importlib, yaml, jinja2, datetime, boto3
steps = json.loads(sys.stdin.read())
env = jinja2.Environment(undefined=jinja2.StrictUndefined)
def run_task(spec):
    if spec["dags"] not in sys.path:
        sys.path.insert(0, spec["dags"])
    doc = yaml.safe_load(open(os.path.join(spec["dags"], spec["dag"] + ".yaml"), encoding="utf-8"))
    task = next(t for t in doc[spec["dag"]]["tasks"] if t["task_id"] == spec["task"])
    class TI:
        start_date = datetime.datetime(2026, 11, 1, 2, 0, tzinfo=datetime.timezone.utc)
        def xcom_pull(self, task_ids, key="return_value"):
            return spec["xcoms"][task_ids if key == "return_value" else task_ids + ":" + key]
    context = {"params": spec["params"], "run_id": spec["run_id"], "ti": TI(), "macros": types.SimpleNamespace(json=json)}
    def render(value):
        if isinstance(value, str):
            return env.from_string(value).render(**context)
        if isinstance(value, dict):
            return {k: render(v) for k, v in value.items()}
        return value
    kwargs = render(task["op_kwargs"])
    runtime = importlib.import_module("stepwright_helpers.runtime")
    real_call = runtime.aws_call
    if "response" in spec:  # the service's answer given, for states moto cannot put a resource in
        runtime.aws_call = lambda *args, **kw: spec["response"]
    module, name = task["python_callable"].rsplit(".", 1)
    try:
        return {"result": getattr(importlib.import_module(module), name)(**kwargs)}
    except Exception as error:
        return {"error": type(error).__name__, "message": str(error)}
    finally:
        runtime.aws_call = real_call
results = []
for step in steps:
    if "aws" in step:
        exec(step["aws"], {"boto3": boto3, "json": json})
    else:
        results.append(run_task(step["task"]))
print(json.dumps(results))
`;

type TaskResult = { result?: unknown; error?: string; message?: string };
type Step = { aws: string } | { task: { dag: string; task: string; xcoms?: Record<string, unknown>; params?: Record<string, unknown>; run_id?: string; response?: unknown } };

describeWithMoto('generated helpers against AWS APIs (moto)', (endpoint) => {
  let dags: string;
  const env = { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_DEFAULT_REGION: 'eu-west-1' };
  /** The steps' task results, in order. */
  const runSteps = (steps: Step[]): TaskResult[] =>
    JSON.parse(
      python(
        RUN_STEPS,
        [],
        env,
        JSON.stringify(steps.map((step) => ('task' in step ? { task: { dags, xcoms: {}, params: {}, run_id: 'scheduled__2026-11-01T02:00:00+00:00', ...step.task } } : step))),
      ),
    ) as TaskResult[];
  const task = (dag: string, id: string, extra: Omit<Extract<Step, { task: unknown }>['task'], 'dag' | 'task'> = {}): Step => ({ task: { dag, task: id, ...extra } });

  beforeAll(async () => {
    const project = await loadProject({ root: join(__dirname, '..', '..') });
    const out = mkdtempSync(join(tmpdir(), 'stepwright-sensors-'));
    for (const f of airflowDags(project, { out }).files) {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileSync(f.path, f.contents);
    }
    dags = join(out, 'dags');
  }, 60_000);

  test("cdc's full-load sensor: not yet while the task is created, done once the full load is complete (running, or stopped after it), failed with the loop's error and reason otherwise", () => {
    const create = `d = boto3.client("dms")
for t in d.describe_replication_tasks()["ReplicationTasks"]:
    if t["ReplicationTaskIdentifier"] == "fraud-card-accounts-cdc":
        d.delete_replication_task(ReplicationTaskArn=t["ReplicationTaskArn"])
d.create_replication_task(ReplicationTaskIdentifier="fraud-card-accounts-cdc", SourceEndpointArn="arn:aws:dms:eu-west-1:123456789012:endpoint:src", TargetEndpointArn="arn:aws:dms:eu-west-1:123456789012:endpoint:dst", ReplicationInstanceArn="arn:aws:dms:eu-west-1:123456789012:rep:ri", MigrationType="full-load-and-cdc", TableMappings="{}")`;
    const arn = 'arn:aws:dms:eu-west-1:123456789012:task:fraud-card-accounts-cdc';
    // States moto does not reach: a task that failed, or stopped before its full load completed.
    const answer = (Status: string, stats: object, more: object = {}) => ({ ReplicationTasks: [{ Status, ReplicationTaskStats: stats, ...more }] });
    const results = runSteps([
      { aws: create },
      task('cdc', 'full_load'),
      { aws: `boto3.client("dms").start_replication_task(ReplicationTaskArn="${arn}", StartReplicationTaskType="start-replication")` },
      task('cdc', 'full_load'),
      { aws: `boto3.client("dms").stop_replication_task(ReplicationTaskArn="${arn}")` },
      task('cdc', 'full_load'),
      { aws: `boto3.client("dms").delete_replication_task(ReplicationTaskArn="${arn}")` },
      task('cdc', 'full_load', { response: answer('failed', { FullLoadProgressPercent: 40 }, { LastFailureMessage: 'Last Error Table error' }) }),
      task('cdc', 'full_load', { response: answer('stopped', { FullLoadProgressPercent: 60 }, { StopReason: 'Stop Reason NORMAL' }) }),
      task('cdc', 'full_load', { response: answer('starting', {}) }),
    ]);
    expect(results).toEqual([
      { result: false }, // created, not started
      { result: true }, // running
      { result: true }, // stopped after its full load
      { error: expect.stringMatching(/AirflowFailException|RuntimeError/), message: 'DMS.ReplicationTaskFailed: Last Error Table error' },
      { error: expect.stringMatching(/AirflowFailException|RuntimeError/), message: 'DMS.ReplicationTaskFailed: Stop Reason NORMAL' },
      { result: false },
    ]);
  }, 60_000);

  test("stream's canary: PutRecord through aws_call returns the response as Step Functions does; the sensor waits until an object lands under canary/<run>/", () => {
    const runId = `manual__canary-${Date.now()}`;
    const [put, ...polls] = runSteps([
      {
        aws: `k = boto3.client("kinesis")
if "fraud-card-transactions" not in k.list_streams()["StreamNames"]:
    k.create_stream(StreamName="fraud-card-transactions", ShardCount=1)
s3 = boto3.client("s3")
s3.create_bucket(Bucket="fraud-stream-123456789012", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})`,
      },
      task('stream', 'canary_start', { run_id: runId }),
      task('stream', 'canary_start_poll', { run_id: runId }),
      { aws: `boto3.client("s3").put_object(Bucket="fraud-stream-123456789012", Key="canary/${runId}/part-0001.json", Body=b"{}")` },
      task('stream', 'canary_start_poll', { run_id: runId }),
      task('stream', 'canary_start_poll', { run_id: `${runId}-other` }),
    ]);
    expect(put!.result).toEqual({ ShardId: expect.stringMatching(/^shardId-/), SequenceNumber: expect.stringMatching(/^\d+$/) });
    expect(polls).toEqual([{ result: false }, { result: true }, { result: false }]);
  }, 60_000);
});
