import type { WaitState } from '../../model/asl.js';
import { compact, NextableState, type RenderContext, type StateProps } from '../state.js';
import { renderInputPath, renderOutput, type OutputProps } from '../data-flow.js';
import type { JsonataExpression } from '../expressions.js';
import { renderSeconds, type Seconds } from './timing.js';

export type WaitProps = StateProps &
  OutputProps &
  (
    | { /** How long: a duration, a JSONata expression, or `{ path }` (SecondsPath). */ seconds: Seconds; timestamp?: never }
    | { /** Until when: an ISO-8601 timestamp, a JSONata expression, or `{ path }` (TimestampPath). */ timestamp: string | JsonataExpression | { path: string }; seconds?: never }
  );

export class Wait extends NextableState {
  readonly type = 'Wait' as const;

  constructor(
    name: string,
    private readonly options: WaitProps,
  ) {
    super(name, options);
  }

  render(ctx: RenderContext): WaitState {
    const o = this.options;
    const timestamp =
      o.timestamp === undefined ? {} : typeof o.timestamp === 'object' ? { TimestampPath: o.timestamp.path } : { Timestamp: o.timestamp };
    return compact({
      ...this.header(ctx),
      ...renderInputPath(o),
      ...renderSeconds('Seconds', o.seconds, ctx),
      ...timestamp,
      ...renderOutput(o, ctx),
      ...this.transition(ctx),
    }) as WaitState;
  }
}

/** Pause for a duration or until a timestamp. */
export function wait(name: string, props: WaitProps): Wait {
  return new Wait(name, props);
}
