import type { ItemBatcher, ItemReader, MapState, ResultWriter, StateMachineType } from '../../model/asl.js';
import { compact, type Chainable, type RenderContext, type StateProps } from '../state.js';
import { RecoverableState } from '../recoverable.js';
import { renderInputPath, renderOutput, renderResult, type OutputProps, type ResultProps } from '../data-flow.js';
import type { JsonataExpression } from '../expressions.js';

type NumberField = number | JsonataExpression | { path: string };

export interface MapProps extends StateProps, OutputProps, ResultProps {
  /** The states run for each item. */
  processor: Chainable;
  /** INLINE (default; up to 40 concurrent iterations in the execution) or DISTRIBUTED (child executions). */
  mode?: 'INLINE' | 'DISTRIBUTED';
  /** DISTRIBUTED only: the child executions' type. */
  executionType?: StateMachineType;
  /** JSONata: the items, an array or an expression yielding one. */
  items?: unknown;
  /** JSONPath: where the items are in the input. */
  itemsPath?: string;
  /** Each iteration's input (`$states.context.Map.Item.Value` is the item). */
  itemSelector?: unknown;
  /** JSONPath: the older name of itemSelector (`Parameters`), as definitions written before 2022 use it. */
  parameters?: unknown;
  /** The field the processor is written to: `ItemProcessor` (default), or `Iterator`, its older name. */
  processorField?: 'ItemProcessor' | 'Iterator';
  /** Write the processor's ProcessorConfig (default true); without it AWS runs the Map INLINE. */
  processorConfig?: boolean;
  /** Read items from S3 (DISTRIBUTED). */
  itemReader?: ItemReader;
  /** Group items into batches (DISTRIBUTED). */
  itemBatcher?: ItemBatcher;
  /** Write results to S3 (DISTRIBUTED). */
  resultWriter?: ResultWriter;
  /** At most this many iterations at once; 0 means as many as possible. */
  maxConcurrency?: NumberField;
  toleratedFailurePercentage?: NumberField;
  toleratedFailureCount?: NumberField;
  /** DISTRIBUTED: a label for the child executions' names. */
  label?: string;
}

function renderNumber(field: string, value: NumberField | undefined): Record<string, number | string> {
  if (value === undefined) return {};
  return typeof value === 'object' ? { [`${field}Path`]: value.path } : { [field]: value };
}

export class MapStep extends RecoverableState {
  readonly type = 'Map' as const;

  constructor(
    name: string,
    private readonly options: MapProps,
  ) {
    super(name, options);
  }

  render(ctx: RenderContext): MapState {
    const o = this.options;
    // Reading, batching or writing items only exists in distributed mode, so those imply it.
    const mode = o.mode ?? (o.itemReader || o.resultWriter || o.itemBatcher ? 'DISTRIBUTED' : 'INLINE');
    const field = o.processorField ?? 'ItemProcessor';
    const processor = {
      ...(o.processorConfig === false ? {} : { ProcessorConfig: compact({ Mode: mode, ExecutionType: mode === 'DISTRIBUTED' ? (o.executionType ?? 'STANDARD') : undefined }) }),
      ...ctx.machine(o.processor, field),
    };
    return compact({
      ...this.header(ctx),
      ...renderInputPath(o),
      Items: o.items === undefined ? undefined : ctx.payload(o.items, 'Items'),
      ItemsPath: o.itemsPath,
      ItemReader: o.itemReader === undefined ? undefined : (ctx.payload(o.itemReader, 'ItemReader') as unknown as ItemReader),
      ItemSelector: o.itemSelector === undefined ? undefined : ctx.payload(o.itemSelector, 'ItemSelector'),
      Parameters: o.parameters === undefined ? undefined : ctx.payload(o.parameters, 'Parameters'),
      ItemBatcher: o.itemBatcher === undefined ? undefined : (ctx.payload(o.itemBatcher, 'ItemBatcher') as unknown as ItemBatcher),
      [field]: processor,
      ResultWriter: o.resultWriter === undefined ? undefined : (ctx.payload(o.resultWriter, 'ResultWriter') as unknown as ResultWriter),
      ...renderNumber('MaxConcurrency', o.maxConcurrency),
      ...renderNumber('ToleratedFailurePercentage', o.toleratedFailurePercentage),
      ...renderNumber('ToleratedFailureCount', o.toleratedFailureCount),
      Label: o.label,
      ...renderResult(o, ctx),
      ...renderOutput(o, ctx),
      ...this.renderRecovery(ctx),
      ...this.transition(ctx),
    }) as MapState;
  }
}

/** Run `processor` for each item: `map('Per day', { items: input('days'), processor: load, maxConcurrency: 4 })`. */
export function map(name: string, props: MapProps): MapStep {
  return new MapStep(name, props);
}
