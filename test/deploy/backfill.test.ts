/**
 * backfill: the slots of a schedule in a range, in its own time zone (daylight saving included),
 * each started once through the alias under the name the slot starter gives the live run.
 */
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { backfill, deploy } from '../../src/deploy/index.js';
import type { Project } from '../../src/project/index.js';
import { isStepwrightError } from '../../src/model/errors.js';
import { describeWithMoto } from '../support/moto.js';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js';
import { awsVia, exampleProject, load, ops, REGION } from './fixtures.js';

jest.setTimeout(120_000);

let project: Project;
beforeAll(async () => {
  project = await load(exampleProject('123456789012'));
});

const names = (r: { slots: { executionName: string }[] }) => r.slots.map((s) => s.executionName);

describe('backfill slots (dry run: nothing is called)', () => {
  test('a week of a nightly 02:00 Berlin schedule: seven slots at 01:00 UTC, named as the slot starter names them', async () => {
    const r = await backfill(project, 'ingest', { from: '2026-11-01', to: '2026-11-07', dryRun: true, now: new Date('2026-12-01T00:00:00Z') });
    expect(r).toMatchObject({ schedule: 'nightly-ingest', workflow: 'ingest', timezone: 'Europe/Berlin', future: [] });
    expect(names(r)).toEqual(['01', '02', '03', '04', '05', '06', '07'].map((d) => `nightly-ingest-202611${d}T010000Z`));
    expect(r.slots.every((s) => s.status === 'planned')).toBe(true);
  });

  test('the days are the schedule’s own: across the end of summer time 02:00 moves from 00:00 to 01:00 UTC, and a spring-forward gap skips the night', async () => {
    // On 2026-10-25 Berlin's clocks go back at 03:00, so 02:00 happens twice; Scheduler fires once, at the first.
    const autumn = await backfill(project, 'nightly-ingest', { from: '2026-10-24', to: '2026-10-26', dryRun: true });
    expect(autumn.slots.map((s) => s.time.toISOString())).toEqual(['2026-10-24T00:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-26T01:00:00.000Z']);
    // 2026-03-29 02:00 does not exist in Berlin; Scheduler does not run that night.
    const spring = await backfill(project, 'ingest', { from: '2026-03-28', to: '2026-03-30', dryRun: true });
    expect(spring.slots.map((s) => s.time.toISOString())).toEqual(['2026-03-28T01:00:00.000Z', '2026-03-30T00:00:00.000Z']);
  });

  test('instants bound the range exactly; slots still to come are left to the schedule', async () => {
    const r = await backfill(project, 'train', { from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z', dryRun: true, now: new Date('2026-11-16T12:00:00Z') });
    expect(r.schedule).toBe('weekly-retrain');
    // Sundays 23:30 Berlin = 22:30 UTC: the 1st, 8th and 15th are past, the 22nd and 29th to come.
    expect(names(r)).toEqual(['weekly-retrain-20261101T223000Z', 'weekly-retrain-20261108T223000Z', 'weekly-retrain-20261115T223000Z']);
    expect(r.future.map((d) => d.toISOString())).toEqual(['2026-11-22T22:30:00.000Z', '2026-11-29T22:30:00.000Z']);
  });

  test('mistakes are problems that say what to give instead', async () => {
    const message = (run: Promise<unknown>) => run.then(() => '', (e: unknown) => (isStepwrightError(e) ? e.message : String(e)));
    expect(await message(backfill(project, 'pipeline', { from: '2026-11-01', to: '2026-11-02', dryRun: true }))).toMatch(/no schedule is named "pipeline" or starts a workflow of that name\n {4}fix: backfill one of: nightly-ingest \(ingest\), weekly-retrain \(train\)/);
    expect(await message(backfill(project, 'ingest', { from: '2026-11-07', to: '2026-11-01', dryRun: true }))).toMatch(/--to: 2026-11-01 is before 2026-11-07/);
    expect(await message(backfill(project, 'ingest', { from: 'last week', to: '2026-11-01', dryRun: true }))).toMatch(/field --from: "last week" is neither a day \(2026-11-01\) nor an instant/);
    expect(await message(backfill(project, 'ingest', { from: '2020-01-01', to: '2026-11-01', dryRun: true }))).toMatch(/the range holds more than 1000 slots/);
  });
});

describeWithMoto('backfill against the account', (moto) => {
  let proxy: AwsProxy;
  let deployed: Project;
  const arn = (account: string) => `arn:aws:states:${REGION}:${account}:stateMachine:ingest`;

  beforeAll(async () => {
    proxy = await startAwsProxy(moto);
    deployed = await load(exampleProject(proxy.account));
  });
  afterAll(() => proxy.close());

  test('before a deploy there is no alias to start: the problem says to deploy first', async () => {
    await expect(backfill(deployed, 'ingest', { from: '2026-11-01', to: '2026-11-02', aws: awsVia(proxy) })).rejects.toThrow(/workflow "ingest" has no alias live .*\n {4}fix: run stepwright deploy first/);
  });

  test('a slot the live schedule already ran is not started again; the others are, with the schedule’s input for their slot', async () => {
    const aws = awsVia(proxy);
    await deploy(deployed, { aws });
    const sfn = new SFNClient({ region: REGION, ...aws } as object);
    // The slot starter's run for the night of the 3rd, as the live schedule would have started it.
    await sfn.send(new StartExecutionCommand({ stateMachineArn: arn(proxy.account), name: 'nightly-ingest-20261103T010000Z', input: '{"live":true}' }));
    proxy.reset();
    const progress: number[] = [];
    const r = await backfill(deployed, 'ingest', { from: '2026-11-01', to: '2026-11-07', aws, concurrency: 3, onProgress: ({ done }) => progress.push(done) });
    expect(r.slots.map((s) => `${s.executionName} ${s.status}`)).toEqual([
      'nightly-ingest-20261101T010000Z started',
      'nightly-ingest-20261102T010000Z started',
      'nightly-ingest-20261103T010000Z already started',
      'nightly-ingest-20261104T010000Z started',
      'nightly-ingest-20261105T010000Z started',
      'nightly-ingest-20261106T010000Z started',
      'nightly-ingest-20261107T010000Z started',
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ops(proxy.writes())).toEqual(Array(6).fill('states:StartExecution'));
    // Started through the alias, with Scheduler's scheduled time filled in as Scheduler writes it.
    expect(proxy.writes().every((c) => c.text.includes(`"stateMachineArn":"${arn(proxy.account)}:live"`))).toBe(true);
    const run = await sfn.send(new DescribeExecutionCommand({ executionArn: `arn:aws:states:${REGION}:${proxy.account}:execution:ingest:nightly-ingest-20261101T010000Z` }));
    expect(JSON.parse(run.input!)).toEqual({ source: 's3://fraud-landing-123456789012/exports/daily/', scheduledTime: '2026-11-01T01:00:00Z' });
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn(proxy.account) }))).executions).toHaveLength(7);

    // An interrupted or repeated backfill resumes: overlapping ranges start only the new slots.
    proxy.reset();
    const more = await backfill(deployed, 'ingest', { from: '2026-11-06', to: '2026-11-09', aws });
    expect(more.slots.map((s) => s.status)).toEqual(['already started', 'already started', 'started', 'started']);
    expect(ops(proxy.writes())).toEqual(['states:StartExecution', 'states:StartExecution']);
    sfn.destroy();
  });
});
