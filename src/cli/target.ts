/**
 * What `exec` and `events simulate` run: a workflow module (`workflows/train.ts`) or an ASL file.
 * A module with several workflows needs `--workflow NAME`.
 */
import { StepwrightError } from '../model/errors.js';
import type { StateMachineDefinition } from '../model/asl.js';
import type { Workflow } from '../dsl/workflow.js';
import { loadWorkflowFile } from '../project/load.js';
import { readDefinitionFile } from './json-input.js';

export type RunTarget = { kind: 'workflow'; workflow: Workflow; file: string } | { kind: 'definition'; definition: StateMachineDefinition; file: string };

export async function loadRunTarget(file: string, workflowName?: string): Promise<RunTarget> {
  if (/\.(json|ya?ml)$/i.test(file)) return { kind: 'definition', definition: readDefinitionFile(file), file };
  const loaded = await loadWorkflowFile(file);
  const chosen = workflowName ? loaded.filter((l) => l.workflow.name === workflowName) : loaded;
  if (chosen.length !== 1) {
    const names = loaded.map((l) => l.workflow.name);
    throw new StepwrightError({
      file,
      message: chosen.length === 0 ? (workflowName ? `has no workflow named "${workflowName}"` : 'exports no workflow') : `exports ${chosen.length} workflows (${names.join(', ')})`,
      fix: names.length > 0 ? `choose one with --workflow ${names[0]}` : "export default workflow('name', { ... })",
    });
  }
  return { kind: 'workflow', workflow: chosen[0]!.workflow, file };
}
