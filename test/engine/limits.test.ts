/**
 * AWS's execution quotas, each failing the way AWS fails it (src/engine/README.md lists them
 * with their sources): payload and variable sizes, execution input, the longest execution, and
 * Wait bounds.
 */
import type { StateMachineDefinition } from '../../src/model/asl.js';
import { executeDefinition as execute, StartExecutionError } from '../../src/engine/index.js';

const KIB = 1024;
const YEAR_MS = 365 * 24 * 3600 * 1000;
const START = Date.UTC(2024, 0, 1);

describe('execution input', () => {
  test('over 256 KiB is rejected as StartExecution rejects it: no execution at all', async () => {
    const big = { blob: 'x'.repeat(256 * KIB) };
    const def: StateMachineDefinition = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    const rejected = execute(def, big);
    await expect(rejected).rejects.toBeInstanceOf(StartExecutionError);
    await expect(rejected).rejects.toMatchObject({
      code: 'ValidationException',
      awsMessage: "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144",
    });
    // 262,144 bytes of UTF-8 exactly is still accepted ('é' is two bytes).
    const exact = { b: 'é'.repeat((256 * KIB - '{"b":""}'.length) / 2) };
    expect(Buffer.byteLength(JSON.stringify(exact))).toBe(256 * KIB);
    expect((await execute(def, exact)).status).toBe('SUCCEEDED');
  });
});

describe('variables (Assign)', () => {
  const assign = (values: Record<string, string>): StateMachineDefinition => ({
    QueryLanguage: 'JSONata',
    StartAt: 'Set',
    States: { Set: { Type: 'Pass', Assign: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, `{% $pad('', ${v}, 'x') %}`])), End: true } },
  });

  test('one variable over 256 KiB fails with States.DataLimitExceeded', async () => {
    const run = await execute(assign({ big: String(300 * KIB) }), {});
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(run.cause).toMatch(/'Set'/);
    expect(run.history.map((e) => e.type)).not.toContain('PassStateExited');
  });

  test('the variables of one Assign field together may not pass 256 KiB', async () => {
    expect((await execute(assign({ x: String(128 * KIB - 10) }), {})).status).toBe('SUCCEEDED');
    const run = await execute(assign({ x: String(200 * KIB), y: String(200 * KIB) }), {});
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  test('JSONPath Assign is held to the same limit', async () => {
    const def: StateMachineDefinition = { StartAt: 'Set', States: { Set: { Type: 'Pass', Assign: { 'big.$': '$.blob' }, ResultPath: null, End: true } } };
    // The input itself stays under 256 KiB; the variable is what is too big (two copies).
    const ok = await execute(def, { blob: 'y'.repeat(200 * KIB) });
    expect(ok.status).toBe('SUCCEEDED');
    const twice: StateMachineDefinition = { StartAt: 'Set', States: { Set: { Type: 'Pass', Assign: { 'a.$': '$.blob', 'b.$': '$.blob' }, ResultPath: null, End: true } } };
    expect(await execute(twice, { blob: 'y'.repeat(200 * KIB) })).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  test('all stored variables of an execution may not pass 10 MiB', async () => {
    const States: StateMachineDefinition['States'] = {};
    const n = 50;
    for (let i = 0; i < n; i++) States[`S${i}`] = { Type: 'Pass', Assign: { [`v${i}`]: "{% $pad('', 250 * 1024, 'z') %}" }, ...(i === n - 1 ? { End: true } : { Next: `S${i + 1}` }) };
    const run = await execute({ QueryLanguage: 'JSONata', StartAt: 'S0', States }, {});
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    // 40 variables of 250 KiB fit in 10 MiB; the 41st (state S40) does not.
    expect(run.cause).toMatch(/'S40'/);
  });
});

describe('the longest execution', () => {
  const waitUntil = (timestamp: string): StateMachineDefinition => ({ StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: timestamp, End: true } } });

  test('STANDARD: a Wait until year 9999 times out after one year', async () => {
    const run = await execute(waitUntil('9999-12-31T00:00:00Z'), {});
    expect(run).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(run.stopDate.getTime() - START).toBe(YEAR_MS);
    expect(run.history.at(-1)!.type).toBe('ExecutionTimedOut');
  });

  test('EXPRESS: an execution times out after five minutes', async () => {
    const run = await execute(waitUntil('2024-01-01T00:10:00Z'), {}, { type: 'EXPRESS' });
    expect(run).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(run.stopDate.getTime() - START).toBe(5 * 60 * 1000);
    expect((await execute(waitUntil('2024-01-01T00:04:00Z'), {}, { type: 'EXPRESS' })).status).toBe('SUCCEEDED');
  });

  test('a TimeoutSeconds beyond the maximum does not extend it', async () => {
    const def = { ...waitUntil('2024-01-01T00:10:00Z'), TimeoutSeconds: 3600 };
    const run = await execute(def, {}, { type: 'EXPRESS' });
    expect(run.stopDate.getTime() - START).toBe(5 * 60 * 1000);
  });
});

describe('Wait bounds', () => {
  const secondsPath: StateMachineDefinition = { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } };

  test('SecondsPath 1e300 is not a long: States.Runtime, never "succeeded in NaN s"', async () => {
    const run = await execute(secondsPath, { s: 1e300 });
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(run.cause).toMatch(/The SecondsPath parameter cannot be parsed as a long value: \$\.s == /);
    expect(Number.isFinite(run.stopDate.getTime())).toBe(true);
  });

  test('SecondsPath longer than a year: the execution times out after one year', async () => {
    const run = await execute(secondsPath, { s: 10 * 365 * 24 * 3600 });
    expect(run).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(run.stopDate.getTime() - START).toBe(YEAR_MS);
  });

  test('JSONata Seconds of 1e300: the execution times out, with valid dates throughout', async () => {
    const def: StateMachineDefinition = { QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Wait', Seconds: '{% 1e300 %}', End: true } } };
    const run = await execute(def, {});
    expect(run.status).not.toBe('SUCCEEDED');
    expect(Number.isFinite(run.stopDate.getTime())).toBe(true);
    for (const e of run.history) expect(Number.isFinite(e.timestamp.getTime())).toBe(true);
  });
});
