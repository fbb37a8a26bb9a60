/**
 * The examples' DAGs: loaded the way dag-factory loads them (environment variables expanded,
 * PyYAML's FullLoader), checked as its builder checks them (unique task ids, dependencies that
 * exist, no cycles, expand references that exist), the loader and helpers compile, each Choice's
 * generated branch helper agrees with the executor's Choice, and the files match the goldens.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { execute } from '../../src/compile/execute.js';
import { airflowDags } from '../../src/airflow/index.js';
import { loadProject, type Project } from '../../src/project/index.js';
import type { StateMachineDefinition } from '../../src/model/asl.js';

const ROOT = join(__dirname, '..', '..');
let project: Project;
let dir: string;
let result: ReturnType<typeof airflowDags>;

beforeAll(async () => {
  project = await loadProject({ root: ROOT });
  expect(project.problems).toEqual([]);
  dir = mkdtempSync(join(tmpdir(), 'stepwright-dags-'));
  result = airflowDags(project, dir);
  for (const f of result.files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.contents);
  }
}, 60_000);

const python = (script: string, args: string[] = []) => execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8', env: { ...process.env, HOME: process.env.HOME ?? '/tmp' } });

test('every workflow of the project has a DAG written for MWAA', () => {
  const authored = project.workflows.filter((w) => w.workflow).map((w) => w.name);
  expect(result.dags.map((d) => d.dagId)).toEqual(authored);
  for (const dag of result.dags) expect(dag.blockers).toEqual([]);
  for (const name of authored) expect(existsSync(join(dir, 'dags', `${name}.yaml`))).toBe(true);
});

test('each YAML loads as dag-factory loads it and passes its graph checks', () => {
  const check = `
import os, sys, yaml, json
path = sys.argv[1]
with open(path, encoding="utf-8") as fp:
    text = os.path.expandvars(fp.read())
config = yaml.load(text, Loader=yaml.FullLoader)
yaml.safe_load(text)  # no Python-specific tags either
dags = {k: v for k, v in config.items() if k not in ("default", "task_groups")}
for dag_id, dag in dags.items():
    assert "schedule_interval" not in dag, "dag-factory 1.0 removed schedule_interval"
    tasks = dag["tasks"]
    assert isinstance(tasks, list)
    ids = [t["task_id"] for t in tasks]
    assert len(ids) == len(set(ids)), f"duplicate task ids in {dag_id}"
    groups = {g["group_name"] for g in dag.get("task_groups", [])}
    for t in tasks:
        assert "." in t["operator"], t["operator"]
        for key in t:
            assert not key.endswith("_secs"), key
        for dep in t.get("dependencies", []):
            assert dep in ids or dep in groups, f"{t['task_id']} depends on unknown {dep}"
        for value in (t.get("expand") or {}).values():
            if isinstance(value, str) and value.endswith(".output"):
                ref = value[: -len(".output")]
                assert ref in ids and ref in t.get("dependencies", []), f"expand of {t['task_id']} names {ref}"
    # Kahn's algorithm, as dag-factory's topological_sort_tasks
    indegree = {i: 0 for i in ids}
    down = {i: [] for i in ids}
    for t in tasks:
        for dep in t.get("dependencies", []):
            if dep in down:
                down[dep].append(t["task_id"]); indegree[t["task_id"]] += 1
    ready = [i for i in ids if indegree[i] == 0]; seen = 0
    while ready:
        n = ready.pop(); seen += 1
        for c in down[n]:
            indegree[c] -= 1
            if indegree[c] == 0: ready.append(c)
    assert seen == len(ids), f"cycle in {dag_id}"
print(json.dumps(sorted(dags)))
`;
  for (const dag of result.dags) {
    const out = python(check, [join(dir, 'dags', `${dag.dagId}.yaml`)]);
    expect(JSON.parse(out)).toEqual([dag.dagId]);
  }
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

/** Runs the Choice alone on the executor: its variables are set by a Pass, its targets are Succeed states. */
async function executorChoice(definition: StateMachineDefinition, choiceName: string, input: unknown, vars: Record<string, unknown>): Promise<string> {
  const choice = structuredClone(definition.States[choiceName]!) as { Choices: { Next: string }[]; Default?: string };
  const targets = new Set([...choice.Choices.map((c) => c.Next), ...(choice.Default ? [choice.Default] : [])]);
  const states: Record<string, unknown> = {
    Setup: { Type: 'Pass', QueryLanguage: 'JSONata', Assign: Object.fromEntries(Object.keys(vars).map((k) => [k, `{% $states.input.vars.${k} %}`])), Output: '{% $states.input.input %}', Next: choiceName },
    [choiceName]: choice,
  };
  for (const t of targets) states[t] = { Type: 'Succeed' };
  const run = await execute({ QueryLanguage: definition.QueryLanguage, StartAt: 'Setup', States: states } as unknown as StateMachineDefinition, { input, vars } as never);
  const entered = run.history.filter((e) => e.type === 'SucceedStateEntered').map((e) => (e as { stateEnteredEventDetails?: { name: string } }).stateEnteredEventDetails?.name);
  return entered[0] ?? '';
}

test("each Choice's branch helper picks the branch the executor's Choice picks", async () => {
  const samples: Record<string, { input: unknown; vars: Record<string, unknown> }[]> = {
    'Good enough?': [0.5, 0.89, 0.9, 0.91, 1].flatMap((auc) => [0.9, 0.95].map((threshold) => ({ input: { auc, modelArtifacts: 's3://m' }, vars: { threshold } }))),
    'Quality passed?': [true, false, 'true', 1, null].map((passed) => ({ input: { passed, rowCount: 3, failedRules: ['a'] }, vars: {} })),
  };
  let compared = 0;
  for (const dag of result.dags) {
    const definition = project.workflows.find((w) => w.name === dag.workflow)!.definition;
    for (const helper of dag.helpers.filter((h) => h.choice)) {
      for (const sample of samples[helper.choice!.state] ?? []) {
        const expectedState = await executorChoice(definition, helper.choice!.state, sample.input, sample.vars);
        const args = [JSON.stringify(sample.input), JSON.stringify(Object.fromEntries(Object.entries(sample.vars).map(([k, v]) => [`var_${k}`, JSON.stringify(v)])))];
        const picked = JSON.parse(
          python(`import sys, json\nsys.path.insert(0, ${JSON.stringify(join(dir, 'dags'))})\nimport importlib\nm = importlib.import_module("stepwright_helpers.${dag.workflow}")\nprint(json.dumps(m.${helper.name}(sys.argv[1], **json.loads(sys.argv[2]))))`, args),
        ) as string[];
        expect({ state: helper.choice!.state, sample, tasks: picked }).toEqual({ state: helper.choice!.state, sample, tasks: helper.choice!.targets[expectedState] });
        compared++;
      }
    }
  }
  expect(compared).toBeGreaterThanOrEqual(15);
}, 120_000);

test('the generated files are deterministic and match the goldens (UPDATE_GOLDEN=1 rewrites them)', () => {
  const again = airflowDags(project, dir);
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
