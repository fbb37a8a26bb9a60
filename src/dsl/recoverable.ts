/**
 * Retry and Catch, shared by Task, Parallel and Map: the states that can fail and recover.
 */
import type { Catcher, Retrier } from '../model/asl.js';
import { NextableState, type RenderContext, type Target } from './state.js';
import { toRetrier, type RetryOptions } from './retry.js';
import { DURATION_FIX } from './duration.js';

export interface CatchOptions {
  /** Error names to catch; defaults to `States.ALL`. */
  errors?: string[];
  /** JSONPath: where the error output goes in the input (`'$.error'`); default replaces the input. */
  resultPath?: string | null;
  /** JSONata: the handler's input, e.g. `errorOutput()` or `{ error: errorOutput('Error') }`. */
  output?: unknown;
  /** Variables set when this catcher is taken. */
  assign?: Record<string, unknown>;
  comment?: string;
}

interface CatchEntry {
  handler: Target;
  options: CatchOptions;
}

export abstract class RecoverableState extends NextableState {
  private readonly retriers: RetryOptions[] = [];
  private readonly catchers: CatchEntry[] = [];

  /** Retry this state on errors; call again to add retriers, matched in order. */
  retry(options: RetryOptions = {}): this {
    this.retriers.push(options);
    return this;
  }

  /** On an error, continue with `handler` (a state, a chain, or a state's name). Matched in order. */
  catch(handler: Target, options: CatchOptions = {}): this {
    this.catchers.push({ handler, options });
    return this;
  }

  protected renderRecovery(ctx: RenderContext): { Retry?: Retrier[]; Catch?: Catcher[] } {
    const out: { Retry?: Retrier[]; Catch?: Catcher[] } = {};
    if (this.retriers.length > 0) {
      out.Retry = this.retriers.map((options, i) => {
        try {
          return toRetrier(options);
        } catch (error) {
          ctx.problem(`Retry[${i}]`, (error as Error).message, DURATION_FIX);
          return { ErrorEquals: options.errors ?? ['States.ALL'] };
        }
      });
    }
    if (this.catchers.length > 0) {
      out.Catch = this.catchers.map(({ handler, options }, i) => {
        const field = `Catch[${i}]`;
        const catcher: Catcher = { ErrorEquals: options.errors ?? ['States.ALL'] } as Catcher;
        if (options.comment !== undefined) catcher.Comment = options.comment;
        if (options.resultPath !== undefined) catcher.ResultPath = options.resultPath;
        if (options.output !== undefined) catcher.Output = ctx.payload(options.output, `${field}.Output`);
        if (options.assign !== undefined) catcher.Assign = ctx.payload(options.assign, `${field}.Assign`) as Catcher['Assign'];
        catcher.Next = ctx.target(handler, `${field}.Next`);
        return catcher;
      });
    }
    return out;
  }
}
