/** `stepwright build [files...]`: the project value, written to out/, with a summary. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../../model/errors.js';
import { table } from '../../model/table.js';
import { assertNoProblems, loadProject, OUTPUT_FOLDERS, projectFiles, schedulePath } from '../../project/index.js';
import { airflowDags } from '../../airflow/index.js';
import { cloudFormationFiles, CLOUDFORMATION_FOLDER } from '../../deploy/cloudformation.js';
import { removeStaleOutputs, writeFilesAtomically } from '../output.js';
import { DAG_FILES, schemaFor } from './dags.js';
import type { Io } from '../io.js';

export const usage = `stepwright build [files...] [--out DIR]

Compiles workflows (default: every module in workflows/) to validated ASL in DIR/asl/
(default out/) with each execution role's least-privilege policy in DIR/iam/, and every schedules/*.yaml to DIR/schedules/<name>.json (CreateSchedule input)
and DIR/rules/<name>.json (PutRule and PutTargets inputs); a full build also writes the workflows
as Airflow DAGs for Amazon MWAA in DIR/dags/ (see stepwright dags) and DIR/cloudformation/template.json,
the whole project as one CloudFormation template. Nothing is written unless
everything is valid; a full build (no files named) also removes the outputs of workflows,
schedules and rules that no longer exist.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', default: 'out' }, quiet: { type: 'boolean', default: false } } });
  const out = values.out!;
  const full = positionals.length === 0;
  const project = await loadProject(full ? {} : { files: positionals });
  assertNoProblems(project);
  // A full build also writes the project's other forms: Airflow DAGs of the same workflows for
  // Amazon MWAA (stepwright dags picks another version or target) and one CloudFormation template.
  const written = [...projectFiles(project, out), ...(full ? cloudFormationFiles(project, out) : [])];
  const dags = full ? airflowDags(project, { out, schema: schemaFor(out) }).files : [];
  writeFilesAtomically([...written, ...dags]);
  // A full build mirrors the project; building named files leaves the other outputs alone.
  const removed = full
    ? [...removeStaleOutputs([...OUTPUT_FOLDERS, CLOUDFORMATION_FOLDER].map((d) => join(out, d)), written), ...removeStaleOutputs([join(out, 'dags')], dags, DAG_FILES)]
    : [];
  if (values.quiet) return 0;
  const authored = project.workflows.filter((w) => w.workflow);
  io.out(table(['workflow', 'states', 'service integrations', 'query language', 'written to'], authored.map((w) => [w.name, String(w.summary.states), w.summary.services.join(', '), w.summary.queryLanguages.join(' + '), join(out, 'asl', `${w.name}.asl.json`)])));
  const rows = [
    ...project.schedules.map((s) => [s.name, s.spec.target.workflow, `${s.spec.expression} ${s.spec.timezone ?? 'UTC'}`, schedulePath(out, s.spec)]),
    ...project.rules.map((r) => [r.name, r.spec.targets.map((t) => t.workflow ?? t.arn).join(', '), r.spec.expression ?? 'event pattern', join(out, 'rules', `${r.name}.json`)]),
  ];
  if (rows.length > 0) io.out(`\n${table(['schedule or rule', 'starts', 'when', 'written to'], rows)}`);
  if (removed.length > 0) io.out(`\nremoved outputs of workflows, schedules or rules that no longer exist: ${removed.join(', ')}`);
  const warnings = project.warnings.map((w) => `  ${formatProblem(w)}`);
  if (warnings.length > 0) io.out(`\nIAM policies in ${join(out, 'iam')}/, with ${warnings.length} warning${warnings.length === 1 ? '' : 's'}:\n${warnings.join('\n')}`);
  return 0;
}
