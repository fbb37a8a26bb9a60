/**
 * The checks every generated DAG file must pass, shared by the airflow tests: our JSON Schema of
 * dag-factory 1.x (schema/dag-factory.schema.json), and the file loaded the way dag-factory 1.1.0
 * loads it (os.path.expandvars, then PyYAML's FullLoader) with its builder's graph checks.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import YAML from 'yaml';

const ajv = new Ajv({ allErrors: true, strict: false });
export const validateDagYaml = ajv.compile(JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'dag-factory.schema.json'), 'utf8')) as object);

/** Schema errors of a YAML text, as `path: message` lines (empty when valid). */
export function schemaErrors(text: string): string[] {
  if (validateDagYaml(YAML.parse(text))) return [];
  return (validateDagYaml.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Runs a Python script (with `input` on its stdin) and returns what it printed. */
export const python = (script: string, args: string[] = [], env: Record<string, string> = {}, input?: string) =>
  execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8', input, env: { ...process.env, HOME: process.env.HOME ?? '/tmp', ...env } });

/**
 * As dagfactory/dagbuilder.py builds a DAG: tasks keyed by task_id (unique), names unique across
 * tasks and task groups (set_dependencies looks both up in one dict), dependencies on tasks or
 * groups that exist, groups' parents that exist, expand references to upstream tasks, and Kahn's
 * order over task dependencies (topological_sort_tasks raises on a cycle). Prints the DAG ids.
 */
const DAG_FACTORY_CHECK = `
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
    groups = {g["group_name"]: g for g in dag.get("task_groups", [])}
    assert not set(groups) & set(ids), f"names shared by a task and a group in {dag_id}"
    def full(name):
        conf = next((t for t in tasks if t["task_id"] == name), None) or groups[name]
        parent = conf.get("task_group_name") or conf.get("parent_group_name")
        return f"{full(parent)}.{name}" if parent else name
    for g in groups.values():
        assert g.get("parent_group_name") in (None, *groups), g
    for t in tasks:
        assert "." in t["operator"], t["operator"]
        assert t.get("task_group_name") in (None, *groups), t["task_group_name"]
        for key in t:
            assert not key.endswith("_secs"), key
        for dep in t.get("dependencies", []):
            assert dep in ids or dep in groups, f"{t['task_id']} depends on unknown {dep}"
        for value in (t.get("expand") or {}).values():
            if isinstance(value, str) and value.endswith(".output"):
                ref = value[: -len(".output")]
                upstream = [full(d) for d in t.get("dependencies", [])]
                assert ref in upstream, f"expand of {t['task_id']} names {ref}, not an upstream task"
    indegree = {i: 0 for i in ids}
    down = {i: [] for i in ids}
    for t in tasks:
        for dep in t.get("dependencies", []):
            if dep in down:
                down[dep].append(t["task_id"]); indegree[t["task_id"]] += 1
    ready = [i for i in ids if indegree[i] == 0]; seen = 0
    while ready:
        n = ready.pop(0); seen += 1
        for c in down[n]:
            indegree[c] -= 1
            if indegree[c] == 0: ready.append(c)
    assert seen == len(ids), f"cycle in {dag_id}"
print(json.dumps(sorted(dags)))
`;

/** The DAG ids the file defines, once it passed dag-factory's loading and graph checks (throws otherwise). */
export function dagFactoryLoad(path: string): string[] {
  return JSON.parse(python(DAG_FACTORY_CHECK, [path])) as string[];
}
