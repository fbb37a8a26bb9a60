/**
 * Faults between deploy and AWS, injected by a loopback proxy in front of moto: throttling, 500s,
 * connections dropped before the server saw a call or after it did the work, a role that is not
 * yet assumable, and a deploy stopped at each change of write kind then run again. Every case must end
 * exactly where a clean deploy ends (same snapshot of the account), with nothing unowned touched.
 */
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { deploy, plan, type AwsOptions } from '../../src/deploy/index.js';
import type { Project } from '../../src/project/index.js';
import { isStepwrightError } from '../../src/model/errors.js';
import { describeWithMoto } from '../support/moto.js';
import { startAwsProxy, type AwsProxy, type Fault } from '../support/aws-proxy.js';
import { awsVia, exampleProject, load, ops, REGION, snapshot } from './fixtures.js';

jest.setTimeout(300_000);

/** The project value deploying into another account (ARNs follow the config's account). */
const inAccount = (project: Project, account: string): Project => ({ ...project, config: { ...project.config, account } });

/**
 * The account's contents with account ids written as ACCOUNT, so two accounts compare (the
 * project's policies keep the account it was loaded for; ARNs deploy makes name the account itself).
 */
async function state(aws: AwsOptions, ...accounts: string[]): Promise<unknown> {
  let text = JSON.stringify(await snapshot(aws));
  for (const id of accounts) text = text.split(id).join('ACCOUNT');
  return JSON.parse(text);
}

async function mapLimit<T, R>(items: T[], n: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await run(items[i]!);
      }
    }),
  );
  return out;
}

