/**
 * ResultPath: where a state's result goes in its input. ResultPath is a reference path (definite,
 * rooted at `$`), so it is placed by hand: missing objects along the way are created, and anything
 * that is not an object where a property is needed fails with States.ResultPathMatchFailure.
 */
import type { JsonValue } from '../../model/asl.js';
import { StatesError } from '../states-error.js';
import { parsePath, PathSyntaxError, type Segment } from '../../model/expressions/path.js';

/** ResultPath: place `result` into `input` (null → discard result, undefined/'$' → replace). */
export function applyResultPath(input: JsonValue, result: JsonValue, resultPath: string | null | undefined): JsonValue {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  const segments = referencePathSegments(resultPath);
  return place(input, segments, 0, result, resultPath, input);
}

function referencePathSegments(resultPath: string): Segment[] {
  try {
    const parsed = parsePath(resultPath);
    if (parsed.root.kind === 'data' && parsed.segments) return parsed.segments;
  } catch (error) {
    if (!(error instanceof PathSyntaxError)) throw error;
  }
  // The validator rejects these before an execution starts; at run time it is a mismatch.
  throw new StatesError('States.ResultPathMatchFailure', `Invalid ResultPath '${resultPath}': ResultPath must be a reference path`);
}

/** `target` with `result` placed at `segments[at..]`: new objects along the path, the rest shared. */
function place(target: JsonValue, segments: readonly Segment[], at: number, result: JsonValue, resultPath: string, input: JsonValue): JsonValue {
  if (at === segments.length) return result;
  const segment = segments[at]!;
  const more = at + 1 < segments.length;
  if (segment.kind === 'property') {
    if (target === null || typeof target !== 'object' || Array.isArray(target)) throw mismatch(resultPath, input);
    const existing = Object.hasOwn(target, segment.name) ? target[segment.name] : undefined;
    // A missing object on the way is created, as AWS does for `$.a.b` on `{}`.
    const next = existing === undefined && more && segments[at + 1]!.kind === 'property' ? {} : existing;
    if (next === undefined && more) throw mismatch(resultPath, input);
    return { ...target, [segment.name]: place(next as JsonValue, segments, at + 1, result, resultPath, input) };
  }
  if (!Array.isArray(target)) throw mismatch(resultPath, input);
  const index = segment.index < 0 ? target.length + segment.index : segment.index;
  if (index < 0 || index >= target.length) throw mismatch(resultPath, input);
  const copy = target.slice();
  copy[index] = place(target[index], segments, at + 1, result, resultPath, input);
  return copy;
}

function mismatch(resultPath: string, input: JsonValue): StatesError {
  return new StatesError('States.ResultPathMatchFailure', `Unable to apply ReferencePath ${resultPath} to input ${JSON.stringify(input)}`);
}
