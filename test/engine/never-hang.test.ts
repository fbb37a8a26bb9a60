/**
 * Nothing the executor runs can hang its caller: a loop without a Wait ends as AWS ends it (the
 * history quota), a run yields to the event loop so timers, `signal` and `maxWallMs` work, JSONata
 * is bounded in depth and time, and StringMatches takes linear time.
 */
import type { StateMachineDefinition } from '../../src/model/asl.js';
import { executeDefinition as execute, MAX_WALL_TIME_EXCEEDED } from '../../src/engine/index.js';
import { stringMatches } from '../../src/engine/expressions/index.js';

/** Pass → Choice → Pass, forever: no Wait, no end. */
const endlessLoop: StateMachineDefinition = {
  StartAt: 'Count',
  States: {
    Count: { Type: 'Pass', Next: 'Again?' },
    'Again?': { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'Count' },
    Done: { Type: 'Succeed' },
  },
};

describe('a loop that never reaches a Wait or an end', () => {
  test('STANDARD: fails as AWS does when its history reaches 25,000 events', async () => {
    const run = await execute(endlessLoop, {});
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: 'The execution reached the maximum number of history events (25000).' });
    expect(run.history).toHaveLength(25_000);
    const last = run.history[24_999]!;
    expect(last).toMatchObject({ id: 25_000, type: 'ExecutionFailed' });
    expect(last.executionFailedEventDetails).toEqual({ error: 'States.Runtime', cause: 'The execution reached the maximum number of history events (25000).' });
    expect(last.previousEventId).toBe(24_999);
  });

  test('the 25,000th event may be ExecutionSucceeded: the execution then succeeds', async () => {
    // ExecutionStarted, 2 × 12,498 state events, ExecutionSucceeded = 24,998 events... one Pass more
    // makes 25,000 with the success as the last.
    const n = 12_499;
    const States: StateMachineDefinition['States'] = {};
    for (let i = 0; i < n; i++) States[`S${i}`] = i === n - 1 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `S${i + 1}` };
    const run = await execute({ StartAt: 'S0', States }, {});
    expect(run.history).toHaveLength(25_000);
    expect(run.status).toBe('SUCCEEDED');
    States[`S${n - 1}`] = { Type: 'Pass', Next: 'Extra' };
    States.Extra = { Type: 'Pass', End: true };
    const longer = await execute({ StartAt: 'S0', States }, {});
    expect(longer).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(longer.history).toHaveLength(25_000);
  });

  test('EXPRESS has no history quota: an AbortSignal stops it (the run yields to the event loop)', async () => {
    const run = await execute(endlessLoop, {}, { type: 'EXPRESS', signal: AbortSignal.timeout(300) });
    expect(run.status).toBe('ABORTED');
    expect(run.history.length).toBeGreaterThan(1000);
    expect(run.history.at(-1)!.type).toBe('ExecutionAborted');
  });

  test('maxWallMs: a wall-clock budget fails the run cleanly with a stepwright error', async () => {
    const started = Date.now();
    const run = await execute(endlessLoop, {}, { type: 'EXPRESS', maxWallMs: 150 });
    expect(run).toMatchObject({ status: 'FAILED', error: MAX_WALL_TIME_EXCEEDED });
    expect(MAX_WALL_TIME_EXCEEDED).toBe('stepwright.MaxWallTimeExceeded');
    expect(run.cause).toMatch(/maxWallMs \(150 ms\)/);
    expect(run.history.at(-1)).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: MAX_WALL_TIME_EXCEEDED } });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('timers set by the caller fire while a long run is going', async () => {
    let fired = 0;
    const timer = setInterval(() => fired++, 5);
    try {
      await execute(endlessLoop, {}, { type: 'EXPRESS', maxWallMs: 200 });
    } finally {
      clearInterval(timer);
    }
    expect(fired).toBeGreaterThan(3);
  });

  test('an unbounded Map in a STANDARD execution stops at the history quota too', async () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Items: '{% [1..200000] %}',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          Output: '{% $count($states.result) %}',
          End: true,
        },
      },
    };
    const standard = await execute(def, {});
    expect(standard).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: 'The execution reached the maximum number of history events (25000).' });
    expect(standard.history).toHaveLength(25_000);
    // EXPRESS has no quota: 30,000 items make 120,006 events.
    const express = await execute({ ...def, States: { Each: { ...def.States.Each!, Items: '{% [1..30000] %}' } as never } }, {}, { type: 'EXPRESS' });
    expect(express).toMatchObject({ status: 'SUCCEEDED', output: 30_000 });
    // Execution (2) + Map entered/started/succeeded/exited (4) + per item: iteration started/succeeded, Pass entered/exited.
    expect(express.history).toHaveLength(6 + 30_000 * 4);
  }, 60_000);
});

