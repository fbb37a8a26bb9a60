/**
 * A seeded random source, so FULL jitter, generated execution names and task tokens repeat from
 * one run to the next (tests stay deterministic; pass another `seed` to explore).
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A UUID-shaped string built from the seeded source. */
  uuid(): string;
}

export function seededRandom(seed: number | string = 0): Random {
  let state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  const next = (): number => {
    // mulberry32: tiny, fast, good enough for jitter and ids.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return {
    next,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`,
  };
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
