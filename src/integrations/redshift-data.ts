/**
 * Amazon Redshift Data API: ExecuteStatement (COPY, UNLOAD, any SQL) or BatchExecuteStatement
 * (several statements, run as one transaction), then DescribeStatement until FINISHED
 * (FAILED/ABORTED → Fail `RedshiftData.StatementFailed` with the statement's Error). Variables for
 * `output`: `statementId` (read rows with `redshiftData.getStatementResult`, stop an overrunning
 * statement with `redshiftData.cancelStatement`).
 */
import { expr } from '../dsl/expressions.js';
import type { Chain } from '../dsl/state.js';
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, sdkResource, type JsonataRequest, type NamedArgs } from './integration.js';
import { pollUntil, type PollOptions } from './poll.js';
import { retryPreset } from './retry-presets.js';

export interface ExecuteStatementRequest {
  Sql: string;
  Database?: string;
  /** A provisioned cluster, or give WorkgroupName (Redshift Serverless). */
  ClusterIdentifier?: string;
  WorkgroupName?: string;
  /** Authenticate with a Secrets Manager secret, or with DbUser (temporary credentials). */
  SecretArn?: string;
  DbUser?: string;
  Parameters?: { name: string; value: string }[];
  StatementName?: string;
  WithEvent?: boolean;
  ClientToken?: string;
  SessionId?: string;
  SessionKeepAliveSeconds?: number;
  ResultFormat?: 'JSON' | 'CSV';
}

/**
 * BatchExecuteStatement: up to 40 statements that Redshift runs in order as one transaction (no
 * BEGIN/COMMIT needed): if one fails, none of them takes effect.
 */
export interface BatchExecuteStatementRequest extends Omit<ExecuteStatementRequest, 'Sql' | 'Parameters'> {
  Sqls: string[];
}

/** Start `action`, then DescribeStatement until it is FINISHED (a batch's Status is the whole batch's). */
function statementLoop(action: 'executeStatement' | 'batchExecuteStatement', request: unknown, name: string, options: PollOptions): Chain {
  return pollUntil({
    ...options,
    name,
    start: { resource: sdkResource('redshiftdata', action), arguments: request, keep: { statementId: '$states.result.Id' } },
    check: { resource: sdkResource('redshiftdata', 'describeStatement'), arguments: (v) => ({ Id: expr(v.statementId!) }) },
    status: '$states.result.Status',
    reason: '$states.result.Error',
    succeeded: ['FINISHED'],
    failed: ['FAILED', 'ABORTED'],
    errors: { failed: 'RedshiftData.StatementFailed', timeout: 'RedshiftData.StatementTimeout' },
    timeoutCause: `the statement did not finish after ${options.maxPolls ?? 60} polls`,
  });
}

export const redshiftData = {
  executeStatement(request: JsonataRequest<ExecuteStatementRequest>, options: PollOptions = {}): Chain {
    return statementLoop('executeStatement', request, options.name ?? derivedName('SQL', request.StatementName), options);
  },

  /**
   * BatchExecuteStatement, polled like `executeStatement`. The statements run as one transaction,
   * which makes a reload idempotent: `['CREATE TEMP TABLE stage (LIKE t)', 'COPY stage FROM ...',
   * 'DELETE FROM t WHERE day = ...', 'INSERT INTO t SELECT * FROM stage']` replaces the day whole
   * or not at all. DescribeStatement's SubStatements say which statement failed.
   */
  batchExecuteStatement(request: JsonataRequest<BatchExecuteStatementRequest>, options: PollOptions = {}): Chain {
    return statementLoop('batchExecuteStatement', request, options.name ?? derivedName('SQL batch', request.StatementName), options);
  },

  /** CancelStatement: stop a running statement (a batch's transaction rolls back). */
  cancelStatement(...args: NamedArgs<{ Id: string }>): Task {
    return integrationTask(args, () => 'CancelStatement', (request) => ({ resource: sdkResource('redshiftdata', 'cancelStatement'), request }));
  },

  /** GetStatementResult: the rows of a finished statement that returned a result set. */
  getStatementResult(...args: NamedArgs<{ Id: string; NextToken?: string }>): Task {
    return integrationTask(args, () => 'GetStatementResult', (request) => ({ resource: sdkResource('redshiftdata', 'getStatementResult'), request }));
  },

  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['RedshiftData.ActiveStatementsExceededException', 'RedshiftData.ThrottlingException'], 'redshift data throttling', overrides),
  },
};
