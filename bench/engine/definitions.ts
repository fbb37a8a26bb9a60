/**
 * The JSONPath state machines of the executor benchmark, run unchanged by stepwright's `execute()`
 * and by aws-local-stepfunctions. Each case carries its input, the Task behaviour both executors'
 * mocks implement (one function, so they return and throw the same things), the output it must
 * produce (computed here in plain code, independently of either executor) and its number of state
 * transitions, counted as AWS bills them: every state entered, plus every retry of a state
 * (https://aws.amazon.com/step-functions/pricing/: "including retries").
 *
 * Each case also says which workflow type it runs as, so that it would complete on AWS: a STANDARD
 * execution fails at 25,000 history events, an EXPRESS one after five minutes. The big Maps are
 * EXPRESS (tens of thousands of events); the retry flow is STANDARD and kept under the quota.
 */
import type { JsonValue, StateMachineDefinition } from '../../src/model/asl.js';

/** What a mocked Task does with its effective input: return a value, or fail with `error`. */
export type TaskBehaviour = (state: string, input: JsonValue) => { value: JsonValue } | { error: string; cause: string };

export interface EngineCase {
  key: 'pass-chain' | 'map' | 'retry' | 'map-unbounded';
  title: string;
  /** One line for the report: what the definition does. */
  shape: string;
  definition: StateMachineDefinition;
  /** The workflow type it runs as (stepwright's `type` option; aws-local-stepfunctions has none). */
  type: 'STANDARD' | 'EXPRESS';
  input: JsonValue;
  /** Task states and the Retry field names aws-local-stepfunctions needs for its overrides. */
  taskStates: string[];
  retryStates: string[];
  /** A fresh behaviour per execution (the retry case counts failures per item). */
  newBehaviour: () => TaskBehaviour;
  expectedOutput: JsonValue;
  /** States entered + retries, from the structure of the definition. */
  transitions: number;
}

const LAMBDA = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

// (a) 1,000 Pass states in a row, each with Parameters (two paths, an intrinsic, a literal) and a ResultPath.
export const CHAIN_LENGTH = 1000;

function passChain(): EngineCase {
  const name = (i: number) => `Step${String(i).padStart(4, '0')}`;
  const States: StateMachineDefinition['States'] = {};
  for (let i = 0; i < CHAIN_LENGTH; i++) {
    States[name(i)] = {
      Type: 'Pass',
      Parameters: { 'count.$': 'States.MathAdd($.counter.count, 1)', 'previous.$': '$.counter.last', last: name(i) },
      ResultPath: '$.counter',
      ...(i === CHAIN_LENGTH - 1 ? { End: true } : { Next: name(i + 1) }),
    };
  }
  const input = { orderId: 'o-42', tags: ['bench', 'chain'], counter: { count: 0, last: 'start' } };
  return {
    key: 'pass-chain',
    title: `Pass chain (${CHAIN_LENGTH.toLocaleString('en')} states)`,
    shape: `${CHAIN_LENGTH} Pass states in a row; each: Parameters {count: States.MathAdd($.counter.count, 1), previous: $.counter.last, last: "<name>"}, ResultPath $.counter`,
    definition: { Comment: 'bench: a long Pass chain', StartAt: name(0), States },
    type: 'STANDARD',
    input,
    taskStates: [],
    retryStates: [],
    newBehaviour: () => () => {
      throw new Error('the Pass chain has no Task');
    },
    expectedOutput: { ...input, counter: { count: CHAIN_LENGTH, previous: name(CHAIN_LENGTH - 2), last: name(CHAIN_LENGTH - 1) } },
    transitions: CHAIN_LENGTH,
  };
}

// (b) An inline Map over 10,000 items, 40 at a time; each iteration is a Pass then a mocked Task.
export const MAP_ITEMS = 10_000;
export const MAP_CONCURRENCY = 40;

function bigMap(): EngineCase {
  const items = Array.from({ length: MAP_ITEMS }, (_, i) => i);
  return {
    key: 'map',
    title: `Map over ${MAP_ITEMS.toLocaleString('en')} items`,
    shape: `inline Map, MaxConcurrency ${MAP_CONCURRENCY}, ItemsPath $.items, ItemSelector {index: $$.Map.Item.Index, value: $$.Map.Item.Value}; per item: Pass (Parameters with States.MathAdd) → Task (Lambda ARN, mocked: returns {v: n + 1})`,
    definition: {
      Comment: 'bench: a Map over many items',
      StartAt: 'EachItem',
      States: {
        EachItem: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: MAP_CONCURRENCY,
          ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value' },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Shape',
            States: {
              Shape: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.value, $.index)', 'index.$': '$.index' }, Next: 'Enrich' },
              Enrich: { Type: 'Task', Resource: LAMBDA('Enrich'), Parameters: { 'n.$': '$.n' }, End: true },
            },
          },
          End: true,
        },
      },
    },
    // 9 history events per item: EXPRESS, as a STANDARD execution would stop at 25,000 events.
    type: 'EXPRESS',
    input: { items },
    taskStates: ['Enrich'],
    retryStates: [],
    newBehaviour: () => (_state, input) => ({ value: { v: (input as { n: number }).n + 1 } }),
    // Kept small on purpose: the Map's output (one {v} per item, ~110 KB) stays under the 256 KiB payload limit.
    expectedOutput: items.map((i) => ({ v: 2 * i + 1 })),
    transitions: 1 + MAP_ITEMS * 2,
  };
}

