/**
 * plan: what would change in the account, resource by resource, and the steps that make those
 * changes; apply: the steps, in order. Everything is read before anything is written, and nothing
 * is written when the credentials are for another account or any resource of the project's is
 * someone else's.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CONFIG_FILE, assertNoProblems, type Project } from '../project/index.js';
import { isStepwrightError, StepwrightError, type Problem } from '../model/errors.js';
import { awsClients, closeClients, type AwsClients, type AwsOptions } from './aws.js';
import { desiredState, emptyState, type DesiredState } from './desired.js';
import { planMachines } from './machines.js';
import { planRoles } from './roles.js';
import { planRules } from './rules.js';
import { planSchedules } from './schedules.js';
import { limiter, PHASES, Session, type Change, type Step } from './session.js';
import { deploySettings, type DeploySettings } from './settings.js';

export interface PlanOptions {
  aws?: AwsOptions;
  /** Plan the deletion of everything the project owns (what `destroy` does). */
  destroy?: boolean;
}

export interface Plan {
  settings: DeploySettings;
  /** Who the credentials are (STS GetCallerIdentity's Arn). */
  caller: string;
  /** Only real changes, in the order they would be made; empty when the account is in sync. */
  changes: Change[];
  /** The writes that make the changes, in order. */
  steps: Step[];
  warnings: Problem[];
  /** Closes the plan's connections (once; `apply` does it when it ends). */
  close(): void;
}

/** What the account needs to match the project. Reads only. */
export async function plan(project: Project, options: PlanOptions = {}): Promise<Plan> {
  assertNoProblems(project);
  const settings = deploySettings(project.config);
  const desired = options.destroy ? emptyState(settings) : desiredState(project, settings);
  const clients = awsClients(settings.region, options.aws);
  try {
    return await planWith(clients, desired);
  } catch (error) {
    closeClients(clients);
    throw error;
  }
}

async function planWith(clients: AwsClients, desired: DesiredState): Promise<Plan> {
  const settings = desired.settings;
  const caller = await checkAccount(clients, settings);
  const session = new Session(clients, settings);
  await Promise.all([planRoles(session, desired), planMachines(session, desired), planSchedules(session, desired), planRules(session, desired)]);
  if (session.conflicts.length > 0) throw new StepwrightError(session.conflicts);
  const steps = orderSteps(session.steps);
  let open = true;
  const close = () => {
    if (open) closeClients(clients);
    open = false;
  };
  return { settings, caller, changes: steps.flatMap((s) => s.changes), steps, warnings: [...desired.warnings, ...session.warnings], close };
}

/** The credentials must be for the config's account: a deploy to the wrong account is stopped before it reads further. */
export async function checkAccount(clients: AwsClients, settings: DeploySettings): Promise<string> {
  const session = new Session(clients, settings);
  const identity = await session.must({ file: CONFIG_FILE, field: 'account' }, 'GetCallerIdentity', () => clients.sts.send(new GetCallerIdentityCommand({})));
  if (identity.Account !== settings.account) {
    throw new StepwrightError({
      file: CONFIG_FILE,
      field: 'account',
      message: `the AWS credentials are for account ${identity.Account} (${identity.Arn}), but the project deploys to ${settings.account}; nothing was changed`,
      fix: `use credentials for account ${settings.account} (AWS_PROFILE, or the CI role), or correct "account" in ${CONFIG_FILE}`,
    });
  }
  return identity.Arn ?? identity.Account;
}

const TYPE_ORDER = ['role', 'state-machine', 'version', 'alias', 'schedule-group', 'schedule', 'rule'];

/** Steps by phase; within a phase by resource, so the same plan always reads the same. */
function orderSteps(steps: Step[]): Step[] {
  const key = (s: Step) => s.changes[0]!;
  return [...steps].sort(
    (a, b) =>
      PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) ||
      TYPE_ORDER.indexOf(key(a).type) - TYPE_ORDER.indexOf(key(b).type) ||
      key(a).name.localeCompare(key(b).name),
  );
}

export interface StepEvent {
  step: Step;
  /** What the step said about itself ("version 4"). */
  note?: string;
  ms: number;
}

export interface ApplyOptions {
  /** Called as each step finishes, in the order they finish. */
  onStep?(event: StepEvent): void;
}

export interface ApplyResult {
  changes: Change[];
  ms: number;
}

/** Steps of one phase that may run at once (AWS throttles bursts of writes, IAM's especially). */
const CONCURRENT_STEPS = 4;

/**
 * Makes the plan's changes, phase by phase. A failure stops at the end of its phase with the
 * problem; what was done stays done, and the next deploy carries on from there.
 */
export async function apply(plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const started = Date.now();
  try {
    for (const phase of PHASES) {
      const steps = plan.steps.filter((s) => s.phase === phase);
      const limit = limiter(CONCURRENT_STEPS);
      const results = await Promise.allSettled(
        steps.map((step) =>
          limit(async () => {
            const t = Date.now();
            const note = (await step.run()) ?? undefined;
            options.onStep?.({ step, ...(note ? { note } : {}), ms: Date.now() - t });
          }),
        ),
      );
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      if (failures.length > 0) {
        const bug = failures.find((f) => !isStepwrightError(f));
        if (bug !== undefined) throw bug;
        const problems = failures.flatMap((f) => (f as StepwrightError).problems);
        throw new StepwrightError(problems);
      }
    }
  } finally {
    plan.close();
  }
  return { changes: plan.changes, ms: Date.now() - started };
}
