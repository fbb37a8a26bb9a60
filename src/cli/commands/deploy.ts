/** `stepwright deploy`: make the account match the project. */
import { parseArgs } from 'node:util';
import { plan } from '../../deploy/index.js';
import type { Io } from '../io.js';
import { applyPrinting, confirmed, loadDeployableProject, printPlan } from '../deploying.js';

export const usage = `stepwright deploy [--yes]

Plans (as stepwright plan), then creates, updates and deletes what the plan lists: each workflow's
execution role, state machine, a new version when its definition or settings change and its alias
moved to it; the schedule groups, schedules and rules, which start workflows through their alias;
and the roles Scheduler and EventBridge use. Only resources tagged stepwright:project=<name> are
changed or deleted. A second deploy with no change makes no write.

On a terminal it asks before writing; --yes skips the question. Under CI (CI=true) or without a
terminal it never asks: --yes is then required.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { yes: { type: 'boolean', short: 'y', default: false } } });
  const project = await loadDeployableProject();
  const p = await plan(project);
  try {
    printPlan(p, io);
    if (p.changes.length === 0) return 0;
    if (!(await confirmed(io, values.yes!, `Deploy these ${p.changes.length} changes to account ${p.settings.account} (${p.settings.region})?`, 'deploy'))) {
      io.out('Cancelled: nothing was changed.');
      return 1;
    }
    io.out('');
    await applyPrinting(p, io, 'Deployed');
    return 0;
  } finally {
    p.close();
  }
}
