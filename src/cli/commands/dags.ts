/** `stepwright dags`: the project's workflows as Airflow DAGs (dag-factory YAML) for Amazon MWAA, and COMPARISON.md. */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { StepwrightError } from '../../model/errors.js';
import { table } from '../../model/table.js';
import { airflowDags, type AirflowMajor, type DagTarget } from '../../airflow/index.js';
import { assertNoProblems, loadProject } from '../../project/index.js';
import { removeStaleOutputs, writeFilesAtomically } from '../output.js';
import type { Io } from '../io.js';

export const usage = `stepwright dags [--airflow 2|3] [--target mwaa|mwaa-serverless] [--out DIR]

Writes every workflow as an Airflow DAG that Amazon MWAA loads, to DIR/dags/ (default out/):
one dag-factory 1.x YAML per workflow, the loader stepwright_dags.py, the helper package
stepwright_helpers/, requirements.txt and COMPARISON.md (state by state, and the two
orchestrators side by side). --airflow picks the operator import paths (default 3);
--target mwaa-serverless keeps to MWAA Serverless's operators and limits and leaves out the
workflows it cannot run (COMPARISON.md says why).`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { airflow: { type: 'string', default: '3' }, target: { type: 'string', default: 'mwaa' }, out: { type: 'string', default: 'out' }, quiet: { type: 'boolean', default: false } } });
  const major = Number(values.airflow);
  if (major !== 2 && major !== 3) throw new StepwrightError({ field: '--airflow', message: `"${values.airflow}" is not an Airflow major version this generator writes`, fix: 'use --airflow 2 (MWAA 2.10, 2.11) or --airflow 3 (MWAA 3.0, MWAA Serverless)' });
  const target = values.target as DagTarget;
  if (target !== 'mwaa' && target !== 'mwaa-serverless') throw new StepwrightError({ field: '--target', message: `"${values.target}" is not a target`, fix: 'use --target mwaa or --target mwaa-serverless' });
  if (target === 'mwaa-serverless' && major === 2) throw new StepwrightError({ field: '--airflow', message: 'MWAA Serverless runs Airflow 3 only', fix: 'leave out --airflow, or use --airflow 3' });
  const project = await loadProject({});
  assertNoProblems(project);
  const result = airflowDags(project, { out: values.out!, airflow: major as AirflowMajor, target, schema: schemaFor(values.out!) });
  writeFilesAtomically(result.files);
  removeStaleOutputs([join(values.out!, 'dags')], result.files, DAG_FILES);
  if (values.quiet) return 0;
  io.out(dagSummary(result, values.out!));
  return 0;
}

/** What `out/dags` holds: a run removes the ones it did not write (a deleted workflow's DAG and helpers). */
/** The folder of out/ the DAGs go to, and the kinds of file written there (a full build removes stale ones of these kinds only). */
export const DAGS_FOLDER = 'dags';
export const DAG_FILES = ['.yaml', '.py', '.md', '.txt', '.airflowignore'] as const;

/**
 * The schema for editors, relative to the DAG files: the project's own copy (this repository), or
 * the one the installed package ships.
 */
export function schemaFor(out: string): string {
  const own = join('schema', 'dag-factory.schema.json');
  const schema = existsSync(own) && !existsSync(join('node_modules', 'stepwright')) ? own : join('node_modules', 'stepwright', own);
  return relative(join(out, 'dags'), schema).split('\\').join('/');
}

export function dagSummary(result: ReturnType<typeof airflowDags>, out: string): string {
  const rows = result.dags.map((d) => {
    const counts = ['exact', 'approximated', 'not expressible'].map((f) => d.mappings.filter((m) => m.fidelity === f).length);
    return [d.dagId, d.blockers.length ? '(not written)' : String(d.tasks.length), `${counts[0]} / ${counts[1]} / ${counts[2]}`, d.blockers.length ? d.blockers[0]! : join(out, 'dags', `${d.dagId}.yaml`)];
  });
  return `${table(['DAG', 'tasks', 'states exact / approximated / not expressible', 'written to'], rows)}\n\nAirflow ${result.major}, ${result.target}; state by state and side by side: ${join(out, 'dags', 'COMPARISON.md')}`;
}
