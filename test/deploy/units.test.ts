/** The pure pieces of deploy: comparing what AWS returns, names, slot inputs, which errors are waited out. */
import { canonicalJson, policyDocument, tagChanges } from '../../src/deploy/compare.js';
import { isRoleNotYetAssumable } from '../../src/deploy/machines.js';
import { busName, deploySettings, executionRoleName, ruleArn } from '../../src/deploy/settings.js';
import { inputFor } from '../../src/deploy/backfill.js';
import type { ScheduleArtifact } from '../../src/project/index.js';

const settings = deploySettings({ name: 'fraud-platform', region: 'eu-west-1', account: '123456789012', partition: 'aws', workflows: 'workflows', schedules: 'schedules' });

test('the deploy settings have their defaults', () => {
  expect(settings).toMatchObject({ alias: 'live', scheduleGroup: 'fraud-platform', rolePath: '/stepwright/fraud-platform/', executionRoles: {} });
  expect(() => deploySettings({ name: 'x', partition: 'aws', workflows: 'w', schedules: 's' })).toThrow(/deploying needs the AWS region/);
});

test('policy documents compare as data, URL-encoded (as IAM returns them) or not', () => {
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['states:StartExecution'], Resource: ['arn:aws:states:eu-west-1:1:stateMachine:a'] }] };
  expect(policyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
  expect(policyDocument(JSON.stringify(doc))).toEqual(doc);
  expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
});

test('tags: what to set and what to remove; AWS’s own aws: tags are never removed', () => {
  expect(tagChanges({ a: '1', b: '2', 'aws:cloudformation:stack-name': 's' }, { a: '1', c: '3' })).toEqual({ set: { c: '3' }, remove: ['b'] });
  expect(tagChanges({ a: '1' }, { a: '1' })).toBeUndefined();
});

test('role names longer than IAM’s 64 characters keep their start and a stable hash', () => {
  const long = executionRoleName(settings, 'a-workflow-with-a-very-long-name-that-goes-on-and-on');
  expect(long).toHaveLength(64);
  expect(long).toBe(executionRoleName(settings, 'a-workflow-with-a-very-long-name-that-goes-on-and-on'));
  expect(long).not.toBe(executionRoleName(settings, 'a-workflow-with-a-very-long-name-that-goes-on-and-on2'));
  expect(executionRoleName(settings, 'ingest')).toBe('fraud-platform-ingest');
});

test('rules on another bus, given by name or ARN', () => {
  expect(busName('arn:aws:events:eu-west-1:123456789012:event-bus/team')).toBe('team');
  expect(busName('arn:aws:events:eu-west-1:123456789012:event-bus/default')).toBeUndefined();
  expect(ruleArn(settings, 'r', 'team')).toBe('arn:aws:events:eu-west-1:123456789012:rule/team/r');
  expect(ruleArn(settings, 'r')).toBe('arn:aws:events:eu-west-1:123456789012:rule/r');
});

test('a backfilled slot gets the schedule’s input with Scheduler’s context attributes filled in', () => {
  const schedule = { name: 'nightly', spec: { target: { input: { at: '<aws.scheduler.scheduled-time>', from: '<aws.scheduler.schedule-arn>', try: '<aws.scheduler.attempt-number>', other: '<aws.events.rule-name>' } } } } as unknown as ScheduleArtifact;
  const slot = { time: new Date('2026-11-01T01:00:00.000Z'), executionName: 'nightly-20261101T010000Z', status: 'planned' as const };
  expect(JSON.parse(inputFor(schedule, slot, 'arn:aws:scheduler:eu-west-1:1:schedule/g/nightly'))).toEqual({ at: '2026-11-01T01:00:00Z', from: 'arn:aws:scheduler:eu-west-1:1:schedule/g/nightly', try: '1', other: '<aws.events.rule-name>' });
});

test('only a role the service cannot assume yet is waited for, not a missing permission of the caller', () => {
  const error = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: {} });
  expect(isRoleNotYetAssumable(error('AccessDeniedException', 'Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role.'))).toBe(true);
  expect(isRoleNotYetAssumable(error('ValidationException', 'The execution role you provide must allow AWS EventBridge Scheduler to assume the role.'))).toBe(true);
  expect(isRoleNotYetAssumable(error('AccessDeniedException', 'User: arn:aws:sts::1:assumed-role/ci/session is not authorized to perform: states:CreateStateMachine on resource: arn:aws:states:eu-west-1:1:stateMachine:x'))).toBe(false);
  expect(isRoleNotYetAssumable(error('ValidationException', 'Invalid State Machine Definition'))).toBe(false);
});