describe('JSONata evaluation is bounded, as on AWS', () => {
  const jsonata = (expression: string): StateMachineDefinition => ({
    QueryLanguage: 'JSONata',
    StartAt: 'E',
    States: { E: { Type: 'Pass', Output: { r: `{% ${expression} %}` }, End: true } },
  });

  test('a non-terminating recursive function fails with States.QueryEvaluationError (stack overflow)', async () => {
    const run = await execute(jsonata('($f := function($x){ $f($x + 1) + 1 }; $f(1))'), {});
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.QueryEvaluationError');
    expect(run.cause).toBe(
      "An error occurred while executing the state 'E' (entered at the event id #2). The JSONata expression '($f := function($x){ $f($x + 1) + 1 }; $f(1))' specified for the field 'Output/r' threw an error during evaluation: Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.",
    );
  });

  test('an expression nested deeper than AWS allows (200 additions) fails the same way', async () => {
    const run = await execute(jsonata(Array.from({ length: 200 }, () => '1').join('+')), {});
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(run.cause).toMatch(/threw an error during evaluation: Stack overflow error/);
    const shallow = await execute(jsonata(Array.from({ length: 20 }, () => '1').join('+')), {});
    expect(shallow).toMatchObject({ status: 'SUCCEEDED', output: { r: 20 } });
  });

  test('a tail-recursive endless loop fails on the evaluation time bound; a Catch sees it', async () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'E',
      States: {
        E: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Loop', States: { Loop: { Type: 'Pass', Output: '{% ($f := function($x){ $f($x + 1) }; $f(1)) %}', End: true } } }],
          Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Output: '{% $states.errorOutput %}', Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Succeed' },
      },
    };
    const run = await execute(def, {});
    expect(run.status).toBe('SUCCEEDED');
    expect((run.output as { Cause: string }).Cause).toMatch(/threw an error during evaluation: Expression evaluation timeout: Check for infinite loop$/);
  }, 30_000);

  test('maxWallMs also stops a JSONata evaluation that is still running', async () => {
    const run = await execute(jsonata('($f := function($x){ $f($x + 1) }; $f(1))'), {}, { maxWallMs: 200 });
    expect(run).toMatchObject({ status: 'FAILED', error: MAX_WALL_TIME_EXCEEDED });
  });
});

describe('StringMatches takes linear time', () => {
  test('*a*a*a*b on 1,000 characters answers at once', () => {
    const text = 'a'.repeat(1000);
    const started = performance.now();
    expect(stringMatches(text, '*a*a*a*b')).toBe(false);
    expect(stringMatches(`${text}b`, '*a*a*a*b')).toBe(true);
    expect(stringMatches(text.repeat(100), '*a*a*a*a*a*a*a*a*a*a*a*b')).toBe(false);
    // A backtracking regular expression takes seconds on 300 characters and minutes on 1,000.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('agrees with a reference matcher on patterns with stars and escapes', () => {
    // Dynamic programming over (text, pattern): obviously right, quadratic.
    const reference = (text: string, pattern: string): boolean => {
      const tokens: Array<{ star: true } | { char: string }> = [];
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i]!;
        if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) tokens.push({ char: pattern[++i]! });
        else if (c === '*') tokens.push({ star: true });
        else tokens.push({ char: c });
      }
      let row = tokens.map(() => false).concat(false);
      row[0] = true;
      for (let j = 1; j <= tokens.length; j++) row[j] = row[j - 1]! && 'star' in tokens[j - 1]!;
      for (const ch of text) {
        const next = [false];
        for (let j = 1; j <= tokens.length; j++) {
          const t = tokens[j - 1]!;
          next[j] = 'star' in t ? next[j - 1]! || row[j]! : row[j - 1]! && t.char === ch;
        }
        row = next;
      }
      return row[tokens.length]!;
    };
    const alphabet = ['a', 'b', '*', '\\*', '\\\\', '\\', 'é', '.'];
    let seed = 7;
    const pick = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 3000; k++) {
      const pattern = Array.from({ length: pick(7) }, () => alphabet[pick(alphabet.length)]).join('');
      const text = Array.from({ length: pick(9) }, () => ['a', 'b', '*', '\\', 'é', '.'][pick(6)]).join('');
      expect([text, pattern, stringMatches(text, pattern)]).toEqual([text, pattern, reference(text, pattern)]);
    }
  });
});
