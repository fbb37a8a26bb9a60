/**
 * What a rule sees of one Task state: its service call, request fields, and an ARN builder that
 * fills region and account from the options, using `*` (and saying so) where they are unknown.
 */
import type { JsonValue } from '../model/asl.js';
import { readField, readItems } from './request.js';
import type { Grant, PolicyOptions } from './types.js';

import type { IntegrationPattern } from '../model/resource.js';

export type Pattern = IntegrationPattern;

export interface ArnParts {
  /** Defaults to the options' region; `''` for global services (IAM, S3). */
  region?: string;
  account?: string;
}

export class Scope {
  readonly warnings = new Set<string>();
  private readonly used = { region: false, account: false };
  /** Static values seen per `service:action:field`, so a loop's describe call can follow its start call. */
  readonly started = new Map<string, Set<string>>();

  constructor(readonly options: PolicyOptions) {}

  get partition(): string {
    return this.options.partition ?? 'aws';
  }

  arn(service: string, resource: string, parts: ArnParts = {}): string {
    const region = parts.region ?? this.options.region ?? this.unknown('region');
    const account = parts.account ?? this.options.account ?? this.unknown('account');
    return `arn:${this.partition}:${service}:${region}:${account}:${resource}`;
  }

  /** The state machine's own ARN (for distributed Map and HTTP Task). */
  stateMachine(state: string, suffix = ''): { machine: string; executions: string } {
    let name = this.options.stateMachineName;
    if (name === undefined) {
      name = '*';
      this.warn(state, 'needs permissions on the state machine itself, whose name is not known; the policy allows any state machine (pass { stateMachineName })');
    }
    return { machine: this.arn('states', `stateMachine:${name}${suffix}`), executions: this.arn('states', `execution:${name}/*`) };
  }

  warn(state: string | undefined, message: string): void {
    this.warnings.add(state === undefined ? message : `state "${state}": ${message}`);
  }

  private unknown(part: 'region' | 'account'): string {
    if (!this.used[part]) {
      this.used[part] = true;
      this.warn(undefined, `no ${part} given: ARNs use * for the ${part} (pass { ${part} })`);
    }
    return '*';
  }
}

/** One Task state's service call, as a rule sees it. */
export class Call {
  constructor(
    readonly state: string,
    readonly service: string,
    readonly action: string,
    readonly pattern: Pattern,
    readonly request: JsonValue | undefined,
    readonly scope: Scope,
  ) {}

  arn(service: string, resource: string, parts?: ArnParts): string {
    return this.scope.arn(service, resource, parts);
  }

  warn(message: string): void {
    this.scope.warn(this.state, message);
  }

  /** A field's literal value; absent → undefined; dynamic → undefined, noting nothing. */
  literal(path: string): string | undefined {
    const field = readField(this.request, path);
    return field.kind === 'static' && (typeof field.value === 'string' || typeof field.value === 'number') ? String(field.value) : undefined;
  }

  isDynamic(path: string): boolean {
    return readField(this.request, path).kind === 'dynamic';
  }

  /**
   * A resource name for an ARN: the literal, or `*` with a warning when set at run time (or
   * `fallback` when absent, e.g. Athena's `primary` work group).
   */
  name(path: string, fallback?: string): string {
    const field = readField(this.request, path);
    if (field.kind === 'static' && (typeof field.value === 'string' || typeof field.value === 'number')) return String(field.value);
    if (field.kind === 'absent' && fallback !== undefined) return fallback;
    this.warn(`${path} is ${field.kind === 'absent' ? 'missing' : 'set at run time'}, so the policy allows any (*) in its place`);
    return '*';
  }

  items(path: string): JsonValue[] | 'dynamic' | undefined {
    return readItems(this.request, path);
  }

  /** iam:PassRole on the role in `path`, only to `service` (the iam:PassedToService condition). */
  passRole(path: string, service: string | undefined): Grant[] {
    const field = readField(this.request, path);
    if (field.kind === 'absent') return [];
    let role = field.kind === 'static' && typeof field.value === 'string' ? field.value : undefined;
    if (role === undefined) {
      this.warn(`${path} is set at run time, so iam:PassRole allows any role in the account`);
      role = this.arn('iam', 'role/*', { region: '' });
    }
    return [passRoleGrant(role, service)];
  }
}

export function passRoleGrant(role: string, service: string | undefined): Grant {
  return {
    actions: ['iam:PassRole'],
    resources: [role],
    ...(service ? { condition: { StringEquals: { 'iam:PassedToService': service } } } : {}),
  };
}

/** The EventBridge managed rule a `.sync` integration listens on. */
export function syncRule(call: Call, rule: string): Grant {
  return { actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], resources: [call.arn('events', `rule/${rule}`)] };
}

/** Actions granted on `*` because nothing narrower works (or AWS's template says so); said once each. */
export function accountWide(call: Call, actions: string[], why = 'supports no resource-level permissions'): Grant {
  for (const action of actions) call.scope.warn(undefined, `${action} ${why}; it is granted on *`);
  return { actions, resources: ['*'] };
}
