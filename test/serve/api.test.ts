/**
 * `serve` through the real @aws-sdk/client-sfn on a loopback port: state machines, versions,
 * aliases, tags, executions and their history, task tokens, mocked integrations, TestState and
 * ValidateStateMachineDefinition, each answering as the Step Functions API does.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  TagResourceCommand,
  TestStateCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { startEndpoint, type LocalEndpoint } from '../../src/serve/index.js';
import { finished, ROLE, sfnClient } from './client.js';

// Validation of each new definition takes a while on a loaded machine; this only guards against a hang.
jest.setTimeout(60_000);

let endpoint: LocalEndpoint;
let sfn: SFNClient;
const dir = mkdtempSync(join(tmpdir(), 'stepwright-serve-'));
const mockConfig = join(dir, 'MockConfigFile.json');
writeFileSync(
  mockConfig,
  JSON.stringify({
    StateMachines: { orders: { TestCases: { HappyPath: { Charge: 'ChargeOk' }, Declined: { Charge: 'ChargeDeclined' } } } },
    MockedResponses: {
      ChargeOk: { '0': { Return: { StatusCode: 200, Payload: { charged: 42 } } } },
      ChargeDeclined: { '0': { Throw: { Error: 'Card.Declined', Cause: 'insufficient funds' } } },
    },
  }),
);

beforeAll(async () => {
  endpoint = await startEndpoint({ port: 0, timeScale: 0, mockConfig, retain: 50 });
  sfn = sfnClient(endpoint.url);
});
afterAll(async () => {
  sfn.destroy();
  await endpoint.close();
});

const pass = (result: unknown) => JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });
const orders = JSON.stringify({
  StartAt: 'Charge',
  States: {
    Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'charge', 'Payload.$': '$' }, ResultSelector: { 'charged.$': '$.Payload.charged' }, Catch: [{ ErrorEquals: ['Card.Declined'], Next: 'Declined' }], Next: 'Ship' },
    Ship: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:ship', 'Message.$': '$' }, End: true },
    Declined: { Type: 'Fail', Error: 'Declined', Cause: 'card declined' },
  },
});
const approval = JSON.stringify({
  StartAt: 'Ask',
  States: {
    Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals', MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } }, HeartbeatSeconds: 3600, End: true },
  },
});

async function create(name: string, definition: string, extra: Record<string, unknown> = {}): Promise<string> {
  return (await sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE, ...extra }))).stateMachineArn!;
}

async function history(executionArn: string, extra: Record<string, unknown> = {}): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, ...extra }))).events!;
}

async function tokenOf(executionArn: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const scheduled = (await history(executionArn)).find((e) => e.type === 'TaskScheduled');
    if (scheduled) return JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).MessageBody.token;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('no TaskScheduled event');
}

describe('state machines', () => {
  test('create, describe, update with a published version, list, tag and delete', async () => {
    const arn = await create('greeter', pass({ hello: 'world' }), { tags: [{ key: 'team', value: 'data' }] });
    expect(arn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:greeter');
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(described).toMatchObject({ name: 'greeter', status: 'ACTIVE', type: 'STANDARD', roleArn: ROLE, definition: pass({ hello: 'world' }) });
    expect(described.creationDate).toBeInstanceOf(Date);

    // The same request again is idempotent; another definition under the name is refused.
    expect(await create('greeter', pass({ hello: 'world' }))).toBe(arn);
    await expect(create('greeter', pass(1))).rejects.toMatchObject({ name: 'StateMachineAlreadyExists', $metadata: { httpStatusCode: 400 } });

    const updated = await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: pass({ hello: 'again' }), publish: true, versionDescription: 'v1' }));
    expect(updated.stateMachineVersionArn).toBe(`${arn}:1`);
    const version = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${arn}:1` }));
    expect(version).toMatchObject({ stateMachineArn: `${arn}:1`, definition: pass({ hello: 'again' }), description: 'v1' });

    await sfn.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'owner', value: 'ml' }] }));
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
      { key: 'team', value: 'data' },
      { key: 'owner', value: 'ml' },
    ]);

    await create('greeter-b', pass(2));
    const first = await sfn.send(new ListStateMachinesCommand({ maxResults: 1 }));
    expect(first.stateMachines).toHaveLength(1);
    const rest = await sfn.send(new ListStateMachinesCommand({ maxResults: 1000, nextToken: first.nextToken }));
    expect([...first.stateMachines!, ...rest.stateMachines!].map((m) => m.name)).toEqual(expect.arrayContaining(['greeter', 'greeter-b']));

    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: `${arn.replace('greeter', 'greeter-b')}` }));
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn.replace('greeter', 'greeter-b') }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });

  test('an alias routes executions to a version, and ListExecutions filters by it', async () => {
    const arn = await create('routed', pass('v1'), { publish: true });
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: pass('v2') }));
    const alias = await sfn.send(new CreateStateMachineAliasCommand({ name: 'prod', routingConfiguration: [{ stateMachineVersionArn: `${arn}:1`, weight: 100 }] }));
    expect(alias.stateMachineAliasArn).toBe(`${arn}:prod`);
    const viaAlias = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}:prod` }));
    const latest = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    expect((await finished(sfn, viaAlias.executionArn!)).output).toBe('"v1"');
    expect((await finished(sfn, latest.executionArn!)).output).toBe('"v2"');
    const byAlias = await sfn.send(new ListExecutionsCommand({ stateMachineArn: `${arn}:prod` }));
    expect(byAlias.executions!.map((e) => e.executionArn)).toEqual([viaAlias.executionArn]);
    expect(byAlias.executions![0]).toMatchObject({ stateMachineAliasArn: `${arn}:prod`, stateMachineVersionArn: `${arn}:1` });
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }))).executions).toHaveLength(2);
  });

  test('ValidateStateMachineDefinition reports the validator’s problems with their location', async () => {
    expect(await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: pass(1) }))).toMatchObject({ result: 'OK', diagnostics: [] });
    const bad = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } }) }));
    expect(bad.result).toBe('FAIL');
    expect(bad.diagnostics![0]).toMatchObject({ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', location: '/States/A/Next' });
    expect(bad.diagnostics![0]!.message).toContain('Nowhere');
  });
});

describe('executions', () => {
  test('an execution’s history is AWS-shaped, paged by nextToken, in reverse on request, and without data when asked', async () => {
    const arn = await create('history', JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'W' }, W: { Type: 'Wait', Seconds: 30, Next: 'B' }, B: { Type: 'Pass', Result: { done: true }, End: true } } }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'run-1', input: '{"n":1}' }));
    expect(executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:history:run-1');
    const d = await finished(sfn, executionArn!);
    expect(d).toMatchObject({ status: 'SUCCEEDED', name: 'run-1', input: '{"n":1}', output: '{"done":true}', stateMachineArn: arn });
    // The 30 s Wait took no real time (--time-scale 0) but shows in the times.
    expect(d.stopDate!.getTime() - d.startDate!.getTime()).toBe(30_000);

    const all = await history(executionArn!);
    expect(all.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(all[0]).toMatchObject({ id: 1, previousEventId: 0, executionStartedEventDetails: { input: '{"n":1}', roleArn: ROLE } });
    expect(all[0]!.timestamp).toBeInstanceOf(Date);

    const pages: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3, nextToken }));
      expect(page.events!.length).toBeLessThanOrEqual(3);
      pages.push(...page.events!);
      nextToken = page.nextToken;
    } while (nextToken);
    expect(pages).toEqual(all);
    expect((await history(executionArn!, { reverseOrder: true })).map((e) => e.id)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    const bare = await history(executionArn!, { includeExecutionData: false });
    expect(bare[0]!.executionStartedEventDetails).toEqual({ inputDetails: undefined, roleArn: ROLE });
    await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken: 'not-a-token' }))).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  test('a name is idempotent while its execution runs with the same input, and taken afterwards', async () => {
    const arn = await create('approval', approval);
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'order-7', input: '{"order":7}' }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'order-7', input: '{"order":7}' }));
    expect(again.executionArn).toBe(first.executionArn);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'order-7', input: '{"order":8}' }))).rejects.toMatchObject({ name: 'ExecutionAlreadyExists', $metadata: { httpStatusCode: 400 } });
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'order-7', input: '{"order":7}' }))).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  test('a .waitForTaskToken task waits for SendTaskSuccess; heartbeats are accepted; a spent token times out', async () => {
    const arn = await create('approval-2', approval);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"order":9}' }));
    const token = await tokenOf(executionArn!);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: 'not json' }))).rejects.toMatchObject({ name: 'InvalidOutput' });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    expect(await finished(sfn, executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: 'AQBnope' }))).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  test('a running execution’s history pages up to its latest event, and grows as it goes on', async () => {
    const arn = await create('approval-5', approval);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"order":12}' }));
    const token = await tokenOf(executionArn!);
    const first = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3 }));
    const second = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3, nextToken: first.nextToken }));
    expect([...first.events!, ...second.events!].map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted']);
    expect(second.nextToken).toBeUndefined();
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"yes"' }));
    await finished(sfn, executionArn!);
    expect((await history(executionArn!)).slice(5).map((e) => e.type)).toEqual(['TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });

  test('SendTaskFailure fails the task with its error and cause', async () => {
    const arn = await create('approval-3', approval);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"order":10}' }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: await tokenOf(executionArn!), error: 'Rejected', cause: 'over budget' }));
    expect(await finished(sfn, executionArn!)).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'over budget' });
  });

  test('StopExecution aborts a running execution with its error and cause', async () => {
    const arn = await create('approval-4', approval);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"order":11}' }));
    await tokenOf(executionArn!);
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'cancelled by hand' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'cancelled by hand' });
    const last = (await history(executionArn!)).pop()!;
    expect(last).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Operator', cause: 'cancelled by hand' } });
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'ABORTED' }))).executions).toHaveLength(1);
  });

  test('StartSyncExecution runs an EXPRESS machine to the end; a STANDARD one is refused', async () => {
    const express = await create('quick', pass({ fast: true }), { type: 'EXPRESS' });
    const run = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: express, input: '{}' }));
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: '{"fast":true}', stateMachineArn: express });
    expect(run.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:quick:/);
    const standard = await create('slow', pass(1));
    await expect(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: standard }))).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
    await expect(create('express-callback', approval, { type: 'EXPRESS' })).rejects.toMatchObject({ name: 'InvalidDefinition' });
  });
});

describe('mocked service integrations', () => {
  test('a MockConfigFile test case, chosen as stateMachineArn#TestCase, answers the tasks it names', async () => {
    const arn = await create('orders', orders);
    const declined = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#Declined`, input: '{"order":1}' }));
    expect(await finished(sfn, declined.executionArn!)).toMatchObject({ status: 'FAILED', error: 'Declined', cause: 'card declined' });

    // Ship has no mock in HappyPath: the endpoint makes no call, the task fails naming the state.
    const happy = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#HappyPath`, input: '{"order":1}' }));
    const d = await finished(sfn, happy.executionArn!);
    expect(d).toMatchObject({ status: 'FAILED', error: 'stepwright.UnmockedTask' });
    expect(d.cause).toContain("Task state 'Ship'");
    expect(d.cause).toContain('StateMachines.orders.TestCases.HappyPath');
    const scheduled = (await history(happy.executionArn!)).filter((e) => e.type === 'TaskSucceeded');
    expect(JSON.parse(scheduled[0]!.taskSucceededEventDetails!.output!)).toEqual({ StatusCode: 200, Payload: { charged: 42 } });

    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#NoSuchCase` }))).rejects.toMatchObject({ name: 'InvalidName' });
  });
});

describe('TestState', () => {
  const test1 = (definition: unknown, extra: Record<string, unknown> = {}) => sfn.send(new TestStateCommand({ definition: JSON.stringify(definition), roleArn: ROLE, ...extra }));

  test('a JSONata Pass state gives its output and next state', async () => {
    const out = await test1({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.a * 2 %}', Next: 'Later' }, { input: '{"a":21}' });
    expect(out).toMatchObject({ status: 'SUCCEEDED', output: '42', nextState: 'Later' });
  });

  test('a Task answers from the mock; a caught error names the Catch target; a retriable one says so', async () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$' }, Next: 'Done' };
    expect(await test1(task, { input: '{"x":1}', mock: { result: '{"Payload":{"ok":true}}' } })).toMatchObject({ status: 'SUCCEEDED', output: '{"Payload":{"ok":true}}', nextState: 'Done', inspectionData: { afterArguments: '{"FunctionName":"f","Payload":{"x":1}}' } });
    const caught = await test1({ ...task, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handle' }] }, { mock: { errorOutput: { error: 'Boom', cause: 'bad' } } });
    expect(caught).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'Handle', error: 'Boom', cause: 'bad' });
    const retriable = await test1({ ...task, Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 4, MaxAttempts: 2 }] }, { mock: { errorOutput: { error: 'Boom', cause: 'bad' } } });
    expect(retriable).toMatchObject({ status: 'RETRIABLE', error: 'Boom', inspectionData: { errorDetails: { retryBackoffIntervalSeconds: 4 } } });
    const spent = await test1({ ...task, Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 2 }] }, { mock: { errorOutput: { error: 'Boom' } }, stateConfiguration: { retrierRetryCount: 2 } });
    expect(spent).toMatchObject({ status: 'FAILED', error: 'Boom' });
  });

  test('a Choice state names the branch taken', async () => {
    const choice = { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 5, Next: 'Big' }], Default: 'Small' };
    expect(await test1(choice, { input: '{"n":9}' })).toMatchObject({ status: 'SUCCEEDED', nextState: 'Big' });
    expect(await test1(choice, { input: '{"n":1}' })).toMatchObject({ status: 'SUCCEEDED', nextState: 'Small' });
  });
});

test('real time by default: a 1 s Wait runs for a second', async () => {
  const realTime = await startEndpoint({ port: 0 });
  const client = sfnClient(realTime.url);
  try {
    const arn = (await client.send(new CreateStateMachineCommand({ name: 'waits', roleArn: ROLE, definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } }) }))).stateMachineArn;
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn }));
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    const t0 = Date.now();
    const d = await finished(client, executionArn!);
    expect(d.status).toBe('SUCCEEDED');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(800);
    expect(d.stopDate!.getTime() - d.startDate!.getTime()).toBeGreaterThanOrEqual(1000);
  } finally {
    client.destroy();
    await realTime.close();
  }
});

test('finished executions beyond --retain are forgotten, oldest first', async () => {
  const small = await startEndpoint({ port: 0, timeScale: 0, retain: 2 });
  const client = sfnClient(small.url);
  try {
    const arn = (await client.send(new CreateStateMachineCommand({ name: 'kept', roleArn: ROLE, definition: pass(1) }))).stateMachineArn;
    const arns: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn }));
      await finished(client, executionArn!);
      arns.push(executionArn!);
    }
    await expect(client.send(new DescribeExecutionCommand({ executionArn: arns[0] }))).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    expect((await client.send(new ListExecutionsCommand({ stateMachineArn: arn }))).executions!.map((e) => e.executionArn).sort()).toEqual(arns.slice(1).sort());
  } finally {
    client.destroy();
    await small.close();
  }
});
