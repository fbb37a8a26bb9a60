/**
 * A definition handed to the library is a JavaScript value, not JSON text: it may refer to itself, hold
 * a function or a BigInt, or be nested deeper than the rest of the checks (and the executor) can walk.
 * This walk finds those without recursion, so that every later check may assume a finite JSON tree.
 */
import type { Problem } from '../model/errors.js';
import { fieldOf, locate, stateEnd, type JsonKey } from './pointer.js';

/**
 * How deep stepwright reads a definition's JSON: far beyond any real definition (a Parallel nested
 * 40 levels is under 200), well within what JSON.stringify and the executor handle.
 */
export const MAX_JSON_DEPTH = 1000;

interface Frame {
  node: object;
  path: JsonKey[];
  keys: JsonKey[];
  next: number;
  /** Levels below this node, found so far. */
  height: number;
}

export function checkJsonShape(definition: object): Problem[] {
  const problems: Problem[] = [];
  const at = (path: JsonKey[], message: string, fix: string) => problems.push({ ...where(path), message, fix });
  // Heights of the objects already walked: a shared sub-object (the same Retry list in two states) is
  // walked once, so the walk stays linear however often it is referred to.
  const heights = new Map<object, number>();
  const open = new Set<object>([definition]);
  const frames: Frame[] = [frame(definition, [])];
  while (frames.length > 0) {
    const top = frames[frames.length - 1]!;
    if (top.next >= top.keys.length) {
      frames.pop();
      open.delete(top.node);
      heights.set(top.node, top.height);
      const parent = frames[frames.length - 1];
      if (parent) parent.height = Math.max(parent.height, top.height + 1);
      continue;
    }
    const key = top.keys[top.next++]!;
    const value = (top.node as Record<JsonKey, unknown>)[key];
    const path = [...top.path, key];
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      at(path, `a ${typeof value} is not a JSON value`, 'use strings, numbers, booleans, null, lists and plain objects');
    } else if (typeof value === 'number' && !Number.isFinite(value)) {
      at(path, `${value} is not a JSON number`, 'use a finite number, or null');
    } else if (typeof value === 'object' && value !== null) {
      if (open.has(value)) {
        at(path, 'refers back to an object that contains it (a cycle): a definition must be a tree, as JSON is', 'give this field its own value instead of a reference to an enclosing object');
      } else if (heights.has(value)) {
        top.height = Math.max(top.height, heights.get(value)! + 1);
        if (frames.length + heights.get(value)! > MAX_JSON_DEPTH) at(outer(path), tooDeep, flatten);
      } else if (frames.length >= MAX_JSON_DEPTH) {
        at(outer(path), tooDeep, flatten);
      } else {
        open.add(value);
        frames.push(frame(value, path));
      }
    }
  }
  return problems;
}

const tooDeep = `is nested more than ${MAX_JSON_DEPTH} levels deep, more than stepwright reads`;
const flatten = 'flatten the value, or build it at run time (for instance with States.StringToJson or $parse)';

/** A deep value is reported at its state's field (`Result`), not at its thousandth key. */
function outer(path: JsonKey[]): JsonKey[] {
  return path.slice(0, stateEnd(path) + 1);
}

function frame(node: object, path: JsonKey[]): Frame {
  return { node, path, keys: Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node), next: 0, height: 0 };
}

/** The state and field of a path; a path outside any state is named as a whole. */
function where(path: JsonKey[]): { state?: string; field?: string } {
  const located = locate(path);
  return located.state !== undefined || located.field !== undefined ? located : { field: fieldOf(path) };
}
