import { readFileSync } from 'node:fs';
import jsonata from 'jsonata';
import { join, resolve } from 'node:path';
import { StepwrightError } from '../../src/model/errors.js';
import {
  glueJobStateChange,
  loadSchedulesFile,
  matchesEvent,
  resolverFor,
  rule,
  s3ObjectCreated,
  schedule,
  slotStarterDefinition,
  stepFunctionsExecutionStatusChange,
  testEventPattern,
  toCreateScheduleInput,
  toPutRuleInput,
  toPutTargetsInput,
  transformInput,
} from '../../src/schedules/index.js';

const ROOT = resolve(__dirname, '..', '..');
const sample = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, 'schedules', 'samples', name), 'utf8'));
const resolver = resolverFor({ region: 'eu-west-1', account: '123456789012' });
const platform = loadSchedulesFile(join(ROOT, 'schedules', 'fraud-platform.yaml'));
const byName = <T extends { name: string }>(list: T[], name: string): T => list.find((x) => x.name === name)!;

/** Execution names must not contain whitespace, brackets, wildcards or " # % \ ^ | ~ ` $ & , ; : / (StartExecution). */
const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/]{1,80}$/;

describe('CreateSchedule input', () => {
  test('nightly ingest: idempotent, via the universal target and the slot starter', () => {
    const input = toCreateScheduleInput(byName(platform.schedules, 'nightly-ingest'), resolver);
    expect(Object.keys(input)).toEqual(['Description', 'FlexibleTimeWindow', 'GroupName', 'Name', 'ScheduleExpression', 'ScheduleExpressionTimezone', 'State', 'Target']);
    expect(input).toMatchObject({
      FlexibleTimeWindow: { MaximumWindowInMinutes: 15, Mode: 'FLEXIBLE' },
      GroupName: 'fraud-platform',
      Name: 'nightly-ingest',
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      State: 'ENABLED',
    });
    expect(Object.keys(input.Target)).toEqual(['Arn', 'DeadLetterConfig', 'Input', 'RetryPolicy', 'RoleArn']);
    expect(input.Target).toMatchObject({
      Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution',
      DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:fraud-scheduler-dlq' },
      RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 },
      RoleArn: 'arn:aws:iam::123456789012:role/stepwright-scheduler',
    });
    const start = JSON.parse(input.Target.Input!);
    expect(start.StateMachineArn).toBe('arn:aws:states:eu-west-1:123456789012:stateMachine:stepwright-slot-starter');
    expect(JSON.parse(start.Input)).toEqual({
      stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:ingest',
      namePrefix: 'nightly-ingest',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      input: { source: 's3://fraud-landing-123456789012/exports/daily/', scheduledTime: '<aws.scheduler.scheduled-time>' },
    });
  });

  test('the starter names executions validly: no colons from the scheduled time', () => {
    const starter = slotStarterDefinition() as { States: { StartSlot: { Arguments: { Name: string } } } };
    expect(starter.States.StartSlot.Arguments.Name).toContain("$replace($replace($states.input.scheduledTime, /\\.[0-9]+Z$/, 'Z'), /[-:]/, '')");
    // What the JSONata computes, for a Scheduler time, must be a valid execution name.
    const name = `nightly-ingest-${'2025-01-01T01:00:00Z'.replace(/\.[0-9]+Z$/, 'Z').replace(/[-:]/g, '')}`;
    expect(name).toBe('nightly-ingest-20250101T010000Z');
    expect(name).toMatch(EXECUTION_NAME);
    // The raw placeholder value would not be.
    expect('nightly-ingest-2025-01-01T01:00:00Z').not.toMatch(EXECUTION_NAME);
  });

  test('the starter JSONata, run on what Scheduler sends, yields the slot name and the unchanged input', async () => {
    const args = (slotStarterDefinition() as { States: { StartSlot: { Arguments: Record<string, string> } } }).States.StartSlot.Arguments;
    const start = JSON.parse(toCreateScheduleInput(byName(platform.schedules, 'nightly-ingest'), resolver).Target.Input!);
    const sent = JSON.parse(start.Input.replaceAll('<aws.scheduler.scheduled-time>', '2025-01-01T01:00:00Z'));
    const evaluate = (template: string) => jsonata(template.replace(/^{%(.*)%}$/s, '$1')).evaluate({}, { states: { input: sent } });
    expect(await evaluate(args.Name!)).toBe('nightly-ingest-20250101T010000Z');
    expect(await evaluate(args.StateMachineArn!)).toBe('arn:aws:states:eu-west-1:123456789012:stateMachine:ingest');
    expect(JSON.parse(await evaluate(args.Input!))).toEqual({ source: 's3://fraud-landing-123456789012/exports/daily/', scheduledTime: '2025-01-01T01:00:00Z' });
  });

  test('a one-time idempotent schedule names its execution directly', () => {
    const once = schedule({ name: 'backfill-2025', expression: 'at(2025-07-01T03:00:00)', timezone: 'Europe/Berlin', actionAfterCompletion: 'DELETE', target: { workflow: 'pipeline', role: 'arn:aws:iam::123456789012:role/sched', idempotent: true, input: { from: '2025-01-01' } } });
    const input = toCreateScheduleInput(once, resolver);
    expect(input.ActionAfterCompletion).toBe('DELETE');
    expect(JSON.parse(input.Target.Input!)).toEqual({
      StateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:pipeline',
      Name: 'backfill-2025-20250701T010000Z',
      Input: '{"from":"2025-01-01"}',
    });
  });

  test('without idempotent: the templated Step Functions target, with the input as JSON text', () => {
    const s = schedule({ name: 'hourly', expression: 'rate(1 hour)', startDate: '2025-01-01T00:00:00Z', target: { workflow: 'transform', role: 'arn:aws:iam::123456789012:role/sched', input: { at: '<aws.scheduler.scheduled-time>' } } });
    expect(toCreateScheduleInput(s, (name) => `arn:aws:states:us-east-1:111111111111:stateMachine:${name}`)).toEqual({
      FlexibleTimeWindow: { Mode: 'OFF' },
      Name: 'hourly',
      ScheduleExpression: 'rate(1 hour)',
      StartDate: new Date('2025-01-01T00:00:00Z'),
      State: 'ENABLED',
      Target: { Arn: 'arn:aws:states:us-east-1:111111111111:stateMachine:transform', Input: '{"at":"<aws.scheduler.scheduled-time>"}', RoleArn: 'arn:aws:iam::123456789012:role/sched' },
    });
  });

  test('output is deterministic', () => {
    const s = byName(platform.schedules, 'weekly-retrain');
    expect(JSON.stringify(toCreateScheduleInput(s, resolver))).toBe(JSON.stringify(toCreateScheduleInput(structuredClone(s), resolver)));
  });

  test('builders reject what AWS would, with every problem listed', () => {
    expect(() => schedule({ name: 'x', expression: 'cron(0 2 * * ? *)', flexibleTimeWindow: { mode: 'FLEXIBLE', maximumWindowInMinutes: 0 }, target: { workflow: 'ingest', role: 'r', idempotent: true, input: { n: '<aws.scheduler.attempt-number>' } } })).toThrow(StepwrightError);
    try {
      schedule({ name: 'x', expression: 'cron(0 2 * * ? *)', flexibleTimeWindow: { mode: 'FLEXIBLE', maximumWindowInMinutes: 0 }, target: { workflow: 'ingest', role: 'r', idempotent: true, input: { n: '<aws.scheduler.attempt-number>' } } });
    } catch (error) {
      expect((error as StepwrightError).problems.map((p) => p.field)).toEqual(['flexibleTimeWindow.maximumWindowInMinutes', 'target.input']);
    }
  });
});

