/**
 * The examples' DAGs: loaded the way dag-factory loads them (environment variables expanded,
 * PyYAML's FullLoader), checked as its builder checks them (unique task ids, dependencies that
 * exist, no cycles, expand references that exist), the loader and helpers compile, each Choice's
 * generated branch helper agrees with the executor's Choice, and the files match the goldens.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { execute } from '../../src/compile/execute.js';
import { airflowDags } from '../../src/airflow/index.js';
import { loadProject, type Project } from '../../src/project/index.js';
import type { StateMachineDefinition } from '../../src/model/asl.js';
import { dagFactoryLoad, python, schemaErrors } from './checks.js';

const ROOT = join(__dirname, '..', '..');
let project: Project;
let dir: string;
let result: ReturnType<typeof airflowDags>;

beforeAll(async () => {
  project = await loadProject({ root: ROOT });
  expect(project.problems).toEqual([]);
  dir = mkdtempSync(join(tmpdir(), 'stepwright-dags-'));
  result = airflowDags(project, { out: dir });
  for (const f of result.files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.contents);
  }
}, 60_000);

test('every workflow of the project has a DAG written for MWAA', () => {
  const authored = project.workflows.filter((w) => w.workflow).map((w) => w.name);
  expect(authored).toEqual(['cdc', 'ingest', 'pipeline', 'saas', 'stream', 'train', 'transform']);
  expect(result.dags.map((d) => d.dagId)).toEqual(authored);
  for (const dag of result.dags) expect({ dag: dag.dagId, blockers: dag.blockers }).toEqual({ dag: dag.dagId, blockers: [] });
  for (const name of authored) expect(existsSync(join(dir, 'dags', `${name}.yaml`))).toBe(true);
});

test('each YAML passes the dag-factory schema, for Airflow 3 and 2, and loads as dag-factory loads it with its graph checks', () => {
  for (const airflow of [3, 2] as const) {
    const variant = airflow === 3 ? result : airflowDags(project, { out: dir, airflow });
    for (const f of variant.files.filter((file) => file.path.endsWith('.yaml'))) expect({ file: f.path, airflow, errors: schemaErrors(f.contents) }).toEqual({ file: f.path, airflow, errors: [] });
  }
  for (const dag of result.dags) expect(dagFactoryLoad(join(dir, 'dags', `${dag.dagId}.yaml`))).toEqual([dag.dagId]);
});

test('the schema rejects what dag-factory 1.x rejects or ignores: schedule_interval, *_secs keys, unknown DAG keys, tasks without an operator', () => {
  const dag = (body: string) => `d:\n${body}\n  tasks:\n    - task_id: a\n      operator: airflow.providers.standard.operators.empty.EmptyOperator\n`;
  expect(schemaErrors(dag('  schedule: "0 2 * * *"'))).toEqual([]);
  expect(schemaErrors(dag('  schedule_interval: "0 2 * * *"'))).not.toEqual([]);
  expect(schemaErrors(dag('  dagrun_timeout_sec: 60'))).not.toEqual([]);
  expect(schemaErrors(dag('  schedulle: "0 2 * * *"'))).not.toEqual([]);
  expect(schemaErrors(dag('  dagrun_timeout: 3600'))).not.toEqual([]);
  expect(schemaErrors('d:\n  tasks:\n    - task_id: a\n      execution_timeout_secs: 5\n      operator: x.Y\n')).not.toEqual([]);
  expect(schemaErrors('d:\n  tasks:\n    - task_id: a\n')).not.toEqual([]);
  expect(schemaErrors('d:\n  tasks:\n    - task_id: a\n      operator: x.Y\n      trigger_rule: when_i_like\n')).not.toEqual([]);
  expect(schemaErrors('d:\n  tasks:\n    - task_id: a\n      operator: EmptyOperator\n')).not.toEqual([]);
});

test('the YAML points editors at the schema when asked to', () => {
  const withSchema = airflowDags(project, { out: dir, schema: '../../schema/dag-factory.schema.json' });
  expect(withSchema.files.find((f) => f.path.endsWith('train.yaml'))!.contents).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/schema\/dag-factory\.schema\.json\n/);
});

test('dag-factory reads the same values whatever the environment holds ($ in the expressions is inert)', () => {
  const script = `
import os, sys, yaml
path = sys.argv[1]
raw = open(path, encoding="utf-8").read()
os.environ.update({"states": "X", "partition": "X", "runDate": "X", "match": "X"})
assert yaml.load(os.path.expandvars(raw), Loader=yaml.FullLoader) == yaml.safe_load(raw)
print("ok")
`;
  for (const dag of result.dags) expect(python(script, [join(dir, 'dags', `${dag.dagId}.yaml`)]).trim()).toBe('ok');
});

test('the loader and every helper module compile', () => {
  const files = [join(dir, 'dags', 'stepwright_dags.py'), ...readdirSync(join(dir, 'dags', 'stepwright_helpers')).map((f) => join(dir, 'dags', 'stepwright_helpers', f))];
  python('import py_compile, sys\nfor f in sys.argv[1:]:\n    py_compile.compile(f, doraise=True)\nprint("ok")', files);
  const loader = readFileSync(join(dir, 'dags', 'stepwright_dags.py'), 'utf8').toLowerCase();
  expect(loader).toContain('airflow');
  expect(loader).toContain('dag');
  expect(readFileSync(join(dir, 'dags', 'requirements.txt'), 'utf8')).toMatch(/^dag-factory==1\.1\.0$/m);
});

/** Runs the Choice alone on the executor: its variables are set by a Pass, its targets are Succeed states. The chosen target, and what the rule assigned. */
async function executorChoice(definition: StateMachineDefinition, choiceName: string, input: unknown, vars: Record<string, unknown>): Promise<{ target: string; assigned: Record<string, unknown> }> {
  const choice = structuredClone(definition.States[choiceName]!) as { Choices: { Next: string }[]; Default?: string };
  const targets = new Set([...choice.Choices.map((c) => c.Next), ...(choice.Default ? [choice.Default] : [])]);
  const states: Record<string, unknown> = {
    Setup: { Type: 'Pass', QueryLanguage: 'JSONata', Assign: Object.fromEntries(Object.keys(vars).map((k) => [k, `{% $states.input.vars.${k} %}`])), Output: '{% $states.input.input %}', Next: choiceName },
    [choiceName]: choice,
  };
  for (const t of targets) states[t] = { Type: 'Succeed' };
  const run = await execute({ QueryLanguage: definition.QueryLanguage, StartAt: 'Setup', States: states } as unknown as StateMachineDefinition, { input, vars } as never);
  const entered = run.history.filter((e) => e.type === 'SucceedStateEntered').map((e) => (e as { stateEnteredEventDetails?: { name: string } }).stateEnteredEventDetails?.name);
  const exited = run.history.find((e) => e.type === 'ChoiceStateExited') as { stateExitedEventDetails?: { assignedVariables?: Record<string, string> } } | undefined;
  const assigned = Object.fromEntries(Object.entries(exited?.stateExitedEventDetails?.assignedVariables ?? {}).map(([k, v]) => [k, JSON.parse(v) as unknown]));
  return { target: entered[0] ?? '', assigned };
}

