/** Step Functions ARNs: state machines, their versions and aliases, executions. */
export interface Scope {
  partition: string;
  region: string;
  account: string;
}

export interface ParsedArn {
  /** `stateMachine`, `execution`, `express`, `activity`, ... */
  resourceType: string;
  /** The parts after the resource type: `[machine]`, `[machine, qualifier]`, `[machine, execution]`. */
  parts: string[];
  region: string;
  account: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const fields = arn.split(':');
  if (fields.length < 7 || fields[0] !== 'arn' || fields[2] !== 'states') return undefined;
  const [, , , region, account, resourceType, ...parts] = fields;
  if (!resourceType || parts.some((p) => p === '')) return undefined;
  return { resourceType, parts, region: region!, account: account! };
}

export const stateMachineArn = (scope: Scope, name: string) => `arn:${scope.partition}:states:${scope.region}:${scope.account}:stateMachine:${name}`;

export const executionArn = (scope: Scope, machine: string, name: string, express: string | undefined) =>
  express === undefined
    ? `arn:${scope.partition}:states:${scope.region}:${scope.account}:execution:${machine}:${name}`
    : `arn:${scope.partition}:states:${scope.region}:${scope.account}:express:${machine}:${name}:${express}`;