describeWithMoto('deploy under faults', (moto) => {
  let project: Project;
  let clean: unknown;
  let cleanWrites: string[];
  const proxies: AwsProxy[] = [];

  /** A fresh account behind its own proxy, holding one state machine that is not the project's. */
  async function account(): Promise<{ proxy: AwsProxy; aws: AwsOptions; project: Project }> {
    const proxy = await startAwsProxy(moto);
    proxies.push(proxy);
    const aws = awsVia(proxy);
    await new SFNClient({ region: REGION, ...aws } as object).send(new CreateStateMachineCommand({ name: 'bystander', definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}', roleArn: `arn:aws:iam::${proxy.account}:role/someone` }));
    proxy.reset();
    return { proxy, aws, project: inAccount(project, proxy.account) };
  }

  async function expectConverged(proxy: AwsProxy, aws: AwsOptions, p: Project): Promise<void> {
    const again = await plan(p, { aws });
    again.close();
    expect(again.changes).toEqual([]);
    expect(await state(aws, proxy.account, project.config.account!)).toEqual(clean);
    expect(proxy.calls.filter((c) => c.write && /bystander/.test(c.text))).toEqual([]);
  }

  beforeAll(async () => {
    const reference = await startAwsProxy(moto);
    proxies.push(reference);
    project = await load(exampleProject(reference.account));
    const aws = awsVia(reference);
    await new SFNClient({ region: REGION, ...aws } as object).send(new CreateStateMachineCommand({ name: 'bystander', definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}', roleArn: `arn:aws:iam::${reference.account}:role/someone` }));
    reference.reset();
    await deploy(project, { aws });
    cleanWrites = ops(reference.writes());
    clean = await state(aws, reference.account);
  });
  afterAll(() => Promise.all(proxies.map((p) => p.close())));

  test.each<[string, Fault[]]>([
    [
      'throttling on creates of every kind (the SDK backs off and retries)',
      [
        { operation: 'CreateRole', kind: 'throttle', times: 2 },
        { operation: 'CreateStateMachine', kind: 'throttle', times: 3 },
        { operation: 'CreateStateMachineAlias', kind: 'throttle' },
        { operation: 'CreateSchedule', kind: 'throttle', times: 2 },
        { operation: 'PutRule', kind: 'throttle' },
        { operation: 'DescribeStateMachine', kind: 'throttle', times: 2 },
      ],
    ],
    [
      '500s from every service',
      [
        { operation: 'PutRolePolicy', kind: 'server-error', times: 2 },
        { operation: 'CreateStateMachine', kind: 'server-error' },
        { operation: 'CreateScheduleGroup', kind: 'server-error' },
        { operation: 'PutTargets', kind: 'server-error', times: 2 },
        { operation: 'GetCallerIdentity', kind: 'server-error' },
      ],
    ],
    [
      'connections dropped before the server saw the call',
      [
        { operation: 'CreateRole', kind: 'drop-before' },
        { operation: 'CreateStateMachine', kind: 'drop-before', skip: 2 },
        { operation: 'CreateSchedule', kind: 'drop-before' },
        { operation: 'ListRules', kind: 'drop-before' },
      ],
    ],
    [
      'connections dropped after the server did the work (the retry finds it done)',
      [
        { operation: 'CreateRole', kind: 'drop-after' },
        { operation: 'PutRolePolicy', kind: 'drop-after' },
        { operation: 'CreateStateMachine', kind: 'drop-after', skip: 1 },
        { operation: 'CreateStateMachineAlias', kind: 'drop-after' },
        { operation: 'CreateScheduleGroup', kind: 'drop-after' },
        { operation: 'CreateSchedule', kind: 'drop-after' },
        { operation: 'PutRule', kind: 'drop-after' },
        { operation: 'PutTargets', kind: 'drop-after' },
      ],
    ],
    [
      'a role Step Functions and Scheduler cannot assume yet (IAM is eventually consistent): waited for',
      [
        { operation: 'CreateStateMachine', kind: 'role-not-assumable' },
        { operation: 'CreateSchedule', kind: 'role-not-assumable' },
      ],
    ],
  ])('%s', async (_, faults) => {
    const { proxy, aws, project: p } = await account();
    proxy.faults.push(...faults);
    await deploy(p, { aws });
    // Every fault was met (so the case tested what it says).
    for (const f of faults) expect(proxy.calls.filter((c) => c.operation === f.operation && c.fault === f.kind).length).toBe(f.times ?? 1);
    proxy.faults.length = 0;
    await expectConverged(proxy, aws, p);
  });

  test('a deploy stopped before its first write, and after the first and the last write of each kind, then run again, ends where a clean deploy ends', async () => {
    expect(cleanWrites.length).toBeGreaterThan(30);
    // Stopping between two writes of one kind (the 3rd and the 4th CreateStateMachine) runs the same
    // code as between the 1st and 2nd: the stop points are where one kind of write gives way to the next.
    const points = stopPoints(cleanWrites);
    // One account per stop point; a few at a time (moto answers them in parallel).
    const stoppedAfter = await mapLimit(points, 4, async (n) => {
      const { proxy, aws, project: p } = await account();
      proxy.stopAfterWrites = n;
      const error = await deploy(p, { aws: { ...aws, maxAttempts: 1 } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      // It stopped with a problem naming the refused call.
      expect(isStepwrightError(error) && /stopped by the test/.test(error.message)).toBe(true);
      const last = ops(proxy.writes()).slice(-1)[0];
      delete proxy.stopAfterWrites;
      await deploy(p, { aws });
      await expectConverged(proxy, aws, p);
      return last;
    });
    // Stopped after no write, then after each chosen number of writes (writes of one phase run
    // concurrently, so which of them came last may vary from run to run).
    expect(stoppedAfter.length).toBe(points.length);
    expect(stoppedAfter[0]).toBeUndefined();
    expect(points.length).toBeGreaterThan(new Set(cleanWrites).size);
  });
});

/**
 * 0 (before any write), and the number of writes after the first and the last write of each kind
 * (but not after the very last write: a deploy stopped there has nothing left to be stopped from).
 */
function stopPoints(writes: string[]): number[] {
  const points = new Set<number>([0]);
  writes.forEach((op, i) => {
    if (writes[i - 1] !== op) points.add(i + 1);
    if (writes[i + 1] !== op) points.add(i + 1);
  });
  points.delete(writes.length);
  return [...points].sort((a, b) => a - b);
}