describe('PutRule and PutTargets input', () => {
  test('ingest on landing', () => {
    const r = byName(platform.rules, 'ingest-on-landing');
    expect(toPutRuleInput(r)).toEqual({
      Name: 'ingest-on-landing',
      Description: 'Ingest each non-empty .csv or .json object that lands under raw/',
      EventPattern:
        '{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["fraud-landing-123456789012"]},"object":{"key":[{"wildcard":"raw/*.csv"},{"wildcard":"raw/*.json"}],"size":[{"numeric":[">",0]}]}}}',
      State: 'ENABLED',
    });
    const targets = toPutTargetsInput(r, resolver);
    expect(targets.Rule).toBe('ingest-on-landing');
    expect(targets.Targets).toEqual([
      {
        Id: 'ingest',
        Arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:ingest',
        RoleArn: 'arn:aws:iam::123456789012:role/stepwright-events',
        InputTransformer: {
          InputPathsMap: { bucket: '$.detail.bucket.name', key: '$.detail.object.key', size: '$.detail.object.size', at: '$.time' },
          InputTemplate: '{"source": "s3://<bucket>/<key>", "sizeBytes": <size>, "landedAt": "<at>", "trigger": "<aws.events.rule-name>"}',
        },
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:fraud-events-dlq' },
      },
    ]);
  });

  test('role names need a resolver that knows the account', () => {
    const r = byName(platform.rules, 'ingest-on-landing');
    expect(() => toPutTargetsInput(r, (name) => `arn:aws:states:eu-west-1:123456789012:stateMachine:${name}`)).toThrow(/no account is known/);
  });
});

