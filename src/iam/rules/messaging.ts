/**
 * Lambda, SNS, SQS, EventBridge, DynamoDB, Step Functions and the HTTP Task.
 * - lambda: https://docs.aws.amazon.com/step-functions/latest/dg/lambda-iam.html
 * - sns: https://docs.aws.amazon.com/step-functions/latest/dg/sns-iam.html
 * - sqs: https://docs.aws.amazon.com/step-functions/latest/dg/sqs-iam.html
 * - events: https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-iam.html
 * - dynamodb: https://docs.aws.amazon.com/step-functions/latest/dg/dynamo-iam.html
 * - states: https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html
 * - http: https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html#connect-http-task-permissions
 */
import { accountWide, type Call } from '../context.js';
import type { Grant } from '../types.js';
import { arnOr, type RuleTable } from './rule.js';
import { unqualifiedStateMachineArn } from '../../model/resource.js';

/** FunctionName as Lambda accepts it: name, name:qualifier, partial ARN or ARN; unqualified ones also allow versions/aliases. */
export function functionArns(call: Call, value: string): string[] {
  if (value === '*') return [call.arn('lambda', 'function:*')];
  let arn: string;
  if (value.startsWith('arn:')) arn = value;
  else if (/^\d{12}:function:/.test(value)) arn = call.arn('lambda', value.split(':').slice(1).join(':'), { account: value.split(':')[0]! });
  else arn = call.arn('lambda', `function:${value}`);
  const qualified = arn.split(':').length > 7;
  return qualified ? [arn] : [arn, `${arn}:*`];
}

/** `https://sqs.us-east-1.amazonaws.com/123456789012/jobs` → `arn:aws:sqs:us-east-1:123456789012:jobs`. */
function queueArn(call: Call): string {
  const url = call.literal('QueueUrl');
  const match = url?.match(/^https:\/\/(?:sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|([a-z0-9-]+)\.queue\.amazonaws\.com|queue\.amazonaws\.com)\/(\d+)\/([^/?]+)$/);
  if (!match) {
    call.warn(`QueueUrl is ${url === undefined ? 'set at run time' : 'not an SQS queue URL'}, so the policy allows any queue`);
    return call.arn('sqs', '*');
  }
  const region = match[1] ?? match[2];
  return call.arn('sqs', match[4]!, { ...(region ? { region } : {}), account: match[3]! });
}

function eventBuses(call: Call): string[] {
  const entries = call.items('Entries');
  if (entries === 'dynamic' || entries === undefined) {
    call.warn('Entries is set at run time, so events:PutEvents allows any event bus');
    return [call.arn('events', 'event-bus/*')];
  }
  return entries.map((_e, i) => {
    const bus = call.name(`Entries.${i}.EventBusName`, 'default');
    return arnOr(call, bus, (b) => call.arn('events', `event-bus/${b}`));
  });
}

function startExecution(call: Call): Grant[] {
  const machine = call.name('StateMachineArn');
  const machineArn = arnOr(call, machine, () => call.arn('states', 'stateMachine:*'));
  const grants: Grant[] = [{ actions: ['states:StartExecution'], resources: [machineArn] }];
  if (call.pattern === 'sync') {
    // Executions are named under the machine, also when a version or alias started them.
    grants.push({ actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [`${unqualifiedStateMachineArn(machineArn).replace(':stateMachine:', ':execution:')}:*`] });
    grants.push({ actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], resources: [call.arn('events', 'rule/StepFunctionsGetEventsForStepFunctionsExecutionRule')] });
  }
  return grants;
}

function httpInvoke(call: Call): Grant[] {
  const connection = call.literal('Authentication.ConnectionArn');
  let connectionArn: string;
  if (connection?.startsWith('arn:')) {
    // arn:aws:events:region:account:connection/name/uuid → any version of that connection.
    const [head, name] = connection.split('/');
    connectionArn = `${head}/${name}/*`;
  } else {
    call.warn('Authentication.ConnectionArn is set at run time, so the policy allows any EventBridge connection');
    connectionArn = call.arn('events', 'connection/*');
  }
  const { machine } = call.scope.stateMachine(call.state);
  const method = call.literal('Method');
  const endpoint = call.literal('ApiEndpoint');
  if (method === undefined) call.warn('Method is set at run time, so states:InvokeHTTPEndpoint is not limited to one method');
  if (endpoint === undefined) call.warn('ApiEndpoint is set at run time, so states:InvokeHTTPEndpoint is not limited to one endpoint');
  const condition: Record<string, Record<string, string>> = {};
  if (method !== undefined) condition.StringEquals = { 'states:HTTPMethod': method };
  if (endpoint !== undefined) condition.StringLike = { 'states:HTTPEndpoint': endpoint };
  return [
    { actions: ['events:RetrieveConnectionCredentials'], resources: [connectionArn] },
    { actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: [`arn:${call.scope.partition}:secretsmanager:*:*:secret:events!connection/*`] },
    { actions: ['states:InvokeHTTPEndpoint'], resources: [machine], ...(Object.keys(condition).length > 0 ? { condition } : {}) },
  ];
}

const table = (call: Call) => {
  const name = call.name('TableName');
  return arnOr(call, name, (t) => call.arn('dynamodb', `table/${t}`));
};

export const messagingRules: RuleTable = {
  'lambda:invoke': (call) => [{ actions: ['lambda:InvokeFunction'], resources: functionArns(call, call.name('FunctionName')) }],
  'sns:publish': (call) => {
    const target = call.literal('TopicArn') ?? call.literal('TargetArn');
    if (target === undefined && call.literal('PhoneNumber') === undefined) call.warn('TopicArn is set at run time, so sns:Publish allows any topic');
    if (target === undefined && call.literal('PhoneNumber') !== undefined) return [accountWide(call, ['sns:Publish'], 'to a phone number has no resource')];
    return [{ actions: ['sns:Publish'], resources: [target ?? call.arn('sns', '*')] }];
  },
  'sqs:sendMessage': (call) => [{ actions: ['sqs:SendMessage'], resources: [queueArn(call)] }],
  'events:putEvents': (call) => [{ actions: ['events:PutEvents'], resources: eventBuses(call) }],
  'dynamodb:getItem': (call) => [{ actions: ['dynamodb:GetItem'], resources: [table(call)] }],
  'dynamodb:putItem': (call) => [{ actions: ['dynamodb:PutItem'], resources: [table(call)] }],
  'dynamodb:updateItem': (call) => [{ actions: ['dynamodb:UpdateItem'], resources: [table(call)] }],
  'dynamodb:deleteItem': (call) => [{ actions: ['dynamodb:DeleteItem'], resources: [table(call)] }],
  'states:startExecution': startExecution,
  'http:invoke': httpInvoke,
};