const CHOICE_SAMPLES: Record<string, { input: unknown; vars: Record<string, unknown> }[]> = {
  'Good enough?': [0.5, 0.89, 0.9, 0.91, 1].flatMap((auc) => [0.9, 0.95].map((threshold) => ({ input: { auc, modelArtifacts: 's3://m' }, vars: { threshold } }))),
  'Quality passed?': [true, false, 'true', 1, null].map((passed) => ({ input: { passed, rowCount: 3, failedRules: ['a'] }, vars: {} })),
  'Valid day?': ['2026-11-01', '2026-1-01', '2026-11-01T00:00', 'x2026-11-01', ''].map((runDate) => ({ input: {}, vars: { runDate } })),
  'Start or resume?': [
    ['running', 'schedule', 0], ['starting', 'manual', 0], ['failed', 'dms-event', 600000], ['failed', 'dms-event', 7200000], ['failed', 'manual', 600000],
    ['ready', 'manual', 0], ['stopped', 'dms-event', 0], ['modifying', 'manual', 0], ['deleting', 'schedule', 0],
  ].map(([taskStatus, trigger, taskRanMs]) => ({ input: {}, vars: { taskStatus, trigger, taskRanMs } })),
  'Load overran?': ['RedshiftData.StatementTimeout', 'RedshiftData.StatementFailed', 'States.TaskFailed'].map((Error) => ({ input: { Error, Cause: 'c' }, vars: {} })),
  'Streams active?': [['ACTIVE', 'ACTIVE'], ['UPDATING', 'ACTIVE'], ['CREATING', 'ACTIVE'], ['ACTIVE', 'CREATING'], ['DELETING', 'DELETING']].map(([kinesis, firehose]) => ({ input: { kinesis: { status: kinesis }, firehose: { status: firehose } }, vars: {} })),
  'Scoring app running?': ['READY', 'RUNNING', 'STARTING', 'UPDATING', 'AUTOSCALING', 'STOPPING', 'ROLLED_BACK'].map((status) => ({ input: { flink: { status } }, vars: {} })),
};

