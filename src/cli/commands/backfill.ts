/** `stepwright backfill TARGET --from DAY --to DAY`: one execution per past schedule slot. */
import { parseArgs } from 'node:util';
import { backfill, type Slot } from '../../deploy/index.js';
import { StepwrightError } from '../../model/errors.js';
import type { Io } from '../io.js';
import { loadDeployableProject } from '../deploying.js';

export const usage = `stepwright backfill WORKFLOW|SCHEDULE --from DAY --to DAY [--concurrency N] [--dry-run]

Starts one execution of the workflow, through its alias, per slot of its schedule between the two
days (both included, in the schedule's time zone; or ISO instants such as 2026-11-01T02:00:00Z).
Each execution is named by its slot as the slot starter names the schedule's own runs
(<schedule>-20261101T010000Z), so a rerun, or an overlap with the live schedule, never starts a
slot twice: an interrupted backfill resumes by running it again. Slots still in the future are
left to the schedule.

  --concurrency N   executions started at once (default 2)
  --dry-run         list the slots, start nothing`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, concurrency: { type: 'string', default: '2' }, 'dry-run': { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1 || !values.from || !values.to) throw new StepwrightError({ message: 'name a workflow (or schedule) and give --from and --to', fix: 'stepwright backfill ingest --from 2026-11-01 --to 2026-11-07' });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 50) throw new StepwrightError({ field: '--concurrency', message: `"${values.concurrency}" is not a number from 1 to 50`, fix: '--concurrency 2' });
  const project = await loadDeployableProject();
  const result = await backfill(project, positionals[0]!, {
    from: values.from,
    to: values.to,
    concurrency,
    dryRun: values['dry-run']!,
    onProgress: ({ done, total, slot }) => io.progress?.(`${bar(done, total)} ${done}/${total}  ${slot.executionName}  ${slot.status}`),
  });
  io.progress?.('');
  const count = (status: Slot['status']) => result.slots.filter((s) => s.status === status).length;
  io.out(`${result.workflow} on schedule ${result.schedule} (${result.timezone}): ${result.slots.length} slot${result.slots.length === 1 ? '' : 's'} from ${values.from} to ${values.to}`);
  for (const s of result.slots) io.out(`  ${s.executionName}  ${s.status}`);
  if (values['dry-run']) io.out('\nDry run: nothing was started.');
  else io.out(`\n${count('started')} started, ${count('already started')} already started${result.slots.length > 0 ? ' (skipped)' : ''}.`);
  if (result.future.length > 0) io.out(`${result.future.length} slot${result.future.length === 1 ? ' is' : 's are'} still to come and left to the schedule.`);
  return 0;
}

function bar(done: number, total: number, width = 24): string {
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
