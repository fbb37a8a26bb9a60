/**
 * The CI role policy (`stepwright plan --ci-policy`, docs/deploy.md) allows every call deploy,
 * plan, rollback, backfill and destroy make (recorded through the proxy while they run), passes
 * exactly the roles they hand to services, and is what the docs show.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backfill, ciRolePolicy, deploy, destroy, plan, rollback } from '../../src/deploy/index.js';
import { describeWithMoto } from '../support/moto.js';
import { startAwsProxy } from '../support/aws-proxy.js';
import { stepwrightProcess as stepwright } from '../cli/run-cli.js';
import { awsVia, exampleProject, load, notAllowedByCiPolicy, ROOT } from './fixtures.js';

jest.setTimeout(180_000);

test('docs/deploy.md shows the policy generated for the example project, and plan --ci-policy prints it', async () => {
  const generated = JSON.stringify(ciRolePolicy(await load(ROOT)), null, 2);
  const doc = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8');
  const block = /<!-- ci-policy -->\n```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
  expect(block).toBe(generated);
  const printed = stepwright(['plan', '--ci-policy']);
  expect(printed.status).toBe(0);
  expect(printed.stdout.trim()).toBe(generated);
});

describeWithMoto('the CI role policy against what the commands call', (moto) => {
  test('every call of deploy, a change, rollback, backfill, a prune and destroy is allowed; the roles passed are exactly those', async () => {
    const proxy = await startAwsProxy(moto);
    try {
      const aws = awsVia(proxy);
      const dir = exampleProject(proxy.account);
      const project = await load(dir);
      await deploy(project, { aws });
      (await plan(project, { aws })).close();
      await rollback(project, 'ingest', { aws }).catch(() => undefined); // only version 1: refused, after its reads
      const changed = exampleProject(proxy.account);
      writeFileSync(join(changed, 'workflows', 'ingest.ts'), readFileSync(join(changed, 'workflows', 'ingest.ts'), 'utf8').replace("comment: 'Land a day", "comment: 'Land one day"));
      rmSync(join(changed, 'workflows', 'transform.ts'));
      const next = await load(changed);
      await deploy(next, { aws });
      await rollback(next, 'ingest', { aws });
      await backfill(next, 'ingest', { from: '2026-11-01', to: '2026-11-02', aws });
      await destroy(next, { aws });

      expect(notAllowedByCiPolicy(proxy.history, project)).toEqual([]);
      const operations = new Set(proxy.history.map((c) => c.operation));
      for (const op of ['CreateRole', 'DeleteRole', 'CreateStateMachine', 'UpdateStateMachine', 'UpdateStateMachineAlias', 'DeleteStateMachine', 'CreateSchedule', 'DeleteScheduleGroup', 'PutRule', 'DeleteRule', 'StartExecution']) expect(operations).toContain(op);

      const passed = new Set(proxy.history.flatMap((c) => [...c.text.matchAll(/"(?:roleArn|RoleArn)":"(arn:aws:iam::[^"]+)"/g)].map((m) => m[1]!)));
      const passStatement = ciRolePolicy(project).Statement.find((s) => s.Action.includes('iam:PassRole'))!;
      expect([...passed].sort()).toEqual(passStatement.Resource);
      expect(passStatement.Condition).toEqual({ StringEquals: { 'iam:PassedToService': ['events.amazonaws.com', 'scheduler.amazonaws.com', 'states.amazonaws.com'] } });
    } finally {
      await proxy.close();
    }
  });
});
