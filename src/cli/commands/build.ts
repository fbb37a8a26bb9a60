/** `stepwright build [files...]`: every workflow to a validated `out/asl/<name>.asl.json`, with a summary. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDefinition } from '../../compile/build.js';
import { toAslJson } from '../../compile/compile.js';
import { summarize } from '../../model/summary.js';
import { validateDefinition } from '../../validate/index.js';
import { executionRolePolicy } from '../../iam/index.js';
import { isStepwrightError, StepwrightError, type Problem } from '../../model/errors.js';
import { findWorkflowFiles, loadWorkflows } from '../../project/load.js';
import { loadConfig, requireAccount, type ProjectConfig } from '../../project/config.js';
import { loadProjectSchedules, type ProjectSchedules } from '../../project/schedules.js';
import { resolverFor, SLOT_STARTER_WORKFLOW, slotStarterDefinition, toCreateScheduleInput, toPutRuleInput, toPutTargetsInput, UNIVERSAL_START_EXECUTION, type Resolver } from '../../schedules/index.js';
import { removeStaleOutputs, writeFilesAtomically, type OutputFile } from '../output.js';
import { table } from '../../model/table.js';
import type { Io } from '../io.js';

export const usage = `stepwright build [files...] [--out DIR]

Compiles workflows (default: every module in workflows/) to validated ASL in DIR/asl/
(default out/) with each execution role's least-privilege policy in DIR/iam/, and every schedules/*.yaml to DIR/schedules/<name>.json (CreateSchedule input)
and DIR/rules/<name>.json (PutRule and PutTargets inputs). Nothing is written unless
everything is valid; a full build (no files named) also removes the outputs of workflows,
schedules and rules that no longer exist.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', default: 'out' }, quiet: { type: 'boolean', default: false } } });
  const files = positionals.length > 0 ? positionals : findWorkflowFiles('workflows');
  if (files.length === 0) {
    throw new StepwrightError({ file: 'workflows/', message: 'no workflow modules found', fix: 'create workflows/<name>.ts exporting workflow(...), or name the files to build' });
  }
  const loaded = await loadWorkflows(files);
  const config = loadConfig();
  const warnings: string[] = [];
  const outputs: OutputFile[] = [];
  const rows: string[][] = [];
  const problems: Problem[] = [];
  for (const { workflow, file } of loaded) {
    try {
      const definition = buildDefinition(workflow, file);
      const path = join(values.out!, 'asl', `${workflow.name}.asl.json`);
      outputs.push({ path, contents: toAslJson(definition) });
      // The execution role's least-privilege policy; what could not be narrowed is said, not hidden.
      const policy = executionRolePolicy(definition, { region: config.region, account: config.account, partition: config.partition, stateMachineName: workflow.name });
      outputs.push({ path: join(values.out!, 'iam', `${workflow.name}.policy.json`), contents: `${JSON.stringify(policy.document, null, 2)}\n` });
      warnings.push(...policy.warnings.map((w) => `${file} › workflow "${workflow.name}": ${w}`));
      const summary = summarize(definition);
      rows.push([workflow.name, String(summary.states), summary.services.join(', '), summary.queryLanguages.join(' + '), path]);
    } catch (error) {
      if (!isStepwrightError(error)) throw error;
      problems.push(...error.problems);
    }
  }
  const scheduled = positionals.length > 0 ? { files: [], rows: [] } : buildSchedules(values.out!, new Set(loaded.map((l) => l.workflow.name)), config, problems);
  if (problems.length > 0) throw new StepwrightError(problems);
  const written = [...outputs, ...scheduled.files];
  writeFilesAtomically(written);
  // A full build mirrors the project; building named files leaves the other outputs alone.
  const removed = positionals.length > 0 ? [] : removeStaleOutputs(['asl', 'iam', 'schedules', 'rules'].map((d) => join(values.out!, d)), written);
  if (!values.quiet) {
    io.out(table(['workflow', 'states', 'service integrations', 'query language', 'written to'], rows));
    if (scheduled.rows.length > 0) io.out(`\n${table(['schedule or rule', 'starts', 'when', 'written to'], scheduled.rows)}`);
    if (removed.length > 0) io.out(`\nremoved outputs of workflows, schedules or rules that no longer exist: ${removed.join(', ')}`);
    if (warnings.length > 0) io.out(`\nIAM policies in ${join(values.out!, 'iam')}/, with ${warnings.length} warning${warnings.length === 1 ? '' : 's'}:\n${warnings.map((w) => `  ${w}`).join('\n')}`);
  }
  return 0;
}

/** schedules/*.yaml → CreateSchedule, PutRule and PutTargets inputs; their workflows must exist. */
function buildSchedules(out: string, workflows: Set<string>, config: ProjectConfig, problems: Problem[]): { files: OutputFile[]; rows: string[][] } {
  const files: OutputFile[] = [];
  const rows: string[][] = [];
  let project: ProjectSchedules;
  try {
    project = loadProjectSchedules();
  } catch (error) {
    if (!isStepwrightError(error)) throw error;
    problems.push(...error.problems);
    return { files, rows };
  }
  if (project.schedules.length === 0 && project.rules.length === 0) return { files, rows };
  const unknown = (file: string, entry: string, label: string, workflow: string | undefined) => {
    if (workflow !== undefined && !workflows.has(workflow)) {
      problems.push({ file, workflow: entry, state: label, field: 'target.workflow', message: `starts workflow "${workflow}", which is not in workflows/`, fix: `use one of: ${[...workflows].join(', ')}` });
    }
  };
  project.schedules.forEach((s) => unknown(s.file, s.name, 'schedule', s.target.workflow));
  project.rules.forEach((r) => r.targets.forEach((t) => unknown(r.file, r.name, 'rule', t.workflow)));
  let resolve: Resolver;
  try {
    resolve = resolverFor(requireAccount(config, 'naming the state machines schedules and rules start'));
  } catch (error) {
    if (!isStepwrightError(error)) throw error;
    problems.push(...error.problems);
    return { files, rows };
  }
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  let needsStarter = false;
  for (const s of project.schedules) {
    const input = toCreateScheduleInput(s, resolve);
    needsStarter ||= input.Target.Arn === UNIVERSAL_START_EXECUTION && JSON.stringify(input.Target).includes(SLOT_STARTER_WORKFLOW);
    const path = join(out, 'schedules', `${s.name}.json`);
    files.push({ path, contents: json(input) });
    rows.push([s.name, s.target.workflow, `${s.expression} ${s.timezone ?? 'UTC'}`, path]);
  }
  for (const r of project.rules) {
    const path = join(out, 'rules', `${r.name}.json`);
    files.push({ path, contents: json({ PutRule: toPutRuleInput(r), PutTargets: toPutTargetsInput(r, resolve) }) });
    rows.push([r.name, r.targets.map((t) => t.workflow ?? t.arn).join(', '), r.expression ?? 'event pattern', path]);
  }
  // Idempotent cron/rate schedules start their workflow through the slot starter; deploy it too.
  if (needsStarter) {
    const starter = slotStarterDefinition();
    problems.push(...validateDefinition(starter).map((p) => ({ workflow: SLOT_STARTER_WORKFLOW, ...p })));
    files.push({ path: join(out, 'asl', `${SLOT_STARTER_WORKFLOW}.asl.json`), contents: json(starter) });
  }
  return { files, rows };
}