/** Runs each case's branch helper in one Python process (a process per case took most of this file's time). */
const RUN_BRANCH_HELPERS = `import sys, json, importlib
sys.path.insert(0, sys.argv[1])
class TI:
    def __init__(self):
        self.pushed = {}
    def xcom_push(self, key, value):
        self.pushed[key] = value
results = []
for case in json.load(sys.stdin):
    ti = TI()
    tasks = getattr(importlib.import_module("stepwright_helpers." + case["module"]), case["helper"])(case["input"], ti=ti, **case["vars"])
    results.append({"tasks": tasks, "assigned": ti.pushed.get("assign", {})})
print(json.dumps(results))`;

test("each Choice's branch helper picks the branch the executor's Choice picks, and assigns what its rule assigns", async () => {
  const seen = new Set<string>();
  const cases: { module: string; helper: string; input: string; vars: Record<string, string>; state: string; sample: (typeof CHOICE_SAMPLES)[string][number]; expected: { tasks: string[]; assigned: Record<string, unknown> } }[] = [];
  for (const dag of result.dags) {
    const definition = project.workflows.find((w) => w.name === dag.workflow)!.definition;
    for (const helper of dag.helpers.filter((h) => h.choice)) {
      seen.add(helper.choice!.state);
      for (const sample of CHOICE_SAMPLES[helper.choice!.state] ?? []) {
        const expected = await executorChoice(definition, helper.choice!.state, sample.input, sample.vars);
        cases.push({
          module: dag.workflow,
          helper: helper.name,
          input: JSON.stringify(sample.input),
          vars: Object.fromEntries(Object.entries(sample.vars).map(([k, v]) => [`var_${k}`, JSON.stringify(v)])),
          state: helper.choice!.state,
          sample,
          expected: { tasks: helper.choice!.targets[expected.target]!, assigned: expected.assigned },
        });
      }
    }
  }
  // Every Choice with a helper has samples, and every sampled Choice has a helper.
  expect([...seen].sort()).toEqual(Object.keys(CHOICE_SAMPLES).sort());
  expect(cases.length).toBeGreaterThanOrEqual(40);
  const picked = JSON.parse(python(RUN_BRANCH_HELPERS, [join(dir, 'dags')], {}, JSON.stringify(cases))) as { tasks: string[]; assigned: Record<string, unknown> }[];
  expect(picked).toHaveLength(cases.length);
  cases.forEach((c, i) => expect({ state: c.state, sample: c.sample, ...picked[i] }).toEqual({ state: c.state, sample: c.sample, ...c.expected }));
});

