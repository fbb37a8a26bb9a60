/** stepwright/iam: least-privilege IAM for state machine execution roles, derived from the ASL definition. */
export { executionRolePolicy } from './policy.js';
export type { ExecutionRolePolicy, PolicyDocument, PolicyOptions, PolicyStatement, Condition } from './types.js';
