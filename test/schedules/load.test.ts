import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { StepwrightError, isStepwrightError } from '../../src/model/errors.js';
import { LIMITS, loadSchedulesFile, parseSchedulesYaml } from '../../src/schedules/index.js';

const ROOT = resolve(__dirname, '..', '..');
const EXAMPLES = readdirSync(join(ROOT, 'schedules')).filter((f) => f.endsWith('.yaml')).map((f) => join('schedules', f));
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schema', 'schedules.schema.json'), 'utf8')) as Schema;

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  $defs?: Record<string, Schema>;
}

/** A small walker for the JSON Schema keywords schedules.schema.json uses; returns the paths that fail. */
function schemaErrors(value: unknown, schema: Schema, path = '$'): string[] {
  if (schema.$ref) return schemaErrors(value, SCHEMA.$defs![schema.$ref.replace('#/$defs/', '')]!, path);
  const errors: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: not one of ${schema.enum.join(', ')}`);
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not an object`];
      const obj = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in obj)) errors.push(`${path}: missing ${key}`);
      for (const [key, v] of Object.entries(obj)) {
        const sub = schema.properties?.[key];
        if (sub) errors.push(...schemaErrors(v, sub, `${path}.${key}`));
        else if (schema.additionalProperties === false) errors.push(`${path}: unexpected ${key}`);
        else if (typeof schema.additionalProperties === 'object') errors.push(...schemaErrors(v, schema.additionalProperties, `${path}.${key}`));
      }
      break;
    }
    case 'array':
      if (!Array.isArray(value)) return [`${path}: not an array`];
      if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: too few items`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: too many items`);
      value.forEach((item, i) => errors.push(...(schema.items ? schemaErrors(item, schema.items, `${path}[${i}]`) : [])));
      break;
    case 'string':
      if (typeof value !== 'string') return [`${path}: not a string`];
      if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
      if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${path}: too long`);
      break;
    case 'integer':
      if (!Number.isInteger(value)) return [`${path}: not an integer`];
      if (schema.minimum !== undefined && (value as number) < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
      if (schema.maximum !== undefined && (value as number) > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${path}: not a boolean`);
      break;
  }
  return errors;
}

function problemsOf(text: string): StepwrightError['problems'] {
  try {
    parseSchedulesYaml(text, 'schedules/test.yaml');
  } catch (error) {
    if (isStepwrightError(error)) return error.problems;
    throw error;
  }
  throw new Error('expected problems');
}

describe('example schedules files', () => {
  test.each(EXAMPLES)('%s loads and checks clean', (file) => {
    const loaded = loadSchedulesFile(join(ROOT, file));
    expect(loaded.schedules.length + loaded.rules.length).toBeGreaterThan(0);
  });

  test.each(EXAMPLES)('%s conforms to schema/schedules.schema.json', (file) => {
    const value = parseDocument(readFileSync(join(ROOT, file), 'utf8')).toJS();
    expect(schemaErrors(value, SCHEMA)).toEqual([]);
  });

  test('the schema and the checks agree on the AWS limits', () => {
    const defs = SCHEMA.$defs!;
    const schedule = defs.schedule!.properties!;
    expect(new RegExp(schedule.name!.pattern!).source).toBe(LIMITS.name.source);
    expect(schedule.flexibleTimeWindow!.properties!.maximumWindowInMinutes).toMatchObject({ minimum: LIMITS.flexibleWindowMinutes[0], maximum: LIMITS.flexibleWindowMinutes[1] });
    const retry = schedule.target!.properties!.retryPolicy!.properties!;
    expect(retry.maximumEventAgeInSeconds).toMatchObject({ minimum: 60, maximum: 86400 });
    expect(retry.maximumRetryAttempts).toMatchObject({ minimum: 0, maximum: 185 });
    expect(defs.rule!.properties!.targets).toMatchObject({ maxItems: LIMITS.targetsPerRule });
    expect(schedule.target!.required).toEqual(['workflow', 'role']);
  });
});