test('the generated files are deterministic and match the goldens (UPDATE_GOLDEN=1 rewrites them)', () => {
  const again = airflowDags(project, { out: dir });
  expect(again.files.map((f) => f.contents)).toEqual(result.files.map((f) => f.contents));
  const goldenDir = join(ROOT, 'test', 'golden', 'dags');
  for (const f of result.files) {
    const relative = f.path.slice(join(dir, 'dags').length + 1);
    const golden = join(goldenDir, relative);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, f.contents);
    }
    expect({ file: relative, contents: f.contents }).toEqual({ file: relative, contents: readFileSync(golden, 'utf8') });
  }
});

test('YAML keys dag-factory 1.x reads: tasks as a list with task_id and a dotted operator', () => {
  const doc = YAML.parse(readFileSync(join(dir, 'dags', 'train.yaml'), 'utf8')) as Record<string, { tasks: { task_id: string; operator: string; trigger_rule?: string }[] }>;
  const tasks = doc.train!.tasks;
  expect(tasks.find((t) => t.task_id === 'good_enough')!.operator).toBe('airflow.providers.standard.operators.python.BranchPythonOperator');
  expect(tasks.find((t) => t.task_id === 'notify_training_failed')!.trigger_rule).toBe('one_failed');
});

test("a Pass evaluated at run time gets its state's own JSONata fields back from json.loads, inert to Jinja and $VAR expansion", () => {
  const checked: string[] = [];
  for (const dag of result.dags) {
    const definition = project.workflows.find((w) => w.name === dag.workflow)!.definition;
    for (const t of dag.tasks.filter((task) => task.params.python_callable === 'stepwright_helpers.runtime_jsonata.evaluate_state')) {
      const fields = (t.params.op_kwargs as { fields: string }).fields;
      expect(fields).not.toMatch(/\{\{|\{%|\{#|\$/);
      const state = definition.States[t.state] as { Output?: unknown; Assign?: unknown };
      const expected = { ...(state.Output !== undefined ? { Output: state.Output } : {}), ...(state.Assign ? { Assign: state.Assign } : {}) };
      expect(JSON.parse(python('import json, sys\nprint(json.dumps(json.loads(sys.argv[1])))', [fields]))).toEqual(expected);
      checked.push(t.state);
    }
  }
  expect(checked).toEqual(['Resolve day', 'Resolve partition']);
});

test("the README's comparison table is the generated report's figures", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const report = result.files.find((f) => f.path.endsWith('COMPARISON.md'))!.contents;
  for (const dag of result.dags) {
    const row = new RegExp(`^\\| \`${dag.dagId}\` \\| (\\d+) / (\\d+) / (\\d+) \\| (\\d+) \\| (\\d+) \\| ([^|]+) \\| (\\$[\\d.]+) \\|`, 'm').exec(readme);
    expect({ dag: dag.dagId, found: Boolean(row) }).toEqual({ dag: dag.dagId, found: true });
    const counts = ['exact', 'approximated', 'not expressible'].map((f) => String(dag.mappings.filter((m) => m.fidelity === f).length));
    expect(row!.slice(1, 4)).toEqual(counts);
    const section = report.slice(report.indexOf(`## ${dag.dagId}\n`));
    expect(section).toContain(`| work per run | ${row![4]} state transitions on the success path | ${row![5]} task instances`);
    const runs = /\| runs in 30 days \| (\d+) /.exec(section)![1]!;
    expect(row![6]!.trim()).toBe(runs === '0' ? '(started by hand)' : Number(runs).toLocaleString('en-US'));
    expect(section).toContain(`| cost per month | ${row![7]} (`);
  }
});
