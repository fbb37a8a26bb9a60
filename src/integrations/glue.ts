/** AWS Glue: ETL job runs (`.sync`) and crawlers (polled until READY, since StartCrawler has no `.sync`). */
import { StepwrightError } from '../errors.js';
import { toSeconds, type Duration } from '../dsl/duration.js';
import { expr } from '../dsl/expressions.js';
import { Chain, type Target } from '../dsl/state.js';
import type { CatchOptions } from '../dsl/recoverable.js';
import type { RetryOptions } from '../dsl/retry.js';
import { choice } from '../dsl/states/choice.js';
import { pass } from '../dsl/states/pass.js';
import { task, type Task } from '../dsl/states/task.js';
import { fail } from '../dsl/states/terminal.js';
import { wait } from '../dsl/states/wait.js';
import { derivedName, integrationTask, sdkResource, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';

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
  /** Wait for the run to finish (`.sync`, default) or return once started. */
  pattern?: 'sync' | 'requestResponse';
  /** Job bookmarks: process only new data since the last successful run. */
  jobBookmark?: 'enable' | 'disable' | 'pause';
}

export interface StartCrawlerOptions {
  /** The state names are derived from this prefix (default: `Crawl <crawler>`). */
  name?: string;
  /** Time between polls of GetCrawler. */
  pollEvery?: Duration;
  /** Give up after this many polls, failing with `Glue.CrawlerTimeout`. */
  maxPolls?: number;
  /** Retry the StartCrawler and GetCrawler calls (e.g. `retries.throttling()`). */
  retry?: RetryOptions;
  /** Where to go when a call fails: a state or chain, or `{ handler, ...CatchOptions }`. */
  catch?: Target | ({ handler: Target } & CatchOptions);
}

export const glue = {
  /** Run a Glue ETL job; with `.sync` the state ends when the run does (FAILED/TIMEOUT/STOPPED fail the state). */
  startJobRun(...args: NamedArgs<StartJobRunRequest, StartJobRunOptions>): Task {
    return integrationTask(args, (r) => derivedName('StartJobRun', r.JobName), (request, options) => {
      const bookmark = options.jobBookmark && { '--job-bookmark-option': `job-bookmark-${options.jobBookmark}` };
      const Arguments = bookmark || request.Arguments ? { ...request.Arguments, ...bookmark } : undefined;
      return {
        resource: serviceResource('glue', 'startJobRun', options.pattern ?? 'sync'),
        request: { ...request, ...(Arguments ? { Arguments } : {}) },
      };
    });
  },

  /**
   * Start a crawler and poll GetCrawler until it is READY again. Returns a chain:
   * StartCrawler → Wait → GetCrawler → Choice (READY → done; polls exhausted → Fail; else → Wait).
   * The loop's states use JSONata (allowed in any machine) and keep the input unchanged.
   */
  startCrawler(crawlerName: string, options: StartCrawlerOptions = {}): Chain {
    const prefix = options.name ?? `Crawl ${crawlerName}`;
    const maxPolls = options.maxPolls ?? 60;
    let seconds: number;
    try {
      seconds = toSeconds(options.pollEvery ?? '30s');
    } catch (error) {
      throw new StepwrightError({ state: prefix, field: 'pollEvery', message: (error as Error).message });
    }
    // The poll count lives in a variable named after the loop, so two crawler loops never share one.
    const counter = `polls_${prefix.replace(/[^A-Za-z0-9_]/g, '_')}`;
    const jsonata = { queryLanguage: 'JSONata' as const };
    const start = task(`${prefix}: start`, {
      ...jsonata,
      resource: sdkResource('glue', 'startCrawler'),
      arguments: { Name: crawlerName },
      output: expr('$states.input'),
      assign: { [counter]: 0 },
    });
    const pause = wait(`${prefix}: wait`, { ...jsonata, seconds });
    const poll = task(`${prefix}: get state`, {
      ...jsonata,
      resource: sdkResource('glue', 'getCrawler'),
      arguments: { Name: crawlerName },
      output: expr('$states.input'),
      assign: { [counter]: expr(`$${counter} + 1`), [`${counter}_state`]: expr('$states.result.Crawler.State') },
    });
    const done = pass(`${prefix}: ready`, jsonata);
    const check = choice(`${prefix}: ready?`, jsonata)
      .when(expr(`$${counter}_state = 'READY'`), done)
      .when(
        expr(`$${counter} >= ${maxPolls}`),
        fail(`${prefix}: timed out`, {
          ...jsonata,
          error: 'Glue.CrawlerTimeout',
          cause: `crawler ${crawlerName} was not READY after ${maxPolls} polls`,
        }),
      )
      .otherwise(pause);
    for (const call of [start, poll]) {
      if (options.retry) call.retry(options.retry);
      if (options.catch !== undefined) {
        const { handler, ...catchOptions } = typeof options.catch === 'object' && 'handler' in options.catch ? options.catch : { handler: options.catch };
        call.catch(handler, catchOptions);
      }
    }
    start.next(pause).next(poll).next(check);
    return new Chain(start, done.endStates);
  },
};
