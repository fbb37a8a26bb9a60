/**
 * A bounded memo: answers of a pure function kept by key, the oldest forgotten first once `limit`
 * are held. Paths, intrinsic calls and JSONata expressions are parsed once per text, and a
 * definition is validated once per text, without letting a long-running process grow without end.
 */
export class Memo<K, V> {
  private readonly answers = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The answer for `key`, computed by `compute` the first time (a thrown error is not kept). */
  get(key: K, compute: (key: K) => V): V {
    if (this.answers.has(key)) return this.answers.get(key)!;
    const value = compute(key);
    if (this.answers.size >= this.limit) this.answers.delete(this.answers.keys().next().value as K);
    this.answers.set(key, value);
    return value;
  }
}
