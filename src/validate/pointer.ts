/** Places in a definition: key paths, JSON pointers, and the state and field a user knows them by. */

export type JsonKey = string | number;

/** A JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `['States', 'a/b', 'Next']` → `/States/a~1b/Next` (RFC 6901). */
export function pointerOf(path: readonly JsonKey[]): string {
  return path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** `['States', 'P', 'Branches', 0, 'States', 'Load', 'Retry', 0, 'ErrorEquals']` → state "Load", field "Retry[0].ErrorEquals". */
export function locate(path: readonly JsonKey[]): { state?: string; field?: string } {
  const start = stateEnd(path);
  const state = start > 0 ? String(path[start - 1]) : undefined;
  const field = fieldOf(path.slice(start));
  return { ...(state !== undefined ? { state } : {}), ...(field ? { field } : {}) };
}

/** The length of the path's prefix up to and including the innermost state's name (0 when outside any state). */
export function stateEnd(path: readonly JsonKey[]): number {
  let end = 0;
  for (let i = 0; i < path.length - 1; i++) {
    if (path[i] === 'States' && isStateKey(path, i)) {
      end = i + 2;
      i++;
    }
  }
  return end;
}

/** Whether `States` at `i` is a machine's States (top level, or under Branches[n] / ItemProcessor / Iterator), not a key in a payload. */
function isStateKey(path: readonly JsonKey[], i: number): boolean {
  if (i === 0) return true;
  const before = path[i - 1];
  return before === 'ItemProcessor' || before === 'Iterator' || (typeof before === 'number' && path[i - 2] === 'Branches');
}

/** `['Retry', 0, 'ErrorEquals']` → `Retry[0].ErrorEquals`. */
export function fieldOf(path: readonly JsonKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), '');
}

/**
 * The path of the place a problem names, as far as the definition has it: its state (found in any
 * machine, nested ones included), then its field (`Retry[0].ErrorEquals`). Used to give a problem
 * its line in the file the definition came from.
 */
export function problemPath(definition: unknown, problem: { state?: string; field?: string }): JsonKey[] {
  const base = problem.state !== undefined ? (statePath(definition, problem.state) ?? []) : [];
  const field = problem.field ? [...problem.field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m): JsonKey => (m[2] !== undefined ? Number(m[2]) : m[1]!)) : [];
  return [...base, ...field];
}

function statePath(definition: unknown, name: string): JsonKey[] | undefined {
  const pending: [unknown, JsonKey[]][] = [[definition, []]];
  for (let i = 0; i < pending.length; i++) {
    const [machine, path] = pending[i]!;
    if (!isPlainObject(machine) || !isPlainObject(machine.States)) continue;
    if (Object.hasOwn(machine.States, name)) return [...path, 'States', name];
    for (const [stateName, state] of Object.entries(machine.States)) {
      if (!isPlainObject(state)) continue;
      const at = [...path, 'States', stateName];
      if (Array.isArray(state.Branches)) state.Branches.forEach((branch, b) => pending.push([branch, [...at, 'Branches', b]]));
      for (const field of ['ItemProcessor', 'Iterator']) if (field in state) pending.push([state[field], [...at, field]]);
    }
  }
  return undefined;
}
