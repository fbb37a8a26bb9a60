/**
 * Runs scenario files against their workflows and describes the outcomes: the table `stepwright
 * test` prints, and for each failed scenario where it diverged, the diff and the path taken.
 */
import type { Workflow } from '../dsl/workflow.js';
import { StepwrightError, formatProblem, type Problem } from '../model/errors.js';
import { table } from '../model/table.js';
import { formatRunPath, jsonDiff } from './format.js';
import { runScenario, type ScenarioFile, type ScenarioOutcome } from './scenarios.js';

/** Every scenario of every file, in file order. A file whose workflow is missing is a problem. */
export async function runScenarioFiles(files: ScenarioFile[], workflows: Map<string, Workflow>): Promise<ScenarioOutcome[]> {
  const problems: Problem[] = [];
  for (const f of files) {
    if (!workflows.has(f.workflow)) {
      problems.push({ file: f.file, workflow: f.workflow, message: `no workflow named "${f.workflow}" was loaded`, fix: `name the workflow with "workflow:" at the top of the file; loaded: ${[...workflows.keys()].join(', ') || '(none)'}` });
    }
  }
  if (problems.length > 0) throw new StepwrightError(problems);
  const outcomes: ScenarioOutcome[] = [];
  for (const f of files) for (const s of f.scenarios) outcomes.push(await runScenario(workflows.get(f.workflow)!, s, f.workflow));
  return outcomes;
}

export function outcomeTable(outcomes: ScenarioOutcome[]): string {
  const rows = outcomes.map((o) => [
    o.workflow,
    o.scenario.name,
    o.passed ? '✓ pass' : o.problem ? '! error' : '✗ FAIL',
    o.run ? o.run.status : '-',
    o.run ? String(o.run.visits.length) : '-',
    o.run ? virtualDuration(o.run.stopDate.getTime() - o.run.startDate.getTime()) : '-',
  ]);
  return table(['workflow', 'scenario', 'result', 'status', 'states', 'virtual time'], rows);
}

/** Why a scenario failed: each unmet expectation, its diff, and the path the run took. */
export function describeFailure(o: ScenarioOutcome): string {
  const head = `✗ ${o.workflow} › ${o.scenario.name}  (${o.scenario.location})`;
  if (o.problem) return [head, ...o.problem.problems.map((p) => `  ${formatProblem({ ...p, file: undefined, workflow: undefined })}`)].join('\n');
  const parts = [head];
  const said = new Set<string>();
  for (const f of o.failures) {
    if (said.has(f.message)) continue;
    said.add(f.message);
    parts.push(`  ${f.message}`);
    if (f.diff) parts.push(indent(jsonDiff(f.diff.expected, f.diff.received), 4));
  }
  if (o.run) parts.push('  path taken:', indent(formatRunPath(o.run), 2));
  return parts.join('\n');
}

export function virtualDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60 ? ` ${s % 60}s` : ''}`;
  return `${Math.floor(m / 60)}h${m % 60 ? ` ${m % 60}m` : ''}`;
}

function indent(text: string, n: number): string {
  return text.split('\n').map((l) => ' '.repeat(n) + l).join('\n');
}
