/**
 * rollback: move a workflow's alias back to an earlier version (the one before the current, or a
 * given number). Schedules and rules start the alias, so they follow at once. The next deploy moves
 * the alias forward to the project's version again; to stay back, revert the code.
 */
import { DescribeStateMachineAliasCommand, DescribeStateMachineCommand, ListTagsForResourceCommand } from '@aws-sdk/client-sfn';
import { StepwrightError, type Location } from '../model/errors.js';
import { assertNoProblems, type Project } from '../project/index.js';
import { awsClients, closeClients, type AwsOptions } from './aws.js';
import { tagRecord } from './compare.js';
import { pointAlias, versionNumber } from './machines.js';
import { checkAccount } from './plan.js';
import { Session } from './session.js';
import { aliasArn, deploySettings, isOwned, ownerOf, stateMachineArn } from './settings.js';

export interface RollbackOptions {
  /** The version to move to (default: the newest one before the alias's current version). */
  to?: number;
  aws?: AwsOptions;
}

export interface RollbackResult {
  workflow: string;
  alias: string;
  from: number;
  to: number;
}

const NOT_FOUND = ['StateMachineDoesNotExist', 'ResourceNotFound'];

export async function rollback(project: Project, workflow: string, options: RollbackOptions = {}): Promise<RollbackResult> {
  assertNoProblems(project);
  const settings = deploySettings(project.config);
  const clients = awsClients(settings.region, options.aws);
  try {
    await checkAccount(clients, settings);
    const session = new Session(clients, settings);
    const { sfn } = clients;
    const m = { name: workflow, arn: stateMachineArn(settings, workflow), aliasArn: aliasArn(settings, workflow), where: { workflow } as Location };
    const tags = await session.call(m.where, 'ListTagsForResource', () => sfn.send(new ListTagsForResourceCommand({ resourceArn: m.arn })), ...NOT_FOUND);
    if (!tags) throw new StepwrightError({ workflow, message: `no state machine "${workflow}" in account ${settings.account} (${settings.region})`, fix: 'name a deployed workflow (stepwright plan shows what is deployed)' });
    if (!isOwned(tagRecord(tags.tags), settings)) {
      throw new StepwrightError({ workflow, message: `state machine "${workflow}" is not this project's: ${ownerOf(tagRecord(tags.tags))}`, fix: 'roll back from the project that deployed it' });
    }
    const alias = await session.call(m.where, 'DescribeStateMachineAlias', () => sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: m.aliasArn })), ...NOT_FOUND);
    const routes = alias?.routingConfiguration ?? [];
    if (routes.length !== 1 || !routes[0]!.stateMachineVersionArn) {
      throw new StepwrightError({ workflow, message: alias ? `alias ${settings.alias} splits executions between versions` : `state machine "${workflow}" has no alias ${settings.alias}`, fix: 'run stepwright deploy first' });
    }
    const from = versionNumber(routes[0]!.stateMachineVersionArn);
    const exists = async (n: number) => !!(await session.call(m.where, 'DescribeStateMachine', () => sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${m.arn}:${n}` })), ...NOT_FOUND));
    let to = options.to;
    if (to !== undefined) {
      if (!Number.isInteger(to) || to < 1 || !(await exists(to))) throw new StepwrightError({ workflow, field: '--to', message: `version ${to} of "${workflow}" does not exist`, fix: `give a published version number; the alias is on version ${from}` });
      if (to === from) throw new StepwrightError({ workflow, field: '--to', message: `the alias ${settings.alias} is already on version ${to}`, fix: 'give another version' });
    } else {
      // Versions can be deleted, so the previous one is the newest that still exists below the current.
      for (let n = from - 1; n >= 1 && to === undefined; n--) if (await exists(n)) to = n;
      if (to === undefined) throw new StepwrightError({ workflow, message: `version ${from} is the first version of "${workflow}": there is nothing to roll back to`, fix: 'deploy a fixed version instead' });
    }
    await pointAlias(session, m, `${m.arn}:${to}`, true);
    return { workflow, alias: settings.alias, from, to };
  } finally {
    closeClients(clients);
  }
}
