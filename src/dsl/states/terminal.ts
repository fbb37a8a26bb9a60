/** The two states that end a workflow (or a branch): Succeed and Fail. */
import type { FailState, SucceedState } from '../../model/asl.js';
import { compact, StateNode, type Nextable, type RenderContext, type StateProps } from '../state.js';
import { renderInputPath, renderOutput, type OutputProps } from '../data-flow.js';

export class Succeed extends StateNode {
  readonly type = 'Succeed' as const;

  constructor(
    name: string,
    private readonly options: StateProps & OutputProps = {},
  ) {
    super(name, options);
  }

  get endStates(): readonly Nextable[] {
    return [];
  }

  render(ctx: RenderContext): SucceedState {
    return compact({ ...this.header(ctx), ...renderInputPath(this.options), ...renderOutput(this.options, ctx) }) as SucceedState;
  }
}

export function succeed(name: string, props: StateProps & OutputProps = {}): Succeed {
  return new Succeed(name, props);
}

export interface FailProps extends StateProps {
  /** The error name: a literal, or a JSONata expression. */
  error?: string;
  /** The cause: a literal, or a JSONata expression. */
  cause?: string;
  /** JSONPath: take the error name from the input (ErrorPath; a path or intrinsic function). */
  errorPath?: string;
  /** JSONPath: take the cause from the input (CausePath; a path or intrinsic function). */
  causePath?: string;
}

export class Fail extends StateNode {
  readonly type = 'Fail' as const;

  constructor(
    name: string,
    private readonly options: FailProps = {},
  ) {
    super(name, options);
  }

  get endStates(): readonly Nextable[] {
    return [];
  }

  render(ctx: RenderContext): FailState {
    const o = this.options;
    return compact({
      ...this.header(ctx),
      Error: o.error,
      ErrorPath: o.errorPath,
      Cause: o.cause,
      CausePath: o.causePath,
    }) as FailState;
  }
}

/** Stop the execution as failed, with an error name and cause. */
export function fail(name: string, props: FailProps = {}): Fail {
  return new Fail(name, props);
}