describe('sample events against the example rules', () => {
  const s3 = sample('s3-object-created.json');
  const glue = sample('glue-job-failed.json');
  const landing = byName(platform.rules, 'ingest-on-landing');
  const glueFailed = byName(platform.rules, 'parquet-job-failed');

  test('a non-empty .csv or .json object under raw/ starts an ingest with the transformed input', () => {
    const object = (key: string, size: number) => ({ ...s3, detail: { ...(s3.detail as object), object: { key, size } } });
    expect(testEventPattern(landing.eventPattern, s3)).toBe(true);
    expect(testEventPattern(landing.eventPattern, object('raw/year=2025/month=06/day=02/part-0001.csv', 1))).toBe(true);
    expect(testEventPattern(landing.eventPattern, object('curated/x.json', 10))).toBe(false);
    expect(testEventPattern(landing.eventPattern, object('raw/year=2025/month=06/day=02/part-0001.parquet', 10))).toBe(false);
    expect(testEventPattern(landing.eventPattern, object('raw/year=2025/month=06/day=02/part-0001.csv.tmp', 10))).toBe(false);
    expect(testEventPattern(landing.eventPattern, sample('s3-object-created-empty.json'))).toBe(false);
    expect(testEventPattern(landing.eventPattern, sample('s3-object-created-marker.json'))).toBe(false);
    const t = landing.targets[0]!.inputTransformer!;
    const delivered = transformInput(s3, { inputPathsMap: t.inputPathsMap, inputTemplate: t.inputTemplate }, { ruleName: landing.name });
    expect(JSON.parse(delivered!)).toEqual({
      source: 's3://fraud-landing-123456789012/raw/year=2025/month=06/day=02/part-0000.json',
      sizeBytes: 5242880,
      landedAt: '2025-06-02T03:14:07Z',
      trigger: 'ingest-on-landing',
    });
  });

  test('a failed Glue job notifies; the S3 event does not', () => {
    expect(testEventPattern(glueFailed.eventPattern, glue)).toBe(true);
    expect(testEventPattern(glueFailed.eventPattern, s3)).toBe(false);
    expect(testEventPattern(glueFailed.eventPattern, { ...glue, detail: { ...(glue.detail as object), state: 'SUCCEEDED' } })).toBe(false);
    const t = glueFailed.targets[0]!.inputTransformer!;
    expect(transformInput(glue, { inputPathsMap: t.inputPathsMap, inputTemplate: t.inputTemplate })).toBe(
      '"Glue job transactions-raw-to-parquet ended in FAILED (run jr_4f9c2a1b7e3d5c6a8b0e1f2d3c4b5a6978e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4): Command failed with exit code 1"',
    );
  });

  test('a failed or stopped card-accounts replication task starts cdc; other tasks and events do not', () => {
    const dmsFailed = sample('dms-task-failed.json');
    const cdcRule = byName(platform.rules, 'cdc-on-replication-failure');
    const detail = dmsFailed.detail as Record<string, unknown>;
    expect(testEventPattern(cdcRule.eventPattern, dmsFailed)).toBe(true);
    expect(testEventPattern(cdcRule.eventPattern, { ...dmsFailed, detail: { ...detail, eventType: 'REPLICATION_TASK_STOPPED', eventId: 'DMS-EVENT-0079', category: 'StateChange' } })).toBe(true);
    expect(testEventPattern(cdcRule.eventPattern, { ...dmsFailed, detail: { ...detail, eventType: 'REPLICATION_TASK_STARTED', eventId: 'DMS-EVENT-0069', category: 'StateChange' } })).toBe(false);
    expect(testEventPattern(cdcRule.eventPattern, { ...dmsFailed, resources: ['arn:aws:dms:eu-west-1:123456789012:task:another-task'] })).toBe(false);
    expect(testEventPattern(cdcRule.eventPattern, s3)).toBe(false);
    expect(testEventPattern(landing.eventPattern, dmsFailed)).toBe(false);
    const t = cdcRule.targets[0]!.inputTransformer!;
    expect(JSON.parse(transformInput(dmsFailed, { inputPathsMap: t.inputPathsMap, inputTemplate: t.inputTemplate })!)).toEqual({
      trigger: 'dms-event',
      eventType: 'REPLICATION_TASK_FAILED',
      task: 'arn:aws:dms:eu-west-1:123456789012:task:fraud-card-accounts-cdc',
      detectedAt: '2025-06-02T04:12:31Z',
    });
  });

  test('source builders produce the same patterns as the YAML', () => {
    // The landing rule is two of s3ObjectCreated's prefix-and-suffix wildcards (either suffix), plus a size above 0.
    const keyFor = (suffix: string) => ((s3ObjectCreated({ bucket: 'fraud-landing-123456789012', prefix: 'raw/', suffix }).detail as { object: { key: unknown[] } }).object.key);
    expect(landing.eventPattern).toEqual({
      ...s3ObjectCreated({ bucket: 'fraud-landing-123456789012' }),
      detail: { bucket: { name: ['fraud-landing-123456789012'] }, object: { key: [...keyFor('.csv'), ...keyFor('.json')], size: [{ numeric: ['>', 0] }] } },
    });
    expect(glueJobStateChange({ jobName: 'transactions-raw-to-parquet', states: ['FAILED', 'TIMEOUT'] })).toEqual(glueFailed.eventPattern);
  });

  test('s3ObjectCreated with prefix and suffix requires both', () => {
    const pattern = s3ObjectCreated({ bucket: 'b', prefix: 'raw/', suffix: '.csv' });
    const event = (key: string) => ({ ...s3, detail: { bucket: { name: 'b' }, object: { key } } });
    expect(matchesEvent(pattern, event('raw/a.csv'))).toBe(true);
    expect(matchesEvent(pattern, event('raw/a.json'))).toBe(false);
    expect(matchesEvent(pattern, event('other/a.csv'))).toBe(false);
  });

  test('stepFunctionsExecutionStatusChange matches a workflow by name in any account', () => {
    const pattern = stepFunctionsExecutionStatusChange({ workflow: 'pipeline', statuses: ['FAILED', 'TIMED_OUT'] });
    const event = { id: '1', account: '1', source: 'aws.states', time: 't', region: 'r', 'detail-type': 'Step Functions Execution Status Change', detail: { status: 'FAILED', stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:pipeline' } };
    expect(testEventPattern(pattern, event)).toBe(true);
    expect(testEventPattern(pattern, { ...event, detail: { ...event.detail, stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:pipeline-v2' } })).toBe(false);
    expect(() => rule({ name: 'on-failure', eventPattern: pattern, targets: [{ arn: 'arn:aws:sns:eu-west-1:123456789012:alerts' }] })).not.toThrow();
  });
});

describe('pattern details beyond the corpus', () => {
  const envelope = { id: '1', account: '1', source: 's', time: 't', region: 'r', 'detail-type': 'd' };
  test('array consistency: conditions on array elements hold in the same element', () => {
    const pattern = { detail: { items: { sku: ['A'], qty: [{ numeric: ['>', 5] }] } } };
    expect(testEventPattern(pattern, { ...envelope, detail: { items: [{ sku: 'A', qty: 9 }] } })).toBe(true);
    expect(testEventPattern(pattern, { ...envelope, detail: { items: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 9 }] } })).toBe(false);
  });

  test('$or, exists false, equals-ignore-case prefix, wildcard escapes', () => {
    expect(testEventPattern({ $or: [{ a: ['x'] }, { b: [{ exists: false }] }] }, { ...envelope, a: 'y' })).toBe(true);
    expect(testEventPattern({ a: [{ prefix: { 'equals-ignore-case': 'RAW/' } }] }, { ...envelope, a: 'raw/file' })).toBe(true);
    expect(testEventPattern({ a: [{ wildcard: 'a\\*b*' }] }, { ...envelope, a: 'a*bcd' })).toBe(true);
    expect(testEventPattern({ a: [{ wildcard: 'a\\*b*' }] }, { ...envelope, a: 'axbcd' })).toBe(false);
  });
});
