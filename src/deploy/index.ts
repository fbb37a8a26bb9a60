/**
 * stepwright/deploy: the project into an AWS account through the AWS SDK (plan, deploy, rollback,
 * destroy, backfill), or as a CloudFormation template. docs/deploy.md describes each.
 */
import type { Project } from '../project/index.js';
import { apply, plan, type ApplyOptions, type ApplyResult, type PlanOptions } from './plan.js';

export { plan, apply, type Plan, type PlanOptions, type ApplyOptions, type ApplyResult, type StepEvent } from './plan.js';
export { rollback, type RollbackOptions, type RollbackResult } from './rollback.js';
export { backfill, MAX_SLOTS, type BackfillOptions, type BackfillResult, type Slot } from './backfill.js';
export { cloudFormationTemplate, type CloudFormationTemplate } from './cloudformation.js';
export { ciRolePolicy, type CiPolicy, type CiPolicyStatement } from './ci-policy.js';
export { OWNER_TAG, DEFAULT_ALIAS, type DeploySettings } from './settings.js';
export type { AwsOptions } from './aws.js';
export type { Change, Action, ResourceType, Phase } from './session.js';

/** Plans and applies: the account ends as the project says. */
export async function deploy(project: Project, options: PlanOptions & ApplyOptions = {}): Promise<ApplyResult> {
  return apply(await plan(project, { ...options, destroy: false }), options);
}

/** Deletes everything the project owns in the account, and nothing else. */
export async function destroy(project: Project, options: Omit<PlanOptions, 'destroy'> & ApplyOptions = {}): Promise<ApplyResult> {
  return apply(await plan(project, { ...options, destroy: true }), options);
}
