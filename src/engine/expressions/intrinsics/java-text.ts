/**
 * How AWS's Java runtime prints JSON values inside States.Format: strings bare, null as `null`,
 * objects like java.util.Map#toString (`{a=1, b=[]}`) and arrays like List#toString (`[1, 2]`).
 * Recorded: `States.Format('{}', {"Arg1": 1, "Arg2": []})` gives `{Arg1=1, Arg2=[]}`.
 */
import type { JsonValue } from '../../../model/asl.js';

export function javaToString(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${k}=${javaToString(v)}`)
    .join(', ')}}`;
}

/** java.util.Random, so a seeded States.MathRandom is repeatable across runs, as on AWS. */
export class JavaRandom {
  private seed: bigint;
  private static readonly MULTIPLIER = 0x5deece66dn;
  private static readonly MASK = (1n << 48n) - 1n;

  constructor(seed: number) {
    this.seed = (BigInt.asIntN(64, BigInt(Math.trunc(seed))) ^ JavaRandom.MULTIPLIER) & JavaRandom.MASK;
  }

  private next(bits: number): number {
    this.seed = (this.seed * JavaRandom.MULTIPLIER + 0xbn) & JavaRandom.MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }

  /** Random#nextDouble: a number in [0, 1). */
  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * 2 ** -53;
  }

  /** Random#nextInt(bound) for a positive bound. */
  nextInt(bound: number): number {
    if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n);
    let bits: number;
    let value: number;
    do {
      bits = this.next(31);
      value = bits % bound;
    } while (bits - value + (bound - 1) < 0 || bits - value + (bound - 1) > 0x7fffffff);
    return value;
  }
}

