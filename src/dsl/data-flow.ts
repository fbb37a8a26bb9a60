/**
 * The fields that move data through a state, in both query languages.
 * JSONata states use `output` and `assign` (and `arguments` on tasks); JSONPath states use
 * `inputPath`, `parameters`, `resultSelector`, `resultPath`, `outputPath` (and `assign`).
 * Both sets are accepted here and rendered as written: the validator then names any field that
 * does not belong to the state's language, with the field to use instead.
 */
import type { JsonObject, JsonValue } from '../model/asl.js';
import type { RenderContext } from './state.js';

export interface OutputProps {
  /** JSONata: the state's output (default: its result, or its input for Pass/Wait/Choice). */
  output?: unknown;
  /** Variables to set when the state completes: `{ runDate: input('date') }`. */
  assign?: Record<string, unknown>;
  /** JSONPath: select part of the input before anything else. */
  inputPath?: string | null;
  /** JSONPath: select part of the output. */
  outputPath?: string | null;
}

export interface ResultProps {
  /** JSONPath: reshape the raw result (with `ref()` values). */
  resultSelector?: Record<string, unknown>;
  /** JSONPath: where in the input the result goes (`null` discards it and keeps the input). */
  resultPath?: string | null;
}

export function renderInputPath(props: OutputProps): { InputPath?: string | null } {
  return props.inputPath !== undefined ? { InputPath: props.inputPath } : {};
}

export function renderResult(props: ResultProps, ctx: RenderContext): { ResultSelector?: JsonValue; ResultPath?: string | null } {
  const out: { ResultSelector?: JsonValue; ResultPath?: string | null } = {};
  if (props.resultSelector !== undefined) out.ResultSelector = ctx.payload(props.resultSelector, 'ResultSelector');
  if (props.resultPath !== undefined) out.ResultPath = props.resultPath;
  return out;
}

export function renderOutput(props: OutputProps, ctx: RenderContext): { OutputPath?: string | null; Output?: JsonValue; Assign?: JsonObject } {
  const out: { OutputPath?: string | null; Output?: JsonValue; Assign?: JsonObject } = {};
  if (props.outputPath !== undefined) out.OutputPath = props.outputPath;
  if (props.output !== undefined) out.Output = ctx.payload(props.output, 'Output');
  if (props.assign !== undefined) out.Assign = ctx.payload(props.assign, 'Assign') as JsonObject;
  return out;
}
