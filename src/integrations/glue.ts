/**
 * AWS Glue: ETL job runs (`.sync`), crawlers and Data Quality evaluation runs (both polled, since
 * neither has `.sync`).
 */
import { StepwrightError } from '../model/errors.js';
import { expr, isRef } from '../dsl/expressions.js';
import type { Chain } from '../dsl/state.js';
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, sdkResource, serviceResource, type IntegrationOptions, type JsonataRequest, type NamedArgs } from './integration.js';
import { pollUntil, type PollOptions } from './poll.js';
import { retryPreset } from './retry-presets.js';

export interface StartJobRunRequest {
  JobName: string;
  /** Job arguments, `--key: value`. */
  Arguments?: Record<string, unknown>;
  JobRunId?: string;
  AllocatedCapacity?: number;
  Timeout?: number;
  SecurityConfiguration?: string;
  NotificationProperty?: { NotifyDelayAfter?: number };
  WorkerType?: 'Standard' | 'G.1X' | 'G.2X' | 'G.4X' | 'G.8X' | 'G.025X' | 'Z.2X';
  NumberOfWorkers?: number;
  ExecutionClass?: 'FLEX' | 'STANDARD';
  MaxCapacity?: number;
}

export interface StartJobRunOptions extends IntegrationOptions {
  /** Wait for the run to finish (`.sync`, default), return once started, or wait for a task token. */
  pattern?: 'sync' | 'requestResponse' | 'waitForTaskToken';
  /** Job bookmarks: process only new data since the last successful run. */
  jobBookmark?: 'enable' | 'disable' | 'pause';
}

/** Options of the crawler loop (`pollEvery` 30s and `maxPolls` 60 by default). */
export type StartCrawlerOptions = PollOptions;

export interface StartDataQualityRunRequest {
  DataSource: { GlueTable: { DatabaseName: string; TableName: string; CatalogId?: string; ConnectionName?: string; AdditionalOptions?: Record<string, string> } };
  /** The role Glue Data Quality runs as (passed to Glue). */
  Role: string;
  RulesetNames: string[];
  NumberOfWorkers?: number;
  /** Minutes. */
  Timeout?: number;
  ClientToken?: string;
  AdditionalRunOptions?: { CloudWatchMetricsEnabled?: boolean; ResultsS3Prefix?: string; CompositeRuleEvaluationMethod?: 'COLUMN' | 'ROW' };
  AdditionalDataSources?: Record<string, unknown>;
}

/** Job arguments with the bookmark option added: merged into literal arguments, or with $merge into a JSONata expression. */
function withBookmark(args: unknown, bookmark: StartJobRunOptions['jobBookmark']): unknown {
  if (!bookmark) return args;
  const option = { '--job-bookmark-option': `job-bookmark-${bookmark}` };
  if (args === undefined) return option;
  if (typeof args === 'string' && args.startsWith('{%')) return expr(`$merge([${args.slice(2, -2).trim()}, ${JSON.stringify(option)}])`);
  if (typeof args === 'object' && args !== null && !isRef(args) && !Array.isArray(args)) return { ...args, ...option };
  throw new StepwrightError({
    field: 'Arguments',
    message: 'jobBookmark cannot be added to Arguments given as a JSONPath reference',
    fix: "put '--job-bookmark-option' in the referenced object, or give Arguments as an object",
  });
}

