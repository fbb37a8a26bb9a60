/**
 * Where a project's resources are once deployed, from the config's "deploy" settings and their
 * defaults: the alias schedules and rules start, the IAM path of the roles deploy manages, and the
 * group of schedules that name none. The project value names its schedule and rule targets with
 * these, so out/schedules and out/rules hold exactly what `stepwright deploy` (and the
 * CloudFormation template) create; deploy reads the same defaults from here.
 */
import type { Resolver } from '../schedules/index.js';
import type { Partition, ProjectConfig } from './config.js';

/** The alias deploy moves to each new version, and that schedules and rules start. */
export const DEFAULT_ALIAS = 'live';

export interface DeployedNames {
  alias: string;
  /** The IAM path of the roles deploy creates (`/stepwright/<project>/` unless set). */
  rolePath: string;
  /** The group of schedules that name none. */
  scheduleGroup: string;
  /** Role names of schedules and rules that exist and are managed elsewhere (at path `/`). */
  existingRoles: ReadonlySet<string>;
}

export function deployedNames(config: ProjectConfig): DeployedNames {
  const d = config.deploy ?? {};
  return {
    alias: d.alias ?? DEFAULT_ALIAS,
    // A path of the project's own: deploy lists it to find roles to delete, and the CI role's IAM rights stop at it.
    rolePath: d.rolePath ?? `/stepwright/${config.name}/`,
    scheduleGroup: d.scheduleGroup ?? config.name,
    existingRoles: new Set(d.existingRoles ?? []),
  };
}

/**
 * Names as deployed: a workflow is started through its alias (so a rollback moves what schedules
 * and rules start), a role given by name is the one deploy manages under the role path, unless it
 * is listed as existing. Role ARNs are used as written.
 */
export function deployedResolver(account: { region: string; account: string; partition: Partition }, names: DeployedNames): Resolver {
  return {
    workflowArn: (workflow) => `arn:${account.partition}:states:${account.region}:${account.account}:stateMachine:${workflow}:${names.alias}`,
    roleArn: (role) => `arn:${account.partition}:iam::${account.account}:role${names.existingRoles.has(role) ? '/' : names.rolePath}${role}`,
  };
}
