/**
 * Airflow DAG descriptors of the project's workflows, for Amazon MWAA (dag-factory 1.x YAML plus
 * the loader, helpers and requirements it needs) or MWAA Serverless, and COMPARISON.md.
 */
import type { Project } from '../project/index.js';
import type { OutputFile } from '../project/index.js';
import { buildDag } from './build.js';
import { comparisonMarkdown } from './comparison.js';
import { dagFiles } from './files.js';
import type { AirflowMajor, Dag, DagOptions, DagTarget } from './model.js';
import { dagSchedule, ruleTrigger } from './schedule.js';
import { unqualifiedStateMachineArn } from '../model/resource.js';

export type { AirflowMajor, Dag, DagOptions, DagTarget, DagTask, Fidelity, StateMapping, TriggerNote, HelperFunction } from './model.js';
export { dagYaml, DAG_FACTORY_VERSION, LOADER_FILE } from './files.js';
export { toFiveFieldCron } from './schedule.js';

export interface AirflowDags {
  major: AirflowMajor;
  target: DagTarget;
  /** Every authored workflow's DAG; those with blockers are not written. */
  dags: Dag[];
  files: OutputFile[];
}

/**
 * The DAGs of every workflow the user wrote (not the generated slot starter), and the files to
 * write under `<out>/dags/`: what `stepwright build` and `stepwright dags` write.
 */
export function airflowDags(project: Project, options: DagOptions = {}): AirflowDags {
  const out = options.out ?? 'out';
  const major: AirflowMajor = options.target === 'mwaa-serverless' ? 3 : (options.airflow ?? 3);
  const target: DagTarget = options.target ?? 'mwaa';
  const byArn = new Map<string, string>();
  for (const w of project.workflows) {
    if (w.arn) byArn.set(w.arn, w.name);
  }
  // A child started through its alias or a version is still that workflow.
  const workflowOf = (qualified: string) => {
    const arn = unqualifiedStateMachineArn(qualified);
    return byArn.get(arn) ?? project.workflows.find((w) => w.workflow && arn.endsWith(`:stateMachine:${w.name}`))?.name;
  };
  const entries = project.workflows
    .filter((w) => w.workflow)
    .map((w) => {
      const dag = buildDag(w.name, w.definition, { major, target, workflowOf });
      const schedules = project.schedules.filter((s) => s.spec.target.workflow === w.name).map((s) => s.spec);
      schedules.forEach((spec, i) => {
        const converted = dagSchedule(spec, target);
        if ('blocker' in converted) {
          dag.blockers.push(converted.blocker);
          dag.triggers.push(converted.note);
          return;
        }
        if (i === 0) Object.assign(dag.settings, converted.settings);
        else converted.note.notes.push('only the first schedule of a workflow becomes the DAG\'s schedule');
        dag.triggers.push(converted.note);
      });
      if (schedules.length === 0) Object.assign(dag.settings, { schedule: null, ...(target === 'mwaa' ? { catchup: false } : {}) });
      if (target === 'mwaa' && schedules.length > 0 && schedules[0]?.target.input !== undefined) {
        dag.settings.params = paramsOf(schedules[0].target.input);
      }
      for (const r of project.rules) if (r.spec.targets.some((t) => t.workflow === w.name)) dag.triggers.push(ruleTrigger(r.spec, dag.dagId));
      return { dag, definition: w.definition, schedules };
    });
  const comparison = comparisonMarkdown(entries, { major, target });
  const dags = entries.map((e) => e.dag);
  return { major, target, dags, files: dagFiles(dags, out, target, comparison, options.schema) };
}

/** A schedule's input as the DAG's params: its static fields (Scheduler's <aws.scheduler.*> placeholders have no default). */
function paramsOf(input: unknown): Record<string, never> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return {};
  return Object.fromEntries(Object.entries(input).filter(([, v]) => !(typeof v === 'string' && /<aws\.scheduler\.[\w-]+>/.test(v)))) as Record<string, never>;
}
