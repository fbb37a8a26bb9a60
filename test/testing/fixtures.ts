/** A small machine with a Map (retry inside, Catch outside), a Wait and a Choice, for the kit's tests. */
import type { StateMachineDefinition } from 'stepwright';
import type { MockFunction } from 'stepwright/engine';

export const fanOut: StateMachineDefinition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Fan out',
  States: {
    'Fan out': {
      Type: 'Map',
      Items: '{% $states.input.items %}',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: { FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:work', Payload: '{% $states.input %}' },
            Output: '{% $states.result.Payload %}',
            Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 2, BackoffRate: 1, MaxAttempts: 2 }],
            End: true,
          },
        },
      },
      Assign: { total: '{% $sum($states.result) %}' },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }],
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', Seconds: 60, Next: 'Big?' },
    'Big?': {
      Type: 'Choice',
      Choices: [
        { Condition: '{% $total > 100 %}', Next: 'Done' },
        { Condition: '{% $total < 0 %}', Next: 'Done' },
      ],
      Default: 'Small',
    },
    Small: { Type: 'Pass', Output: '{% { "total": $total, "size": "small" } %}', Next: 'Done' },
    Recover: { Type: 'Pass', Next: 'Failed' },
    Failed: { Type: 'Fail', Error: 'Work.Broken', Cause: 'an item could not be processed' },
    Done: { Type: 'Succeed', Output: '{% { "total": $total } %}' },
  },
};

/** Doubles each item; `busy` items fail once with Busy, `broken` ones always fail. */
export const work = (options: { busy?: number[]; broken?: number[] } = {}): MockFunction => (call) => {
  const n = (call.input as { Payload: number }).Payload;
  if (options.broken?.includes(n)) return { Throw: { Error: 'Work.Error', Cause: `item ${n} is broken` } };
  if (options.busy?.includes(n) && call.attempt === 0) return { Throw: { Error: 'Busy', Cause: 'try later' } };
  return { Return: { StatusCode: 200, Payload: n * 2 } };
};
