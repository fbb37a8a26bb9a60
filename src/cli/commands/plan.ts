/** `stepwright plan`: what deploy would change in the account, resource by resource. */
import { parseArgs } from 'node:util';
import { ciRolePolicy, plan } from '../../deploy/index.js';
import type { Io } from '../io.js';
import { loadDeployableProject, printPlan } from '../deploying.js';

export const usage = `stepwright plan [--json] [--ci-policy]

Compares the project (workflows/, schedules/, stepwright.config.json) with the AWS account and
lists what deploy would create, update or delete: roles, state machines, versions, aliases,
schedule groups, schedules and rules. Reads only. The credentials must be for the config's account.

  --json        {"changes": [{"action": "create" | "update" | "delete", "type": "...", "name": "..."}]}
                (empty when the account matches the project)
  --ci-policy   print the least-privilege IAM policy the deploying identity needs (no AWS call)`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false }, 'ci-policy': { type: 'boolean', default: false } } });
  const project = await loadDeployableProject();
  if (values['ci-policy']) {
    io.out(JSON.stringify(ciRolePolicy(project), null, 2));
    return 0;
  }
  const p = await plan(project);
  p.close();
  if (values.json) io.out(JSON.stringify({ changes: p.changes.map(({ action, type, name }) => ({ action, type, name })) }));
  else printPlan(p, io);
  return 0;
}
