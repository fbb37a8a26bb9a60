import type { ParallelState } from '../../model/asl.js';
import { compact, type Chainable, type RenderContext, type StateProps } from '../state.js';
import { RecoverableState } from '../recoverable.js';
import { renderInputPath, renderOutput, renderResult, type OutputProps, type ResultProps } from '../data-flow.js';

export interface ParallelProps extends StateProps, OutputProps, ResultProps {
  /** Each branch is its own chain of states; the result is the array of branch outputs, in order. */
  branches: Chainable[];
  /** JSONata: the input given to every branch. */
  arguments?: unknown;
  /** JSONPath: the input given to every branch. */
  parameters?: unknown;
}

export class Parallel extends RecoverableState {
  readonly type = 'Parallel' as const;

  constructor(
    name: string,
    private readonly options: ParallelProps,
  ) {
    super(name, options);
  }

  render(ctx: RenderContext): ParallelState {
    const o = this.options;
    if (o.branches.length === 0) ctx.problem('Branches', 'has no branches', 'give at least one chain in branches: [...]');
    return compact({
      ...this.header(ctx),
      ...renderInputPath(o),
      Parameters: o.parameters === undefined ? undefined : ctx.payload(o.parameters, 'Parameters'),
      Arguments: o.arguments === undefined ? undefined : ctx.payload(o.arguments, 'Arguments'),
      Branches: o.branches.map((branch, i) => ctx.machine(branch, `Branches[${i}]`)),
      ...renderResult(o, ctx),
      ...renderOutput(o, ctx),
      ...this.renderRecovery(ctx),
      ...this.transition(ctx),
    }) as ParallelState;
  }
}

/** Run branches at the same time and continue when all have finished. */
export function parallel(name: string, props: ParallelProps): Parallel {
  return new Parallel(name, props);
}
