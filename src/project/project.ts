/**
 * The project as one value: the config, every workflow compiled and validated with its execution
 * role's policy and the ARN it will have, every schedule and rule with the exact API inputs that
 * create it, the slot starter when an idempotent schedule needs it, and every problem found,
 * located. `stepwright build` writes this value to out/; deploy, CloudFormation, the Airflow
 * descriptors and the local endpoint read the same value.
 */
import { join, relative, resolve } from 'node:path';
import type { StateMachineDefinition, StateMachineType } from '../model/asl.js';
import { isStepwrightError, sortProblems, StepwrightError, type Location, type Problem } from '../model/errors.js';
import { summarize, type DefinitionSummary } from '../model/summary.js';
import { buildDefinition } from '../compile/build.js';
import { toAslJson } from '../compile/compile.js';
import type { Workflow } from '../dsl/workflow.js';
import { executionRolePolicy, type PolicyDocument } from '../iam/index.js';
import { checkRequests } from '../integrations/request-check.js';
import { validateDefinition } from '../validate/index.js';
import {
  resolverFor,
  SLOT_STARTER_WORKFLOW,
  slotStarterDefinition,
  startsThroughSlotStarter,
  toCreateScheduleInput,
  toPutRuleInput,
  toPutTargetsInput,
  type CreateScheduleInput,
  type PutRuleInput,
  type PutTargetsInput,
  type Resolver,
  type RuleSpec,
  type ScheduleSpec,
} from '../schedules/index.js';
import { loadConfig, requireAccount, type ProjectConfig } from './config.js';
import { deployedNames, deployedResolver } from './deployed.js';
import { findWorkflowFiles, loadWorkflows } from './load.js';
import { findScheduleFiles, loadProjectSchedules } from './schedules.js';

export interface WorkflowArtifact {
  readonly name: string;
  /** The module it came from, as the user types it; the slot starter has none. */
  readonly file?: string;
  /** The DSL value; absent for the generated slot starter. */
  readonly workflow?: Workflow;
  /** Compiled and validated ASL, and its exact file text (deterministic). */
  readonly definition: StateMachineDefinition;
  readonly asl: string;
  readonly type: StateMachineType;
  readonly tags: Readonly<Record<string, string>>;
  readonly summary: DefinitionSummary;
  /** The execution role's least-privilege policy, and what could not be narrowed. */
  readonly policy: PolicyDocument;
  readonly policyWarnings: readonly string[];
  /** The state machine's ARN, when the config names the account and region. */
  readonly arn?: string;
}

export interface ScheduleArtifact {
  readonly name: string;
  readonly file: string;
  readonly spec: ScheduleSpec;
  /**
   * Scheduler's CreateSchedule input (dates as Date, as the SDK takes them), as deployed: in its
   * group (the project's when it names none), starting the workflow's alias, as a role under the
   * role path deploy manages (see deployed.ts).
   */
  readonly input: CreateScheduleInput & { GroupName: string };
}

export interface RuleArtifact {
  readonly name: string;
  readonly file: string;
  readonly spec: RuleSpec;
  readonly putRule: PutRuleInput;
  /** PutTargets' input as deployed: workflows through their alias, roles under the role path deploy manages. */
  readonly putTargets: PutTargetsInput;
}

export interface Project {
  /** The folder the project lives in (absolute). */
  readonly root: string;
  readonly config: ProjectConfig;
  /** Sorted by name; the slot starter, when needed, is among them. */
  readonly workflows: readonly WorkflowArtifact[];
  readonly schedules: readonly ScheduleArtifact[];
  readonly rules: readonly RuleArtifact[];
  /** Everything wrong, located and in reading order; nothing should be written or deployed unless it is empty. */
  readonly problems: readonly Problem[];
  /** What is right but worth saying (a policy that had to use a wildcard). */
  readonly warnings: readonly Problem[];
}

export interface LoadProjectOptions {
  /** The project folder (default: the working directory). */
  root?: string;
  /** Only these workflow modules, and no schedules or rules (default: every module in the workflows folder). */
  files?: string[];
}

