import type { ChoiceRule, ChoiceState } from '../../model/asl.js';
import { StepwrightError } from '../../model/errors.js';
import { Chain, compact, endsOf, StateNode, type Nextable, type RenderContext, type StateProps, type Target } from '../state.js';
import { renderInputPath, renderOutput, type OutputProps } from '../data-flow.js';
import type { JsonataExpression } from '../expressions.js';
import type { Condition } from './conditions.js';

export interface WhenOptions {
  /** JSONata: the output when this rule is taken. */
  output?: unknown;
  /** Variables set when this rule is taken. */
  assign?: Record<string, unknown>;
  comment?: string;
}

interface Branch {
  condition: JsonataExpression | boolean | Condition;
  target: Target;
  options: WhenOptions;
}

export class Choice extends StateNode {
  readonly type = 'Choice' as const;
  private readonly branches: Branch[] = [];
  private fallback?: Target;

  constructor(
    name: string,
    private readonly options: StateProps & OutputProps = {},
  ) {
    super(name, options);
  }

  /**
   * When `condition` holds, continue with `target`. Rules are tried in order.
   * JSONata: a `{% %}` expression (`expr('$states.input.rows > 0')`). JSONPath: a `Condition` from `conditions`.
   */
  when(condition: JsonataExpression | boolean | Condition, target: Target, options: WhenOptions = {}): this {
    this.branches.push({ condition, target, options });
    return this;
  }

  /** When no rule matches (Default). Without it, no match fails with States.NoChoiceMatched. */
  otherwise(target: Target): this {
    if (this.fallback !== undefined) {
      throw new StepwrightError({ state: this.name, field: 'Default', message: 'otherwise() was already given', fix: 'give one Default per Choice' });
    }
    this.fallback = target;
    return this;
  }

  /** A Choice has no Next of its own; to rejoin its branches, use `afterwards()`. */
  get endStates(): readonly Nextable[] {
    return [];
  }

  /**
   * A chain whose open ends are the ends of every branch, so they rejoin with `.next()`.
   * With `{ includeOtherwise: true }` and no otherwise(), "no rule matched" also continues there.
   */
  afterwards(options: { includeOtherwise?: boolean } = {}): Chain {
    const ends: Nextable[] = [];
    for (const branch of this.branches) ends.push(...endsOf(branch.target));
    if (this.fallback !== undefined) ends.push(...endsOf(this.fallback));
    else if (options.includeOtherwise) ends.push({ continueWith: (target) => this.otherwise(target) });
    return new Chain(this, ends);
  }

  render(ctx: RenderContext): ChoiceState {
    if (this.branches.length === 0) ctx.problem('Choices', 'has no rules', 'add at least one .when(condition, next)');
    const choices = this.branches.map(({ condition, target, options }, i): ChoiceRule => {
      const field = `Choices[${i}]`;
      const rule: ChoiceRule =
        typeof condition === 'string' || typeof condition === 'boolean' ? { Condition: condition } : { ...(condition as ChoiceRule) };
      if (options.comment !== undefined) rule.Comment = options.comment;
      if (options.assign !== undefined) rule.Assign = ctx.payload(options.assign, `${field}.Assign`) as ChoiceRule['Assign'];
      if (options.output !== undefined) rule.Output = ctx.payload(options.output, `${field}.Output`);
      rule.Next = ctx.target(target, `${field}.Next`);
      return rule;
    });
    return compact({
      ...this.header(ctx),
      ...renderInputPath(this.options),
      Choices: choices,
      Default: this.fallback === undefined ? undefined : ctx.target(this.fallback, 'Default'),
      ...renderOutput(this.options, ctx),
    }) as ChoiceState;
  }
}

/** Branch on the data: `choice('Enough rows?').when(expr('$states.input.rows > 0'), load).otherwise(skip)`. */
export function choice(name: string, props: StateProps & OutputProps = {}): Choice {
  return new Choice(name, props);
}
