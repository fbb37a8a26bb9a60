/** `stepwright build [files...]`: every workflow to a validated `out/asl/<name>.asl.json`, with a summary. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDefinition } from '../../asl/build.js';
import { toAslJson } from '../../asl/compile.js';
import { summarize } from '../../asl/summary.js';
import { isStepwrightError, StepwrightError, type Problem } from '../../errors.js';
import { findWorkflowFiles, loadWorkflows } from '../load.js';
import { writeFilesAtomically, type OutputFile } from '../output.js';
import { table } from '../table.js';
import type { Io } from '../io.js';

export const usage = `stepwright build [files...] [--out DIR]

Compiles workflows (default: every module in workflows/) to validated ASL in DIR/asl/
(default out/). Nothing is written unless every workflow is valid.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', default: 'out' }, quiet: { type: 'boolean', default: false } } });
  const files = positionals.length > 0 ? positionals : findWorkflowFiles('workflows');
  if (files.length === 0) {
    throw new StepwrightError({ file: 'workflows/', message: 'no workflow modules found', fix: 'create workflows/<name>.ts exporting workflow(...), or name the files to build' });
  }
  const loaded = await loadWorkflows(files);
  const outputs: OutputFile[] = [];
  const rows: string[][] = [];
  const problems: Problem[] = [];
  for (const { workflow, file } of loaded) {
    try {
      const definition = buildDefinition(workflow, file);
      const path = join(values.out!, 'asl', `${workflow.name}.asl.json`);
      outputs.push({ path, contents: toAslJson(definition) });
      const summary = summarize(definition);
      rows.push([workflow.name, String(summary.states), summary.services.join(', '), summary.queryLanguages.join(' + '), path]);
    } catch (error) {
      if (!isStepwrightError(error)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new StepwrightError(problems);
  writeFilesAtomically(outputs);
  if (!values.quiet) io.out(table(['workflow', 'states', 'service integrations', 'query language', 'written to'], rows));
  return 0;
}