// (c) A Map over 40 items; each item's Task fails 200 times (Retry: IntervalSeconds 1, BackoffRate 1) then succeeds.
// 40 items × 200 failures × 3 events stay under a STANDARD execution's 25,000 history events (24,286 in all).
export const RETRY_ITEMS = 40;
export const RETRY_FAILURES = 200;

function retryHeavy(): EngineCase {
  const items = Array.from({ length: RETRY_ITEMS }, (_, i) => ({ id: `item-${i}` }));
  return {
    key: 'retry',
    title: `Retry-heavy (${RETRY_ITEMS} items × ${RETRY_FAILURES} failures)`,
    shape: `inline Map, MaxConcurrency ${MAP_CONCURRENCY}, over ${RETRY_ITEMS} items; per item: Task (Lambda ARN, mocked: throws Flaky.Unavailable ${RETRY_FAILURES} times per item, then returns {ok: true, attempts}) with Retry [{ErrorEquals: [Flaky.Unavailable], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 1000}], ResultPath $.result`,
    definition: {
      Comment: 'bench: a retry-heavy flow',
      StartAt: 'EachItem',
      States: {
        EachItem: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: MAP_CONCURRENCY,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'CallFlaky',
            States: {
              CallFlaky: {
                Type: 'Task',
                Resource: LAMBDA('Flaky'),
                Parameters: { 'id.$': '$.id' },
                ResultPath: '$.result',
                Retry: [{ ErrorEquals: ['Flaky.Unavailable'], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 1000 }],
                End: true,
              },
            },
          },
          End: true,
        },
      },
    },
    type: 'STANDARD',
    input: { items },
    taskStates: ['CallFlaky'],
    retryStates: ['CallFlaky'],
    newBehaviour: () => {
      const calls = new Map<string, number>();
      return (_state, input) => {
        const id = (input as { id: string }).id;
        const n = (calls.get(id) ?? 0) + 1;
        calls.set(id, n);
        return n <= RETRY_FAILURES ? { error: 'Flaky.Unavailable', cause: `${id}: attempt ${n} failed` } : { value: { ok: true, attempts: n } };
      };
    },
    expectedOutput: items.map((item) => ({ ...item, result: { ok: true, attempts: RETRY_FAILURES + 1 } })),
    transitions: 1 + RETRY_ITEMS * (1 + RETRY_FAILURES),
  };
}

// (d) An inline Map over 5,000 items without MaxConcurrency; each iteration a Choice on the item, then a mocked Task.
export const UNBOUNDED_ITEMS = 5000;

function unboundedMap(): EngineCase {
  const items = Array.from({ length: UNBOUNDED_ITEMS }, (_, i) => ({ id: i, kind: i % 3 === 0 ? 'fizz' : 'plain' }));
  return {
    key: 'map-unbounded',
    title: `Map over ${UNBOUNDED_ITEMS.toLocaleString('en')} items, no MaxConcurrency`,
    shape: `inline Map without MaxConcurrency (AWS runs 40 inline iterations at once), over ${UNBOUNDED_ITEMS.toLocaleString('en')} items; per item: Choice on $.kind → Task (Lambda ARN, mocked: returns {id, fizz}) with ResultSelector`,
    definition: {
      Comment: 'bench: a Map without MaxConcurrency',
      StartAt: 'EachItem',
      States: {
        EachItem: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Kind?',
            States: {
              'Kind?': {
                Type: 'Choice',
                Choices: [{ Variable: '$.kind', StringEquals: 'fizz', Next: 'Fizz' }],
                Default: 'Plain',
              },
              Fizz: { Type: 'Task', Resource: LAMBDA('Fizz'), Parameters: { 'id.$': '$.id', fizz: true }, ResultSelector: { 'i.$': '$.id', 'f.$': '$.fizz' }, End: true },
              Plain: { Type: 'Task', Resource: LAMBDA('Fizz'), Parameters: { 'id.$': '$.id', fizz: false }, ResultSelector: { 'i.$': '$.id', 'f.$': '$.fizz' }, End: true },
            },
          },
          End: true,
        },
      },
    },
    // 6 history events per item: EXPRESS, as a STANDARD execution would stop at 25,000 events.
    type: 'EXPRESS',
    input: items,
    taskStates: ['Fizz', 'Plain'],
    retryStates: [],
    newBehaviour: () => (_state, input) => ({ value: input }),
    expectedOutput: items.map((item) => ({ i: item.id, f: item.kind === 'fizz' })),
    transitions: 1 + UNBOUNDED_ITEMS * 2,
  };
}

export const engineCases: EngineCase[] = [passChain(), bigMap(), retryHeavy(), unboundedMap()];

export function engineCase(key: string): EngineCase {
  const found = engineCases.find((c) => c.key === key);
  if (!found) throw new Error(`unknown engine case "${key}" (one of: ${engineCases.map((c) => c.key).join(', ')})`);
  return found;
}