/** Loads the project in `root`. User errors become `problems`; only a bug in stepwright throws. */
export async function loadProject(options: LoadProjectOptions = {}): Promise<Project> {
  const root = resolve(options.root ?? '.');
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const config = attempt(() => loadConfig(root), problems) ?? fallbackConfig(root);
  const resolver = attempt(() => resolverFor(requireAccount(config, 'naming the state machines')), []);

  const files = options.files ?? findWorkflowFiles(join(root, config.workflows)).map((f) => relative(process.cwd(), f));
  if (files.length === 0) {
    problems.push({ file: `${relative(process.cwd(), join(root, config.workflows)) || '.'}/`, message: 'no workflow modules found', fix: `create ${config.workflows}/<name>.ts exporting workflow(...), or name the files to build` });
  }
  const beforeLoading = problems.length;
  const loaded = (await attemptAsync(() => loadWorkflows(files, root), problems)) ?? [];
  // Every module loaded (their workflows may still have problems): the list of names is complete.
  const allLoaded = problems.length === beforeLoading;

  const workflows: WorkflowArtifact[] = [];
  for (const { workflow, file } of loaded) {
    const definition = attempt(() => buildDefinition(workflow, file), problems);
    if (!definition) continue;
    // What the types catch, for JavaScript users and hand-written requests too: each request against the service's shape.
    const requestProblems = checkRequests(definition, { file, workflow: workflow.name });
    if (requestProblems.length > 0) {
      problems.push(...requestProblems);
      continue;
    }
    const artifact = workflowArtifact(workflow.name, definition, config, resolver, { file, workflow, type: workflow.options.type, tags: workflow.options.tags });
    warnings.push(...artifact.policyWarnings.map((message) => ({ file, workflow: workflow.name, message })));
    workflows.push(artifact);
  }

  const schedules: ScheduleArtifact[] = [];
  const rules: RuleArtifact[] = [];
  if (options.files === undefined) {
    // Targets are checked against the workflows only when every module loaded (else the list is short).
    const workflowNames = allLoaded ? new Set(loaded.map((l) => l.workflow.name)) : undefined;
    const scheduleFiles = findScheduleFiles(join(root, config.schedules)).map((f) => relative(process.cwd(), f));
    // Named as deployed, so what build writes is what deploy creates. A schedule that names no group
    // is deployed in the project's: two of one name there would be one schedule.
    const names = deployedNames(config);
    const specs = attempt(() => loadProjectSchedules(scheduleFiles, workflowNames, names.scheduleGroup), problems);
    if (specs && (specs.schedules.length > 0 || specs.rules.length > 0)) {
      const account = attempt(() => requireAccount(config, 'naming the state machines schedules and rules start'), problems);
      if (account) {
        const resolve = deployedResolver(account, names);
        for (const s of specs.schedules) {
          const group = s.group ?? names.scheduleGroup;
          const input = attempt(() => toCreateScheduleInput({ ...s, group }, resolve), problems, { file: s.file, schedule: s.name });
          if (input) schedules.push({ name: s.name, file: s.file, spec: s, input: { ...input, GroupName: group } });
        }
        for (const r of specs.rules) {
          const inputs = attempt(() => ({ putRule: toPutRuleInput(r), putTargets: toPutTargetsInput(r, resolve) }), problems, { file: r.file, rule: r.name });
          if (inputs) rules.push({ name: r.name, file: r.file, spec: r, ...inputs });
        }
        // Idempotent cron/rate schedules start their workflow through the slot starter; it ships too.
        if (specs.schedules.some(startsThroughSlotStarter)) {
          const starter = slotStarterDefinition() as unknown as StateMachineDefinition;
          problems.push(...validateDefinition(starter).map((p) => ({ workflow: SLOT_STARTER_WORKFLOW, ...p })));
          workflows.push(workflowArtifact(SLOT_STARTER_WORKFLOW, starter, config, resolver, {}));
        }
      }
    }
  }

  workflows.sort((a, b) => a.name.localeCompare(b.name));
  return deepFreeze({ root, config, workflows, schedules, rules, problems: sortProblems(problems), warnings });
}

/** Throws a StepwrightError listing the project's problems, if it has any. */
export function assertNoProblems(project: Project): void {
  if (project.problems.length > 0) throw new StepwrightError([...project.problems]);
}

function workflowArtifact(
  name: string,
  definition: StateMachineDefinition,
  config: ProjectConfig,
  resolver: Resolver | undefined,
  from: { file?: string; workflow?: Workflow; type?: StateMachineType; tags?: Record<string, string> },
): WorkflowArtifact {
  const policy = executionRolePolicy(definition, { region: config.region, account: config.account, partition: config.partition, stateMachineName: name });
  const arn = resolver && typeof resolver !== 'function' ? resolver.workflowArn(name) : undefined;
  return {
    name,
    ...(from.file !== undefined ? { file: from.file } : {}),
    ...(from.workflow ? { workflow: from.workflow } : {}),
    definition,
    asl: toAslJson(definition),
    type: from.type ?? 'STANDARD',
    tags: { ...from.tags },
    summary: summarize(definition),
    policy: policy.document,
    policyWarnings: policy.warnings,
    ...(arn !== undefined ? { arn } : {}),
  };
}

/** The value of `run`, or undefined with its user errors (located where they lack a location) added to `problems`. */
function attempt<T>(run: () => T, problems: Problem[], location: Location = {}): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!isStepwrightError(error)) throw error;
    problems.push(...error.at(location).problems);
    return undefined;
  }
}

async function attemptAsync<T>(run: () => Promise<T>, problems: Problem[]): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (!isStepwrightError(error)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

/** A config that could not be read still lets the rest be checked (its own problems are reported). */
function fallbackConfig(root: string): ProjectConfig {
  return { name: root.split('/').pop() ?? 'project', partition: 'aws', workflows: 'workflows', schedules: 'schedules' };
}

/** The project value is shared by every command that reads it; freezing it keeps any of them from changing it for the others. */
function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value) || Object.isFrozen(value)) return value;
  seen.add(value);
  // The DSL workflow is the user's own object: it is referenced, not ours to freeze.
  for (const [key, child] of Object.entries(value)) if (key !== 'workflow') deepFreeze(child, seen);
  return Object.freeze(value);
}
