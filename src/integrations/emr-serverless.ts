/** Amazon EMR Serverless StartJobRun (optimised integration; `.sync` waits for SUCCESS, FAILED/CANCELLED fail the state). */
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';
import { retryPreset } from './retry-presets.js';

export interface EmrServerlessStartJobRunRequest {
  ApplicationId: string;
  /** The job runtime role, passed to EMR Serverless. */
  ExecutionRoleArn: string;
  JobDriver: {
    SparkSubmit?: { EntryPoint: string; EntryPointArguments?: string[]; SparkSubmitParameters?: string };
    Hive?: { Query: string; InitQueryFile?: string; Parameters?: string };
  };
  ConfigurationOverrides?: {
    ApplicationConfiguration?: { Classification: string; Properties?: Record<string, string>; Configurations?: unknown[] }[];
    MonitoringConfiguration?: Record<string, unknown>;
  };
  Name?: string;
  Tags?: Record<string, string>;
  ExecutionTimeoutMinutes?: number;
  ClientToken?: string;
  Mode?: 'BATCH' | 'STREAMING';
}

export const emrServerless = {
  startJobRun(...args: NamedArgs<EmrServerlessStartJobRunRequest, IntegrationOptions & { pattern?: 'sync' | 'requestResponse' }>): Task {
    return integrationTask(args, (r) => derivedName('Spark', r.Name), (request, options) => ({
      resource: serviceResource('emr-serverless', 'startJobRun', options.pattern ?? 'sync'),
      request,
    }));
  },
  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['EmrServerless.ThrottlingException', 'EmrServerless.ServiceQuotaExceededException'], 'emr serverless throttling', overrides),
  },
};
