import { runWorkflow, type WorkflowRun } from 'stepwright/testing';
import 'stepwright/testing/jest';
import train from '../../workflows/train.js';
import { fanOut, work } from './fixtures.js';

const artifacts = { ModelArtifacts: { S3ModelArtifacts: 's3://models/model.tar.gz' } };

/** The message a failing matcher prints (the matcher itself must fail). */
function failure(assert: () => void): string {
  try {
    assert();
  } catch (error) {
    return (error as Error).message.replace(/\u001b\[\d+m/g, '');
  }
  throw new Error('the matcher passed');
}

describe('the matchers on the train example', () => {
  let run: WorkflowRun;
  beforeAll(async () => {
    run = await runWorkflow(train, { date: '2026-11-01' }, {
      mocks: {
        'Train model': [{ Throw: { Error: 'SageMaker.AmazonSageMakerException', Cause: 'Throttling' } }, { Return: artifacts }],
        'Evaluate model': [{ Return: { Payload: { auc: 0.95, modelArtifacts: 's3://models/model.tar.gz' } } }],
        'Register model': [{ Return: { Payload: { modelPackageArn: 'arn:pkg/1' } } }],
      },
    });
  });

  test('a throttled training job is retried, then succeeds', () => {
    expect(run).toSucceed();
    expect(run).toHaveRetried('Train model', 1);
    expect(run).toHaveVisited(['Train model', 'Evaluate model', 'Register model']);
    expect(run).toSucceedWith({ promoted: true, auc: 0.95, modelPackageArn: 'arn:pkg/1' });
    expect(run).toSucceedMatching({ promoted: true });
    expect(run).toHaveCalled('Register model', { Payload: { auc: 0.95 } });
    expect(run).toHaveCalled('arn:aws:states:::sagemaker:createTrainingJob.sync');
    expect(run).toHaveVariables({ threshold: 0.9, jobName: expect.stringMatching(/^fraud-xgb-20261101-/) });
    expect(run).not.toHaveVisited(['Notify below threshold']);
    expect(run).not.toFailWith();
  });

  test('a wrong path says where the run went instead, and prints the path taken', () => {
    const message = failure(() => expect(run).toHaveVisited(['Good enough?', 'Notify below threshold']));
    expect(message).toContain('Expected "Notify below threshold" after "Good enough?", but the run went "Register model" → "Model registered"');
    expect(message).toContain('Path taken (train):');
    expect(message).toContain('Train model  (SageMaker.AmazonSageMakerException → retried after');
  });

  test('a wrong output prints a diff of the output', () => {
    const message = failure(() => expect(run).toSucceedWith({ promoted: false, auc: 0.95, modelPackageArn: 'arn:pkg/1' }));
    expect(message).toContain('The output (after "Model registered") differs');
    expect(message).toMatch(/-\s+"promoted": false/);
    expect(message).toMatch(/\+\s+"promoted": true/);
  });

  test('a typo in a state name lists the states there are', () => {
    const message = failure(() => expect(run).toHaveRetried('TrainModel', 1));
    expect(message).toContain('Train has no state named "TrainModel"; its states: "Name the training run", "Train model"');
  });

  test('toHaveRetried counts retries, not attempts', () => {
    expect(failure(() => expect(run).toHaveRetried('Train model', 2))).toContain('"Train model" was retried 1 time; its failures: SageMaker.AmazonSageMakerException (retried)');
  });
});

describe('failures, catches and nested states', () => {
  test('a failed run names the state it failed at, its error and cause', async () => {
    const run = await runWorkflow(train, { date: '2026-11-01' }, {
      mocks: { 'Train model': [{ Throw: { Error: 'States.TaskFailed', Cause: 'AlgorithmError' } }], 'Notify training failed': [{ Return: { MessageId: 'm-1' } }] },
    });
    expect(run).toFailWith('States.TaskFailed', /Algorithm/);
    expect(run).toFailWith('States.TaskFailed', 'AlgorithmError');
    const message = failure(() => expect(run).toSucceed());
    expect(message).toContain('The run FAILED at state "Training failed" with States.TaskFailed: AlgorithmError');
    expect(message).toContain('Train model  (States.TaskFailed → caught → Notify training failed)');
  });

  test('a retry inside a Map item is counted on the item\'s state', async () => {
    const run = await runWorkflow(fanOut, { items: [1, 2, 3] }, { mocks: { Work: work({ busy: [2] }) } });
    expect(run).toSucceedWith({ total: 12 });
    expect(run).toHaveRetried('Work', 1);
    expect(run).toHaveRetried('Fan out', 0);
  });

  test('a failed Map item is caught by the Map\'s Catch, and the run fails at the Fail state', async () => {
    const run = await runWorkflow(fanOut, { items: [1, 2, 3] }, { mocks: { Work: work({ broken: [3] }) } });
    expect(run).toFailWith('Work.Broken', 'an item could not be processed');
    expect(run).toHaveCaught('Fan out', 'Work.Error');
    expect(run).toHaveVisited(['Fan out', 'Work', 'Recover', 'Failed']);
    expect(run.failedAt?.name).toBe('Failed');
    expect(run.visits.filter((v) => v.name === 'Work').every((v) => v.parent?.name === 'Fan out')).toBe(true);
    expect(failure(() => expect(run).toHaveCaught('Fan out', 'States.Timeout'))).toContain('"Fan out" caught Work.Error → "Recover"');
  });

  test('variables set by a Map are read from its exit; the Choice default is taken', async () => {
    const run = await runWorkflow(fanOut, { items: [1, 2] }, { mocks: { Work: work() } });
    expect(run).toSucceedWith({ total: 6 });
    expect(run).toHaveVariables({ total: 6 });
    expect(run).toHaveVisited(['Big?', 'Small', 'Done']);
    expect(run.transitions.find((t) => t.from === 'Big?')).toMatchObject({ to: 'Small', kind: 'default' });
  });
});

describe('the virtual clock', () => {
  test('the start time is the user\'s, and Waits and retries move time without waiting', async () => {
    const started = Date.now();
    const run = await runWorkflow(fanOut, { items: [5] }, { clock: '2026-11-01T02:00:00Z', mocks: { Work: work({ busy: [5] }) } });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.startDate.toISOString()).toBe('2026-11-01T02:00:00.000Z');
    const [failure] = run.visits.find((v) => v.name === 'Work')!.failures;
    expect(failure!.retried).toEqual({ retrier: 0, delaySeconds: 2 });
    expect(run.enteredAt('Pause')[0]!.toISOString()).toBe('2026-11-01T02:00:02.000Z');
    expect(run.enteredAt('Big?')[0]!.toISOString()).toBe('2026-11-01T02:01:02.000Z');
    expect(run.stopDate.toISOString()).toBe('2026-11-01T02:01:02.000Z');
  });

  test('the same inputs give the same run', async () => {
    const once = () => runWorkflow(train, { date: '2026-11-01' }, { mocks: { 'Train model': [{ Throw: { Error: 'SageMaker.AmazonSageMakerException', Cause: 'x' } }, { Return: artifacts }], 'Evaluate model': [{ Return: { Payload: { auc: 0.5 } } }], 'Notify below threshold': [{ Return: {} }] } });
    const [a, b] = [await once(), await once()];
    expect(JSON.stringify(b.history)).toBe(JSON.stringify(a.history));
    expect(a.variables.jobName).toBe(b.variables.jobName);
  });
});
