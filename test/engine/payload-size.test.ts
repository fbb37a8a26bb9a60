/**
 * Payload sizes are measured without writing JSON text; the measure must agree with
 * Buffer.byteLength(JSON.stringify(value)) byte for byte, escapes and surrogates included.
 */
import { exceedsPayloadLimit, jsonBytes } from '../../src/engine/payload-size.js';

const exact = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');

describe('jsonBytes', () => {
  test.each<[string, unknown]>([
    ['ASCII', { a: 'hello', b: [1, 2, 3], c: null, d: true, e: false }],
    ['escapes', 'quote " backslash \\ newline \n tab \t bell \u0007 nul \u0000'],
    ['non-ASCII', 'é ü 漢字 😀'],
    ['lone surrogates', `a\ud800b\udc00c`],
    ['numbers', [0, -0, 1.5, -2.25e-300, 1e21, 123456789012345, Number.MAX_SAFE_INTEGER, -7, 1 / 3]],
    ['non-finite numbers', [NaN, Infinity]],
    ['undefined members', { a: undefined, b: [undefined, () => 1], c: 1 }],
    ['a Date (toJSON)', { when: new Date(Date.UTC(2024, 0, 1)) }],
    ['own __proto__ key', JSON.parse('{"__proto__": {"x": 1}, "y": []}')],
    ['empty containers', { a: {}, b: [], c: '' }],
  ])('%s', (_name, value) => {
    expect(jsonBytes(value)).toBe(exact(value));
  });

  test('random JSON values', () => {
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const chars = ['a', 'Z', '"', '\\', '\n', '\u0001', 'é', '€', '😀', '\ud800', ' '];
    const value = (depth: number): unknown => {
      switch (rand(depth > 3 ? 4 : 6)) {
        case 0:
          return Array.from({ length: rand(6) }, () => chars[rand(chars.length)]).join('');
        case 1:
          return rand(2) ? rand(100000) - 50000 : (rand(100000) - 50000) / 7;
        case 2:
          return rand(3) === 0 ? null : rand(2) === 0;
        case 3:
          return rand(1000);
        case 4:
          return Array.from({ length: rand(4) }, () => value(depth + 1));
        default:
          return Object.fromEntries(Array.from({ length: rand(4) }, () => [Array.from({ length: rand(4) }, () => chars[rand(chars.length)]).join(''), value(depth + 1)]));
      }
    };
    for (let i = 0; i < 2000; i++) {
      const v = value(0);
      expect([v, jsonBytes(v)]).toEqual([v, exact(v)]);
    }
  });

  test('the 256 KiB limit is exact, whatever the bound says', () => {
    const at = (bytes: number) => ({ s: 'é'.repeat((bytes - 8) / 2) }); // {"s":""} is 8 bytes
    expect(exact(at(262_144))).toBe(262_144);
    expect(exceedsPayloadLimit(at(262_144))).toBe(false);
    expect(exceedsPayloadLimit(at(262_146))).toBe(true);
    const controls = { s: '\u0001'.repeat(43_690) }; // 6 bytes each: 262,140 + 8
    expect(exceedsPayloadLimit(controls)).toBe(exact(controls) > 262_144);
    expect(exceedsPayloadLimit(Array.from({ length: 20_000 }, (_, i) => ({ v: i })))).toBe(false); // 228,891 bytes
    expect(exceedsPayloadLimit(Array.from({ length: 30_000 }, (_, i) => ({ value: i * 1000 })))).toBe(true);
  });
});
