/**
 * What planning and applying share: the clients, the settings, a bound on calls in flight, and the
 * plan being built (changes, the steps that make them, conflicts). Every AWS call goes through
 * `call`, which turns AWS's errors into problems naming the resource.
 */
import type { Location, Problem } from '../model/errors.js';
import { awsProblem, isError, type AwsClients } from './aws.js';
import { ownerOf, type DeploySettings } from './settings.js';

export type ResourceType = 'role' | 'state-machine' | 'version' | 'alias' | 'schedule-group' | 'schedule' | 'rule';
export type Action = 'create' | 'update' | 'delete';

/** One resource that would change, as `plan --json` prints it. */
export interface Change {
  action: Action;
  type: ResourceType;
  name: string;
  /** What differs, or what it will become, for people (not in --json). */
  detail?: string;
}

/**
 * The order writes happen in: roles before the machines that use them, machines and their versions
 * before the aliases, aliases before the schedules and rules that start them. Deletions run after
 * every create and update, in the reverse order, so nothing ever points at what does not exist.
 */
export const PHASES = [
  'roles',
  'state machines and versions',
  'aliases',
  'schedule groups',
  'schedules',
  'rules',
  'rules (deleted)',
  'schedules (deleted)',
  'schedule groups (deleted)',
  'state machines (deleted)',
  'roles (deleted)',
] as const;
export type Phase = (typeof PHASES)[number];

export interface Step {
  phase: Phase;
  /** The changes this step makes (one call may create a state machine and its first version). */
  changes: Change[];
  where: Location;
  /** Makes the changes; returns what to say about them (e.g. "version 4"). */
  run(): Promise<string | void>;
}

/** At most `n` promises from `limit(...)` run at once; the rest wait their turn. */
export function limiter(n: number): <T>(run: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(run: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await run();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

/** Reads in flight at once: enough to hide latency, few enough not to be throttled. */
const CONCURRENT_CALLS = 8;

export class Session {
  readonly steps: Step[] = [];
  readonly conflicts: Problem[] = [];
  readonly warnings: Problem[] = [];
  private readonly limit = limiter(CONCURRENT_CALLS);

  constructor(
    readonly clients: AwsClients,
    readonly settings: DeploySettings,
  ) {}

  /**
   * One AWS call. An error named in `expected` (e.g. a not-found) gives undefined; any other AWS
   * error becomes a problem located at `where`.
   */
  async call<T>(where: Location, operation: string, run: () => Promise<T>, ...expected: string[]): Promise<T | undefined> {
    try {
      return await this.limit(run);
    } catch (error) {
      if (expected.length > 0 && isError(error, ...expected)) return undefined;
      if (isAwsOrNetworkError(error)) throw awsProblem(error, where, operation);
      throw error;
    }
  }

  /** As `call`, for calls that must answer. */
  async must<T>(where: Location, operation: string, run: () => Promise<T>): Promise<T> {
    return (await this.call(where, operation, run)) as T;
  }

  step(step: Step): void {
    this.steps.push(step);
  }
}

/** Errors from AWS (they carry `$metadata`) or from the network and the credential chain; not our own bugs. */
function isAwsOrNetworkError(error: unknown): boolean {
  const e = error as { $metadata?: unknown; code?: unknown; name?: unknown };
  return e !== null && typeof e === 'object' && (e.$metadata !== undefined || typeof e.code === 'string' || e.name === 'CredentialsProviderError' || e.name === 'TimeoutError');
}

/** An existing resource with the project's name that is not the project's: reported, never overwritten. */
export function conflict(where: Location, what: string, tags: Record<string, string> | undefined, session: Session): Problem {
  const { account, region, project } = session.settings;
  return {
    ...where,
    message: `${what} already exists in account ${account} (${region}), and ${ownerOf(tags)}; stepwright never changes what it does not own`,
    fix: `rename it in the project, delete the existing one, or, to let this project manage it, tag it stepwright:project=${project}`,
  };
}
