/**
 * Errors answer as the Step Functions API does: the documented type in `__type` (and
 * x-amzn-ErrorType) with AWS's HTTP status, raised by the SDK as its own exception class; and no
 * request, however malformed, stops the endpoint from serving the next one.
 */
import { CreateStateMachineCommand, DescribeExecutionCommand, ListStateMachinesCommand, StartExecutionCommand, StateMachineDoesNotExist, type SFNClient } from '@aws-sdk/client-sfn';
import { startEndpoint, type LocalEndpoint } from '../../src/serve/index.js';
import { raw, ROLE, sfnClient } from './client.js';

// Validation of each new definition takes a while on a loaded machine; this only guards against a hang.
jest.setTimeout(60_000);

let endpoint: LocalEndpoint;
let sfn: SFNClient;
const json = { 'Content-Type': 'application/x-amz-json-1.0' };
const target = (op: string) => ({ ...json, 'X-Amz-Target': `AWSStepFunctions.${op}` });
let machine: string;

beforeAll(async () => {
  endpoint = await startEndpoint({ port: 0, timeScale: 0 });
  sfn = sfnClient(endpoint.url);
  machine = (await sfn.send(new CreateStateMachineCommand({ name: 'ok', roleArn: ROLE, definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }) }))).stateMachineArn!;
});
afterAll(async () => {
  sfn.destroy();
  await endpoint.close();
});

test.each([
  ['an unknown state machine', () => sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:nope' })), 'StateMachineDoesNotExist', "State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:nope'"],
  ['an unknown execution', () => sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:ok:nope' })), 'ExecutionDoesNotExist', /Execution Does Not Exist/],
  ['an ARN that is not one', () => sfn.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' })), 'InvalidArn', "Invalid Arn: 'not-an-arn'"],
  ['a name AWS does not allow', () => sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name: 'a b' })), 'InvalidName', "Invalid Name: 'a b'"],
  ['input that is not JSON', () => sfn.send(new StartExecutionCommand({ stateMachineArn: machine, input: '{nope' })), 'InvalidExecutionInput', /Invalid State Machine Execution Input/],
  [
    // 140,000 characters, 280,002 bytes of UTF-8: under the request shape's length, over StartExecution's 256 KiB.
    'input over 256 KiB of UTF-8',
    () => sfn.send(new StartExecutionCommand({ stateMachineArn: machine, input: JSON.stringify('é'.repeat(140_000)) })),
    'ValidationException',
    "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144",
  ],
  [
    'an invalid definition',
    () => sfn.send(new CreateStateMachineCommand({ name: 'bad', roleArn: ROLE, definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }) })),
    'InvalidDefinition',
    /Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: .*"B".* at \/States\/A\/Next'/,
  ],
  ['a definition that is not JSON', () => sfn.send(new CreateStateMachineCommand({ name: 'bad2', roleArn: ROLE, definition: '{' })), 'InvalidDefinition', /INVALID_JSON_DESCRIPTION/],
])('%s', async (_what, call, type, message) => {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode: number } },
  );
  expect(error).toBeDefined();
  expect(error!.name).toBe(type);
  expect(error!.$metadata.httpStatusCode).toBe(400);
  if (typeof message === 'string') expect(error!.message).toBe(message);
  else expect(error!.message).toMatch(message);
});

test('the SDK raises its own exception class', async () => {
  await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${machine}x` }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
});

test.each([
  ['a malformed JSON body', '{"name": ', target('ListStateMachines'), 400, 'ValidationException', /not valid JSON/],
  ['a body that is not an object', '[1,2]', target('ListStateMachines'), 400, 'ValidationException', /must be a JSON object/],
  ['no X-Amz-Target', '{}', json, 400, 'MissingAction', /X-Amz-Target/],
  ['an unknown operation', '{}', target('DoSomething'), 400, 'InvalidAction', /Unknown operation 'DoSomething'/],
  ['a target of another service', '{}', { ...json, 'X-Amz-Target': 'DynamoDB_20120810.ListTables' }, 400, 'InvalidAction', /AWSStepFunctions/],
  ['the wrong Content-Type', '{}', { 'Content-Type': 'text/plain', 'X-Amz-Target': 'AWSStepFunctions.ListStateMachines' }, 400, 'ValidationException', /Content-Type/],
  ['a missing required member', '{}', target('StartExecution'), 400, 'ValidationException', /^1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null$/],
  ['members of the wrong type', '{"stateMachineArn": 5, "name": ["x"]}', target('StartExecution'), 400, 'ValidationException', /^2 validation errors detected: .*'stateMachineArn'.*be a string; .*'name'.*be a string$/],
  ['an out-of-range page size', '{"maxResults": 5000}', target('ListStateMachines'), 400, 'ValidationException', /between 0 and 1000/],
  ['an operation the endpoint does not serve', '{}', target('GetActivityTask'), 400, 'InvalidAction', /not served/],
])('%s', async (_what, body, headers, status, type, message) => {
  const res = await raw(endpoint.url, body, headers);
  expect(res.status).toBe(status);
  expect(res.json.__type).toBe(type);
  expect(res.headers.get('x-amzn-errortype')).toBe(type);
  expect(String(res.json.message)).toMatch(message);
});

test('after every kind of bad request the endpoint still serves, and a body past 1 MB is refused', async () => {
  const huge = await raw(endpoint.url, JSON.stringify({ x: 'a'.repeat(1_100_000) }), target('ListStateMachines'));
  expect(huge).toMatchObject({ status: 400, json: { __type: 'ValidationException' } });
  // Garbage that is not HTTP at all.
  await new Promise<void>((resolve) => {
    const { hostname, port } = new URL(endpoint.url);
    void import('node:net').then(({ connect }) => {
      const socket = connect(Number(port), hostname, () => socket.end('NOT HTTP\r\n\r\n'));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
  });
  const list = await sfn.send(new ListStateMachinesCommand({}));
  expect(list.stateMachines!.map((m) => m.name)).toContain('ok');
});
