/**
 * The deploy settings of a project, defaults filled in: where resources go (account, region,
 * partition), what they are named, and the tag that marks them as the project's own.
 */
import { createHash } from 'node:crypto';
import { CONFIG_FILE, deployedNames, type ProjectConfig } from '../project/index.js';
import { StepwrightError } from '../model/errors.js';

/** Every resource deploy creates carries this tag, valued with the project's name; nothing without it is touched. */
export const OWNER_TAG = 'stepwright:project';

export { DEFAULT_ALIAS } from '../project/index.js';

export interface DeploySettings {
  project: string;
  region: string;
  account: string;
  partition: string;
  alias: string;
  scheduleGroup: string;
  rolePath: string;
  permissionsBoundary?: string;
  /** Workflow name → the ARN of an existing execution role. */
  executionRoles: Readonly<Record<string, string>>;
  /** Role names (from schedules and rules) that exist and are not deploy's to manage. */
  existingRoles: ReadonlySet<string>;
}

export function deploySettings(config: ProjectConfig): DeploySettings {
  if (!config.region || !config.account) {
    throw new StepwrightError({
      file: CONFIG_FILE,
      message: `deploying needs the AWS ${!config.region ? 'region' : 'account'}`,
      fix: `set "region" and "account" in ${CONFIG_FILE}, or AWS_REGION and AWS_ACCOUNT_ID; the account is checked against your credentials before anything is written`,
    });
  }
  const d = config.deploy ?? {};
  // Names and places as the project value has them (its schedules and rules already target them).
  const { alias, scheduleGroup, rolePath, existingRoles } = deployedNames(config);
  const settings: DeploySettings = {
    project: config.name,
    region: config.region,
    account: config.account,
    partition: config.partition,
    alias,
    scheduleGroup,
    rolePath,
    executionRoles: {},
    existingRoles,
    ...(d.permissionsBoundary !== undefined ? { permissionsBoundary: d.permissionsBoundary } : {}),
  };
  settings.executionRoles = Object.fromEntries(Object.entries(d.executionRoles ?? {}).map(([workflow, role]) => [workflow, role.startsWith('arn:') ? role : roleArn(settings, role, '/')]));
  return settings;
}

export function ownerTags(settings: DeploySettings): Record<string, string> {
  return { [OWNER_TAG]: settings.project };
}

export function isOwned(tags: Readonly<Record<string, string>> | undefined, settings: DeploySettings): boolean {
  return tags?.[OWNER_TAG] === settings.project;
}

/** Who owns a resource, in words, for conflict messages. */
export function ownerOf(tags: Readonly<Record<string, string>> | undefined): string {
  const owner = tags?.[OWNER_TAG];
  return owner === undefined ? `it has no ${OWNER_TAG} tag` : `it belongs to the stepwright project "${owner}"`;
}

export const stateMachineArn = (s: DeploySettings, name: string) => `arn:${s.partition}:states:${s.region}:${s.account}:stateMachine:${name}`;
export const aliasArn = (s: DeploySettings, name: string) => `${stateMachineArn(s, name)}:${s.alias}`;
export const executionArn = (s: DeploySettings, machine: string, execution: string) => `arn:${s.partition}:states:${s.region}:${s.account}:execution:${machine}:${execution}`;
export const roleArn = (s: DeploySettings, name: string, path = s.rolePath) => `arn:${s.partition}:iam::${s.account}:role${path}${name}`;
export const scheduleGroupArn = (s: DeploySettings, group: string) => `arn:${s.partition}:scheduler:${s.region}:${s.account}:schedule-group/${group}`;
export const scheduleArn = (s: DeploySettings, group: string, name: string) => `arn:${s.partition}:scheduler:${s.region}:${s.account}:schedule/${group}/${name}`;
/** An event bus given by name or ARN, as its name; undefined for the default bus. */
export function busName(bus: string | undefined): string | undefined {
  const name = bus?.startsWith('arn:') ? bus.slice(bus.indexOf('event-bus/') + 'event-bus/'.length) : bus;
  return name === 'default' ? undefined : name;
}
export const ruleArn = (s: DeploySettings, name: string, bus?: string) =>
  `arn:${s.partition}:events:${s.region}:${s.account}:rule/${busName(bus) === undefined ? '' : `${busName(bus)}/`}${name}`;

/** IAM role names are at most 64 characters: longer ones keep their start and end in a short hash, so they stay unique and stable. */
export function executionRoleName(settings: DeploySettings, workflow: string): string {
  const name = `${settings.project}-${workflow}`;
  if (name.length <= 64) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 55)}-${hash}`;
}
