/** `stepwright build [files...]`: the project value, written to out/, with a summary. */
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem, sortProblems, StepwrightError, type Problem } from '../../model/errors.js';
import { table } from '../../model/table.js';
import { loadProject, OUTPUT_FOLDERS, projectFiles, schedulePath, type OutputFile, type Project } from '../../project/index.js';
import { findWorkflowFiles } from '../../project/load.js';
import { removeStaleOutputs, writeFilesAtomically } from '../output.js';
import type { Io } from '../io.js';

export const usage = `stepwright build [files...] [--out DIR] [--typecheck] [--json] [--quiet]

Compiles workflows (default: every module in workflows/) to validated ASL in DIR/asl/
(default out/) with each execution role's least-privilege policy in DIR/iam/, and every
schedules/*.yaml to DIR/schedules/<name>.json (CreateSchedule input) and DIR/rules/<name>.json
(PutRule and PutTargets inputs). A full build also writes the workflows as Airflow DAGs for
Amazon MWAA in DIR/dags/ (see stepwright dags) and DIR/cloudformation/template.json, the whole
project as one CloudFormation template. Each Task's request is checked against the AWS API's
request shape. Nothing is written unless everything is valid; a full build (no files named) also
removes the outputs of workflows, schedules and rules that no longer exist.

  --typecheck   also report TypeScript type errors in the workflow modules (runs the project's
                tsc; about a second more; use it in CI)
  --json        print what was written (and any problems) as JSON
  --quiet       print nothing on success`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string', default: 'out' }, quiet: { type: 'boolean', default: false }, typecheck: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  const out = values.out!;
  const full = positionals.length === 0;
  // Loaded before the workflows are: modules imported once the loader hooks are registered go through them.
  const forms = full ? await otherForms() : undefined;
  const project = await loadProject(full ? {} : { files: positionals });
  const problems = [...project.problems];
  if (values.typecheck) {
    const { typecheck } = await import('../typecheck.js');
    // Every module of the workflows folder, those that failed to load or build included: their type errors may say why.
    const files = full ? findWorkflowFiles(join(project.root, project.config.workflows)) : positionals;
    if (files.length > 0) problems.push(...typecheck(files, { root: project.root, out }));
  }
  if (problems.length > 0) {
    if (values.json) {
      io.out(JSON.stringify({ ok: false, problems: sortProblems(problems) }, null, 2));
      return 1;
    }
    throw new StepwrightError(sortProblems(problems));
  }
  const written = [...projectFiles(project, out), ...(forms ? forms.files(project, out) : [])];
  checkPaths(written, out, forms?.folders ?? []);
  writeFilesAtomically(written, out);
  // A full build mirrors the project; building named files leaves the other outputs alone.
  const removed = forms ? [...removeStaleOutputs(OUTPUT_FOLDERS.map((d) => join(out, d)), written), ...forms.removeStale(written, out)] : [];
  if (values.json) {
    io.out(JSON.stringify({ ok: true, written: written.map((f) => f.path), removed, warnings: project.warnings }, null, 2));
    return 0;
  }
  if (!values.quiet) summary(project, out, removed, io);
  return 0;
}

/**
 * A full build also writes the project's other forms: Airflow DAGs of the same workflows for Amazon
 * MWAA (stepwright dags picks another version or target) and one CloudFormation template. Their
 * generators are loaded only then: building named files does not need them.
 */
async function otherForms() {
  const [{ airflowDags }, { cloudFormationFiles, CLOUDFORMATION_FOLDER }, { DAG_FILES, DAGS_FOLDER, schemaFor }] = await Promise.all([
    import('../../airflow/index.js'),
    import('../../deploy/cloudformation.js'),
    import('./dags.js'),
  ]);
  return {
    folders: [CLOUDFORMATION_FOLDER, DAGS_FOLDER],
    files: (project: Project, out: string): OutputFile[] => [...cloudFormationFiles(project, out), ...airflowDags(project, { out, schema: schemaFor(out) }).files],
    removeStale: (written: OutputFile[], out: string): string[] => [...removeStaleOutputs([join(out, CLOUDFORMATION_FOLDER)], written), ...removeStaleOutputs([join(out, DAGS_FOLDER)], written, DAG_FILES)],
  };
}

/**
 * Each output stays in its own folder of out/ and has a path of its own, whatever the project's
 * names hold: a schedule group named `..` would write into out/ itself, one named `.` onto the
 * default group's files.
 */
function checkPaths(files: OutputFile[], out: string, otherFolders: readonly string[]): void {
  const folders: readonly string[] = [...OUTPUT_FOLDERS, ...otherFolders];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  for (const file of files) {
    const [folder, ...rest] = relative(resolve(out), resolve(file.path)).split(sep);
    if (!folders.includes(folder!) || rest.length === 0) {
      problems.push({ file: file.path, message: `would be written outside ${folders.map((f) => join(out, f)).join(', ')}`, fix: 'a schedule group or a name must not be "." or ".." or contain "/": rename it' });
    }
    const key = resolve(file.path);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  for (const [path, count] of seen) if (count > 1) problems.push({ file: relative(process.cwd(), path), message: `${count} outputs would be written to this one path`, fix: 'give the schedules (or their groups) distinct names' });
  if (problems.length > 0) throw new StepwrightError(problems);
}

function summary(project: Project, out: string, removed: string[], io: Io): void {
  const authored = project.workflows.filter((w) => w.workflow);
  io.out(table(['workflow', 'states', 'service integrations', 'query language', 'written to'], authored.map((w) => [w.name, String(w.summary.states), w.summary.services.join(', '), w.summary.queryLanguages.join(' + '), join(out, 'asl', `${w.name}.asl.json`)])));
  const rows = [
    ...project.schedules.map((s) => [s.name, s.spec.target.workflow, `${s.spec.expression} ${s.spec.timezone ?? 'UTC'}`, schedulePath(out, { name: s.name, group: s.input.GroupName })]),
    ...project.rules.map((r) => [r.name, r.spec.targets.map((t) => t.workflow ?? t.arn).join(', '), r.spec.expression ?? 'event pattern', join(out, 'rules', `${r.name}.json`)]),
  ];
  if (rows.length > 0) io.out(`\n${table(['schedule or rule', 'starts', 'when', 'written to'], rows)}`);
  if (removed.length > 0) io.out(`\nremoved outputs of workflows, schedules or rules that no longer exist: ${removed.join(', ')}`);
  const warnings = project.warnings.map((w) => `  ${formatProblem(w)}`);
  if (warnings.length > 0) io.out(`\nIAM policies in ${join(out, 'iam')}/, with ${warnings.length} warning${warnings.length === 1 ? '' : 's'}:\n${warnings.join('\n')}`);
}
