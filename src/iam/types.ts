/** IAM policy documents, as AWS reads them. */

export type Condition = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Condition;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicyOptions {
  /** The region the state machine runs in; unknown regions become `*` in ARNs (with a warning). */
  region?: string;
  /** The account it runs in; as region. */
  account?: string;
  /** `aws` (default), `aws-cn`, `aws-us-gov`. */
  partition?: string;
  /**
   * The state machine's own name, for permissions on itself: a distributed Map starting child
   * executions, an HTTP Task's states:InvokeHTTPEndpoint. Unknown names become `*` (with a warning).
   */
  stateMachineName?: string;
}

export interface ExecutionRolePolicy {
  document: PolicyDocument;
  /** Where the policy is wider than it could be, and why: each names the state and field. */
  warnings: string[];
}

/** One permission a state needs: actions on resources, optionally under a condition. */
export interface Grant {
  actions: string[];
  resources: string[];
  condition?: Condition;
}
