/** `stepwright rollback WORKFLOW [--to N]`: move the workflow's alias back to an earlier version. */
import { parseArgs } from 'node:util';
import { rollback } from '../../deploy/index.js';
import { StepwrightError } from '../../model/errors.js';
import type { Io } from '../io.js';
import { loadDeployableProject } from '../deploying.js';

export const usage = `stepwright rollback WORKFLOW [--to N]

Moves the workflow's alias (default "live") back to the version before the one it is on, or to
version N. Schedules and rules start the alias, so they follow at once. The next deploy moves the
alias forward to the project's version again: revert the code to stay back.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { to: { type: 'string' } } });
  if (positionals.length !== 1) throw new StepwrightError({ message: 'name one workflow to roll back', fix: 'stepwright rollback ingest [--to 3]' });
  const to = values.to === undefined ? undefined : Number(values.to);
  if (to !== undefined && (!Number.isInteger(to) || to < 1)) throw new StepwrightError({ field: '--to', message: `"${values.to}" is not a version number`, fix: '--to 3' });
  const project = await loadDeployableProject();
  const r = await rollback(project, positionals[0]!, to === undefined ? {} : { to });
  io.out(`${r.workflow}: alias ${r.alias} moved from version ${r.from} to version ${r.to}.`);
  io.out(`The next deploy moves it to the project's version again; revert the code to stay on version ${r.to}.`);
  return 0;
}
