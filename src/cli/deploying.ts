/**
 * What plan, deploy and destroy print and ask: the plan resource by resource, one line per step as
 * it is applied, a summary; and the confirmation, which is only ever asked of a person at a
 * terminal (never under CI, never when stdin is not a terminal: then --yes is required).
 */
import { formatProblem, isStepwrightError, StepwrightError } from '../model/errors.js';
import { assertNoProblems, loadProject, type Project } from '../project/index.js';
import { apply, type Change, type Plan } from '../deploy/index.js';
import type { Io } from './io.js';

const SIGN = { create: '+', update: '~', delete: '-' } as const;
const PAST = { create: 'created', update: 'updated', delete: 'deleted' } as const;
const TYPE = (type: Change['type']) => type.replace('-', ' ');

export async function loadDeployableProject(): Promise<Project> {
  const project = await loadProject({});
  assertNoProblems(project);
  return project;
}

export function formatChanges(changes: Change[]): string {
  const typeWidth = Math.max(...changes.map((c) => TYPE(c.type).length));
  const nameWidth = Math.max(...changes.map((c) => c.name.length));
  return changes.map((c) => `  ${SIGN[c.action]} ${TYPE(c.type).padEnd(typeWidth)}  ${c.detail ? `${c.name.padEnd(nameWidth)}  ${c.detail}` : c.name}`).join('\n');
}

export function countChanges(changes: Change[], words: Record<Change['action'], string> = { create: 'to create', update: 'to update', delete: 'to delete' }): string {
  const n = (action: Change['action']) => changes.filter((c) => c.action === action).length;
  return `${n('create')} ${words.create}, ${n('update')} ${words.update}, ${n('delete')} ${words.delete}`;
}

export function printPlan(p: Plan, io: Io, verb = 'Plan'): void {
  const s = p.settings;
  io.out(`Project ${s.project} in account ${s.account} (${s.region}), as ${p.caller}`);
  for (const w of p.warnings) io.err(`warning: ${formatProblem(w)}`);
  if (p.changes.length === 0) {
    io.out('\nNo changes: the account matches the project.');
    return;
  }
  io.out(`\n${formatChanges(p.changes)}\n\n${verb}: ${countChanges(p.changes)}.`);
}

/** CI=true (or any CI value but false/0), as CI services set it. */
export const underCi = () => !!process.env.CI && !/^(false|0)$/i.test(process.env.CI);

/** Whether to go ahead: --yes, or a person at a terminal saying yes. Never asks under CI or without a terminal. */
export async function confirmed(io: Io, yes: boolean, question: string, command: string): Promise<boolean> {
  if (yes) return true;
  if (underCi() || !io.interactive || !io.ask) {
    throw new StepwrightError({
      message: `${command} needs --yes here: ${underCi() ? 'CI is set' : 'stdin is not a terminal'}, so there is nobody to ask`,
      fix: `run "stepwright ${command} --yes" after reviewing "stepwright plan"${command === 'destroy' ? ' (destroy deletes what the project owns)' : ''}`,
    });
  }
  const answer = (await io.ask(`\n${question} Type "yes" to go ahead: `)).trim().toLowerCase();
  return answer === 'yes' || answer === 'y';
}

/** Applies the plan, printing each step as it finishes and a summary. */
export async function applyPrinting(p: Plan, io: Io, what: string): Promise<void> {
  let done: Change[] = [];
  try {
    const result = await apply(p, {
      onStep: ({ step, note, ms }) => {
        // A published version is shown by its ARN's qualifier (ingest:4); other notes follow the last change.
        const version = /^version (\d+)$/.exec(note ?? '')?.[1];
        for (const c of step.changes) {
          const name = c.type === 'version' && version ? `${c.name}:${version}` : c.name;
          const said = c === step.changes[step.changes.length - 1] && note && !version ? ` ${note}` : '';
          io.out(`  ${SIGN[c.action]} ${PAST[c.action]} ${TYPE(c.type)} ${name}${said} (${ms} ms)`);
        }
        done = [...done, ...step.changes];
      },
    });
    io.out(`\n${what}: ${countChanges(result.changes, PAST)} in ${(result.ms / 1000).toFixed(1)} s.`);
  } catch (error) {
    if (isStepwrightError(error) && done.length > 0) {
      io.err(`\n${done.length} of ${p.changes.length} changes were made before this failed; they are kept, and the next run carries on from there.`);
    }
    throw error;
  }
}