export const glue = {
  /** Run a Glue ETL job; with `.sync` the state ends when the run does (FAILED/TIMEOUT/STOPPED fail the state). */
  startJobRun(...args: NamedArgs<StartJobRunRequest, StartJobRunOptions>): Task {
    return integrationTask(args, (r) => derivedName('StartJobRun', r.JobName), (request, options) => {
      const Arguments = withBookmark(request.Arguments, options.jobBookmark);
      return {
        resource: serviceResource('glue', 'startJobRun', options.pattern ?? 'sync'),
        request: { ...request, ...(Arguments ? { Arguments } : {}) },
      };
    });
  },

  /**
   * Start a crawler and poll GetCrawler until it is READY again. Returns a chain:
   * StartCrawler → Wait → GetCrawler → Choice (READY → done; last crawl FAILED/CANCELLED → Fail
   * `Glue.CrawlerFailed`; polls exhausted → Fail `Glue.CrawlerTimeout`; else → Wait).
   */
  startCrawler(crawlerName: string, options: StartCrawlerOptions = {}): Chain {
    const crawler = '$states.result.Crawler';
    return pollUntil({
      ...options,
      name: options.name ?? `Crawl ${crawlerName}`,
      start: { resource: sdkResource('glue', 'startCrawler'), arguments: { Name: crawlerName } },
      check: { resource: sdkResource('glue', 'getCrawler'), arguments: () => ({ Name: crawlerName }) },
      // A crawler returns to READY whether its crawl succeeded or not; the last crawl says which.
      status: `${crawler}.State = 'READY' and ${crawler}.LastCrawl.Status in ['FAILED', 'CANCELLED'] ? 'FAILED' : ${crawler}.State`,
      reason: `${crawler}.LastCrawl.ErrorMessage`,
      succeeded: ['READY'],
      failed: ['FAILED'],
      errors: { failed: 'Glue.CrawlerFailed', timeout: 'Glue.CrawlerTimeout' },
      timeoutCause: `crawler ${crawlerName} was not READY after ${options.maxPolls ?? 60} polls`,
      labels: { done: 'ready', check: 'ready?' },
    });
  },

  /**
   * Evaluate Data Quality rulesets against a catalog table: StartDataQualityRulesetEvaluationRun,
   * then GetDataQualityRulesetEvaluationRun until SUCCEEDED (FAILED/STOPPED/TIMEOUT → Fail
   * `Glue.DataQualityRunFailed`). SUCCEEDED means the rules were evaluated, not that they passed:
   * read the outcome with `glue:batchGetDataQualityResult` on the run's ResultIds.
   * Variables for `output`: `runId`.
   */
  startDataQualityRun(request: JsonataRequest<StartDataQualityRunRequest>, options: PollOptions = {}): Chain {
    const source = request.DataSource;
    const table = typeof source === 'object' && typeof source.GlueTable === 'object' ? source.GlueTable : undefined;
    return pollUntil({
      ...options,
      name: options.name ?? derivedName('Data quality', table && !`${table.DatabaseName}${table.TableName}`.includes('{%') ? `${table.DatabaseName}.${table.TableName}` : undefined),
      start: { resource: sdkResource('glue', 'startDataQualityRulesetEvaluationRun'), arguments: request, keep: { runId: '$states.result.RunId' } },
      check: { resource: sdkResource('glue', 'getDataQualityRulesetEvaluationRun'), arguments: (v) => ({ RunId: expr(v.runId!) }) },
      status: '$states.result.Status',
      reason: '$states.result.ErrorString',
      succeeded: ['SUCCEEDED'],
      failed: ['FAILED', 'STOPPED', 'TIMEOUT'],
      errors: { failed: 'Glue.DataQualityRunFailed', timeout: 'Glue.DataQualityRunTimeout' },
      timeoutCause: `the data quality run did not finish after ${options.maxPolls ?? 60} polls`,
    });
  },

  /** Retry presets for Glue calls, applied only when asked: `.retry(glue.retries.throttling())`. */
  retries: {
    /** Too many concurrent runs or requests: back off and try again. */
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['Glue.ConcurrentRunsExceededException', 'Glue.ThrottlingException', 'Glue.ResourceNumberLimitExceededException'], 'glue throttling', overrides),
    /** Glue's own transient failures. */
    transient: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['Glue.InternalServiceException', 'Glue.OperationTimeoutException'], 'glue transient errors', overrides, 'transient'),
  },
};
