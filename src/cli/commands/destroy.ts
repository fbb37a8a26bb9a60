/** `stepwright destroy`: delete everything the project owns in the account, and nothing else. */
import { parseArgs } from 'node:util';
import { plan } from '../../deploy/index.js';
import type { Io } from '../io.js';
import { applyPrinting, confirmed, loadDeployableProject, printPlan } from '../deploying.js';

export const usage = `stepwright destroy [--yes]

Deletes every state machine (with its versions and aliases), schedule group (with its schedules),
rule and role that carries the tag stepwright:project=<name> in the config's account and region.
Resources without the tag are never touched.

On a terminal it asks first; --yes skips the question. Under CI (CI=true) or without a terminal it
never asks: --yes is then required.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { yes: { type: 'boolean', short: 'y', default: false } } });
  const project = await loadDeployableProject();
  const p = await plan(project, { destroy: true });
  try {
    printPlan(p, io, 'Destroy');
    if (p.changes.length === 0) return 0;
    if (!(await confirmed(io, values.yes!, `Delete these ${p.changes.length} resources from account ${p.settings.account} (${p.settings.region})?`, 'destroy'))) {
      io.out('Cancelled: nothing was deleted.');
      return 1;
    }
    io.out('');
    await applyPrinting(p, io, 'Destroyed');
    return 0;
  } finally {
    p.close();
  }
}
