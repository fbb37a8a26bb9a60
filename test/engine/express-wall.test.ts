/**
 * An EXPRESS execution lasts at most five minutes (AWS: "Maximum duration: 5 minutes"). A loop that
 * never reaches a Wait never moves the virtual clock, and EXPRESS executions have no history quota,
 * so the five minutes are also counted in real time: such a loop ends TIMED_OUT, as on AWS.
 */
import { executeDefinition as execute } from '../../src/engine/index.js';
import type { StateMachineDefinition } from '../../src/model/asl.js';

const loop: StateMachineDefinition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Again',
  States: {
    Again: { Type: 'Pass', Next: 'Forever?' },
    'Forever?': { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'Again' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

afterEach(() => jest.useRealTimers());

test('an EXPRESS loop without a Wait times out after five minutes of real time', async () => {
  // Fake only setTimeout: the run still yields to the event loop through setImmediate.
  jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask', 'performance', 'hrtime', 'Date'] });
  // A real-time abort (Node's own timer, not the faked one) so that, were the limit missing, the test fails instead of hanging.
  const run = execute(loop, {}, { type: 'EXPRESS', signal: AbortSignal.timeout(10_000) });
  await new Promise((resolve) => setImmediate(resolve));
  jest.advanceTimersByTime(5 * 60 * 1000);
  const result = await run;
  expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
});

test('a STANDARD loop ends earlier, at the history quota, without waiting', async () => {
  const result = await execute(loop, {});
  expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
});
