import type { PassState } from '../../model/asl.js';
import { compact, NextableState, type RenderContext, type StateProps } from '../state.js';
import { renderInputPath, renderOutput, type OutputProps } from '../data-flow.js';

export interface PassProps extends StateProps, OutputProps {
  /** JSONPath: a fixed result. */
  result?: unknown;
  /** JSONPath: where the result goes. */
  resultPath?: string | null;
  /** JSONPath: a payload template as the result. */
  parameters?: unknown;
}

export class Pass extends NextableState {
  readonly type = 'Pass' as const;

  constructor(
    name: string,
    private readonly options: PassProps = {},
  ) {
    super(name, options);
  }

  render(ctx: RenderContext): PassState {
    const o = this.options;
    return compact({
      ...this.header(ctx),
      ...renderInputPath(o),
      Parameters: o.parameters === undefined ? undefined : ctx.payload(o.parameters, 'Parameters'),
      Result: o.result === undefined ? undefined : ctx.payload(o.result, 'Result'),
      ResultPath: o.resultPath,
      ...renderOutput(o, ctx),
      ...this.transition(ctx),
    }) as PassState;
  }
}

/** Pass its input on, reshaped or with variables assigned. */
export function pass(name: string, props: PassProps = {}): Pass {
  return new Pass(name, props);
}
