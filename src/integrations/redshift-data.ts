/**
 * Amazon Redshift Data API: ExecuteStatement (COPY, UNLOAD, any SQL), then DescribeStatement until
 * FINISHED (FAILED/ABORTED → Fail `RedshiftData.StatementFailed` with the statement's Error).
 * Variables for `output`: `statementId` (read rows with `redshiftData.getStatementResult`).
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

export const redshiftData = {
  executeStatement(request: JsonataRequest<ExecuteStatementRequest>, options: PollOptions = {}): Chain {
    return pollUntil({
      ...options,
      name: options.name ?? derivedName('SQL', request.StatementName),
      start: { resource: sdkResource('redshiftdata', 'executeStatement'), arguments: request, keep: { statementId: '$states.result.Id' } },
      check: { resource: sdkResource('redshiftdata', 'describeStatement'), arguments: (v) => ({ Id: expr(v.statementId!) }) },
      status: '$states.result.Status',
      reason: '$states.result.Error',
      succeeded: ['FINISHED'],
      failed: ['FAILED', 'ABORTED'],
      errors: { failed: 'RedshiftData.StatementFailed', timeout: 'RedshiftData.StatementTimeout' },
      timeoutCause: `the statement did not finish after ${options.maxPolls ?? 60} polls`,
    });
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
