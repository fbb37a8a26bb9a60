/**
 * The validator never throws on a definition, whatever its shape: every rejection is a problem at a
 * state or field. Fixed cases first, then a seeded fuzz over real definitions (AWS's recorded ones and
 * samples when ../shared is there, the example workflows always), then deep nesting, which must take
 * time in proportion to the definition's size.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDefinition, type Problem } from '../../src/index.js';
import { conformanceDir } from '../support/conformance.js';

const LAMBDA = 'arn:aws:lambda:eu-west-1:123456789012:function:f';

function expectLocated(problems: Problem[]): void {
  const unlocated = problems.filter((p) => p.state === undefined && p.field === undefined);
  expect(unlocated).toEqual([]);
  for (const p of problems) {
    expect(typeof p.message).toBe('string');
    expect(p.message).not.toMatch(/undefined|\[object Object\]|NaN/);
  }
}

describe('wrong shapes give located problems, never an internal error', () => {
  const deep = (levels: number): unknown => {
    let value: unknown = 'bottom';
    for (let i = 0; i < levels; i++) value = { a: value };
    return value;
  };
  const cyclic: Record<string, unknown> = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
  (cyclic.States as Record<string, Record<string, unknown>>).A!.Result = cyclic;

  const cases: [string, unknown, Partial<Problem>][] = [
    ['"Catch": [1]', { StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, Catch: [1], End: true } } }, { state: 'A' }],
    ['"Choices": "x"', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: 'x', Default: 'D' }, D: { Type: 'Succeed' } } }, { state: 'C' }],
    ['"States": 1 inside a branch', { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: 1 }], End: true } } }, { state: 'P', field: 'Branches[0].States' }],
    ['"And": 1', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ And: 1, Next: 'D' }] }, D: { Type: 'Succeed' } } }, { state: 'C' }],
    ['a branch that is a number', { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [1], End: true } } }, { state: 'P', field: 'Branches[0]' }],
    ['a Result nested 5,000 deep', { StartAt: 'A', States: { A: { Type: 'Pass', Result: deep(5000), End: true } } }, { state: 'A', field: 'Result' }],
    ['a definition object with a cycle', cyclic, { state: 'A', field: 'Result' }],
    ['a BigInt', { StartAt: 'A', States: { A: { Type: 'Pass', Result: { n: 10n }, End: true } } }, { state: 'A', field: 'Result.n' }],
    ['a function', { StartAt: 'A', States: { A: { Type: 'Pass', Result: () => 1, End: true } } }, { state: 'A', field: 'Result' }],
    ['a state that is a list', { StartAt: 'A', States: { A: [] } }, { state: 'A' }],
    ['Retry entries of the wrong type', { StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, Retry: ['x', null, { ErrorEquals: 'States.ALL' }], End: true } } }, { state: 'A' }],
  ];

  test.each(cases)('%s', (_title, definition, where) => {
    let problems: Problem[] = [];
    expect(() => {
      problems = validateDefinition(definition, { remember: false });
    }).not.toThrow();
    expect(problems).toContainEqual(expect.objectContaining(where));
    expectLocated(problems);
  });

  test('the cached path (the default) is as safe', () => {
    for (const [, definition] of cases) expect(() => validateDefinition(definition)).not.toThrow();
  });
});

describe('nesting: time in proportion to the definition', () => {
  const nestedParallel = (depth: number): Record<string, unknown> => {
    let machine: Record<string, unknown> = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
    for (let i = depth; i > 0; i--) machine = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', Branches: [machine, { StartAt: `Q${i}`, States: { [`Q${i}`]: { Type: 'Succeed' } } }], End: true } } };
    return machine;
  };
  const nestedMap = (depth: number): Record<string, unknown> => {
    let machine: Record<string, unknown> = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
    for (let i = depth; i > 0; i--) machine = { QueryLanguage: 'JSONata', StartAt: `M${i}`, States: { [`M${i}`]: { Type: 'Map', Items: '{% [1] %}', ItemProcessor: { StartAt: machine.StartAt, States: machine.States }, End: true } } };
    return machine;
  };
  const nestedAnd = (depth: number): Record<string, unknown> => {
    let rule: Record<string, unknown> = { Variable: '$.x', IsPresent: true };
    for (let i = 0; i < depth; i++) rule = { And: [rule, { Variable: '$.y', IsNull: false }] };
    return { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ ...rule, Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } } };
  };

  // asl-validator's own function doubles its time with each level (depth 20: seconds, 25: minutes);
  // these complete well inside Jest's default timeout only because validation is linear.
  test('a Parallel nested 40 levels deep is valid, and says so', () => {
    expect(validateDefinition(nestedParallel(40), { remember: false })).toEqual([]);
  });

  test('a Map nested 40 levels deep is valid, and says so', () => {
    expect(validateDefinition(nestedMap(40), { remember: false })).toEqual([]);
  });

  test('a Choice rule nested 40 levels deep is valid, and says so', () => {
    expect(validateDefinition(nestedAnd(40), { remember: false })).toEqual([]);
  });

  test('a problem 40 levels down is found and located', () => {
    const definition = nestedParallel(40);
    let machine = definition;
    for (let i = 1; i <= 40; i++) machine = ((machine.States as Record<string, { Branches: Record<string, unknown>[] }>)[`P${i}`]!.Branches[0])!;
    (machine.States as Record<string, Record<string, unknown>>).Leaf!.Next = 'Nowhere';
    expect(validateDefinition(definition, { remember: false })).toContainEqual(expect.objectContaining({ state: 'Leaf', field: 'Next' }));
  });
});

describe('fuzz: mutated real definitions', () => {
  /** A small seeded generator (mulberry32): the same mutations on every run and every machine. */
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function corpus(): unknown[] {
    const definitions: unknown[] = readdirSync(join(__dirname, '..', 'golden')).filter((f) => f.endsWith('.asl.json')).map((f) => JSON.parse(readFileSync(join(__dirname, '..', 'golden', f), 'utf8')));
    if (conformanceDir) {
      const recorded = JSON.parse(readFileSync(join(conformanceDir, 'sfn-executions', 'cases.json'), 'utf8')) as { definition: unknown }[];
      definitions.push(...recorded.map((c) => c.definition));
      const samples = join(conformanceDir, 'workflows-collection', 'definitions');
      for (const f of readdirSync(samples).sort()) definitions.push((JSON.parse(readFileSync(join(samples, f), 'utf8')) as { definition: unknown }).definition);
    }
    return definitions;
  }

  const REPLACEMENTS: unknown[] = [1, -1, 0.5, 'x', '', null, true, [], {}, [1], ['x'], { a: 1 }, [null], [[]], '{% ( %}', '{% $states.input %}', '$.[', '$.a', 'States.Format(', '__proto__', 'toString', 'constructor', 'Line\nbreak', 'x'.repeat(100)];

  /** Every [parent, key] of a JSON value, walked without recursion. */
  function slots(root: unknown): [Record<string | number, unknown>, string | number][] {
    const out: [Record<string | number, unknown>, string | number][] = [];
    const stack = [root];
    const seen = new Set<unknown>();
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === null || typeof node !== 'object' || seen.has(node)) continue;
      seen.add(node);
      for (const key of Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node)) {
        out.push([node as Record<string | number, unknown>, key]);
        stack.push((node as Record<string | number, unknown>)[key]);
      }
    }
    return out;
  }

  test('1,000 seeded mutations: no internal error, every problem located', () => {
    const next = random(20_260_517);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const definitions = corpus();
    const failures: string[] = [];
    let rejected = 0;
    for (let round = 0; round < 1000; round++) {
      const definition = structuredClone(pick(definitions));
      const mutations = 1 + Math.floor(next() * 3);
      for (let m = 0; m < mutations; m++) {
        const all = slots(definition);
        if (all.length === 0) break;
        const [parent, key] = pick(all);
        const roll = next();
        if (roll < 0.15 && !Array.isArray(parent)) delete parent[key];
        else if (roll < 0.3) parent[key] = structuredClone(pick(all)[0]); // a subtree from elsewhere
        else if (roll < 0.35) parent[key] = parent; // a cycle
        else parent[key] = structuredClone(pick(REPLACEMENTS));
      }
      let problems: Problem[];
      try {
        problems = validateDefinition(definition, { remember: false });
      } catch (error) {
        failures.push(`round ${round}: threw ${(error as Error).stack}`);
        continue;
      }
      if (problems.length > 0) rejected++;
      const unlocated = problems.filter((p) => p.state === undefined && p.field === undefined);
      if (unlocated.length > 0) failures.push(`round ${round}: unlocated ${JSON.stringify(unlocated)}`);
    }
    expect(failures).toEqual([]);
    expect(rejected).toBeGreaterThan(200); // the mutations do break definitions
  }, 60_000); // bounded by its count (about two seconds on an idle machine); the timeout only spares a loaded one
});
