/**
 * What a run reads of time and chance comes from the run: `$now()` and `$millis()` the execution's
 * clock (virtual in tests), `$uuid()`, `States.UUID`, unseeded `$random()` and `States.MathRandom`
 * the run's seed. So the same input, mocks, clock and seed give the same output.
 */
import { executeDefinition as execute } from '../../src/engine/index.js';
import type { StateMachineDefinition } from '../../src/model/asl.js';

const jsonata: StateMachineDefinition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Now',
  States: {
    Now: { Type: 'Wait', Seconds: 90, Next: 'Read' },
    Read: { Type: 'Pass', Output: "{% { 'now': $now(), 'millis': $millis(), 'day': $now('[Y0001]-[M01]-[D01]', '+0100'), 'uuid': $uuid(), 'random': $random(), 'seeded': $random(7) } %}", End: true },
  },
};

const jsonPath: StateMachineDefinition = {
  StartAt: 'Draw',
  States: { Draw: { Type: 'Pass', Parameters: { 'uuid.$': 'States.UUID()', 'n.$': 'States.MathRandom(1, 1000)' }, End: true } },
};

test("$now() and $millis() are the execution's time, after its Wait, not the machine's", async () => {
  const run = await execute(jsonata, {}, { clock: '2026-11-01T23:30:00Z' });
  expect(run.output).toMatchObject({ now: '2026-11-01T23:31:30.000Z', millis: Date.parse('2026-11-01T23:31:30Z'), day: '2026-11-02' });
});

test('uuids and unseeded random numbers repeat with the seed, and change with it', async () => {
  const [a, b, c] = await Promise.all([execute(jsonata, {}, { seed: 1 }), execute(jsonata, {}, { seed: 1 }), execute(jsonata, {}, { seed: 2 })]);
  expect(a.output).toEqual(b.output);
  expect((a.output as { uuid: string }).uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect((c.output as { uuid: string }).uuid).not.toBe((a.output as { uuid: string }).uuid);
  // A seeded $random(7) is Java's Random(7), whatever the run's seed.
  expect((c.output as { seeded: number }).seeded).toBe((a.output as { seeded: number }).seeded);
  const [p, q] = await Promise.all([execute(jsonPath, {}, { seed: 5 }), execute(jsonPath, {}, { seed: 5 })]);
  expect(p.output).toEqual(q.output);
});