describe('problems in a schedules file', () => {
  test('name the file with line and column, the entry, the field and a fix', () => {
    const problems = problemsOf(`schedules:
  - name: nightly
    expression: cron(0 2 * * * *)
    target:
      workflow: ingest
      role: scheduler
      retryPolicy:
        maximumRetryAttempts: 200
`);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'schedules/test.yaml', line: 3, column: 5, schedule: 'nightly', field: 'expression', message: expect.stringContaining('must be "?"'), fix: expect.any(String) }),
      expect.objectContaining({ file: 'schedules/test.yaml', line: 8, column: 9, field: 'target.retryPolicy.maximumRetryAttempts', message: 'maximumRetryAttempts must be a whole number from 0 to 185, not 200' }),
    ]);
  });

  test('every field is checked against AWS limits and formats', () => {
    const problems = problemsOf(`schedules:
  - name: "bad name!"
    group: ok
    expression: rate(5 minutes)
    timezone: Europe/Atlantis
    flexibleTimeWindow: { mode: FLEXIBLE, maximumWindowInMinutes: 2000 }
    state: ON
    kmsKeyArn: not-an-arn
    target:
      workflow: ingest
      role: "arn:aws:iam::12:role/x"
      deadLetterQueue: arn:aws:sns:eu-central-1:123456789012:topic
      retryPolicy: { maximumEventAgeInSeconds: 30 }
      input: { t: "<aws.scheduler.when>" }
rules:
  - name: r
    eventPattern: { source: aws.s3 }
    targets:
      - workflow: ingest
      - workflow: ingest
        role: events
        inputPath: $.detail
        input: { a: 1 }
`);
    const fields = problems.map((p) => `${p.schedule ? 'schedule' : 'rule'} ${p.field}`);
    expect(fields).toEqual([
      'schedule name',
      'schedule timezone',
      'schedule flexibleTimeWindow.maximumWindowInMinutes',
      'schedule state',
      'schedule kmsKeyArn',
      'schedule target.role',
      'schedule target.deadLetterQueue',
      'schedule target.retryPolicy.maximumEventAgeInSeconds',
      'schedule target.input',
      'rule eventPattern',
      'rule targets[0].role',
      'rule targets[1].id',
      'rule targets[1].input',
    ]);
    expect(problems.find((p) => p.field === 'eventPattern')!.message).toBe('Event pattern is not valid. Reason: "source" must be an object or an array');
    expect(problems.find((p) => p.field === 'targets[1].input')!.message).toBe('Only one of Input, InputPath, or InputTransformer must be provided for target ingest.');
  });

  test('unknown keys get a suggestion; missing required fields are named', () => {
    const problems = problemsOf(`schedules:
  - name: a
    expresion: rate(1 hour)
    target: { workflow: ingest }
`);
    // In reading order: a missing field is reported at its entry (line 2).
    expect(problems).toEqual([
      expect.objectContaining({ field: 'expression', message: 'expression is required', line: 2 }),
      expect.objectContaining({ field: 'expresion', message: 'unknown field "expresion" in a schedule', fix: 'Did you mean "expression"?', file: 'schedules/test.yaml', line: 3, column: 5 }),
      expect.objectContaining({ field: 'target.role', message: 'role is required' }),
    ]);
  });

  test('YAML syntax errors, unknown top-level keys and duplicate names', () => {
    expect(problemsOf('schedules:\n  - name: [unclosed\n')[0]).toMatchObject({ file: 'schedules/test.yaml', line: expect.any(Number), column: expect.any(Number) });
    expect(problemsOf('schedule: []\n')[0]).toMatchObject({ field: 'schedule', message: 'unknown top-level key "schedule"' });
    const dup = `rules:
  - { name: r, expression: rate(1 hour), targets: [{ workflow: a, role: x }] }
  - { name: r, expression: rate(2 hours), targets: [{ workflow: a, role: x }] }
`;
    expect(problemsOf(dup)).toEqual([expect.objectContaining({ rule: 'r', line: 3, field: 'name', message: '"r" is already defined at rules[0]' })]);
  });

  test('rules: scheduled rules use the rules dialect and the default bus', () => {
    const problems = problemsOf(`rules:
  - name: r
    bus: custom
    expression: rate(1 hours)
    targets: [{ arn: "arn:aws:sns:eu-central-1:123456789012:t" }]
`);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('singular'), 'scheduled rules run only on the default event bus']);
  });
});
