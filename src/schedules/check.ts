/**
 * Checks a schedule or rule (from YAML or from the builders) against its shape and AWS's limits and
 * formats. Returns every problem found, each with the path of the field (`target.retryPolicy.maximumRetryAttempts`),
 * so the loader can add the file, the line and the entry.
 */
import { StepwrightError } from '../model/errors.js';
import { closest } from '../model/suggest.js';
import { LIMITS } from './model.js';
import { parseScheduleExpression, type ExpressionDialect } from './expression.js';
import { compileEventPattern, EventBridgeApiError } from './pattern.js';
import { validateTargetInput } from './transformer.js';
import { isTimeZone } from './zone.js';

export type FieldPath = Array<string | number>;

export interface FieldProblem {
  path: FieldPath;
  message: string;
  fix?: string;
}

const SCHEDULE_KEYS = ['name', 'group', 'description', 'expression', 'timezone', 'flexibleTimeWindow', 'startDate', 'endDate', 'state', 'actionAfterCompletion', 'kmsKeyArn', 'target'];
const SCHEDULE_TARGET_KEYS = ['workflow', 'input', 'role', 'retryPolicy', 'deadLetterQueue', 'idempotent'];
const RULE_KEYS = ['name', 'bus', 'description', 'eventPattern', 'expression', 'state', 'targets'];
const RULE_TARGET_KEYS = ['id', 'workflow', 'arn', 'role', 'input', 'inputPath', 'inputTransformer', 'retryPolicy', 'deadLetterQueue'];
const SCHEDULER_CONTEXT = /<aws\.scheduler\.([a-z-]+)>/g;
const SCHEDULER_ATTRIBUTES = ['schedule-arn', 'scheduled-time', 'execution-id', 'attempt-number'];

/** Formats a path for messages: `targets[0].inputTransformer.inputTemplate`. */
export function formatPath(path: FieldPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

class Checker {
  readonly problems: FieldProblem[] = [];

  add(path: FieldPath, message: string, fix?: string): void {
    this.problems.push(fix ? { path, message, fix } : { path, message });
  }

  object(value: unknown, path: FieldPath, allowed: string[], what: string): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(path, `${what} must be a mapping (key: value), not ${describe(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        const near = closest(key, allowed);
        this.add([...path, key], `unknown field "${key}" in ${what}`, near ? `Did you mean "${near}"?` : `Allowed fields: ${allowed.join(', ')}.`);
      }
    }
    return value as Record<string, unknown>;
  }

  string(obj: Record<string, unknown>, key: string, path: FieldPath, opts: { required?: boolean; pattern?: RegExp; max?: number; fix?: string; what?: string } = {}): string | undefined {
    const value = obj[key];
    const at = [...path, key];
    if (value === undefined || value === null) {
      if (opts.required) this.add(at, `${key} is required`, opts.fix);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(at, `${key} must be a string, not ${describe(value)}`, opts.fix);
      return undefined;
    }
    if (opts.max !== undefined && value.length > opts.max) this.add(at, `${key} is ${value.length} characters; AWS allows at most ${opts.max}`, opts.fix);
    else if (opts.pattern && !opts.pattern.test(value)) this.add(at, `"${value}" is not ${opts.what ?? `a valid ${key}`}`, opts.fix);
    return value;
  }

  integer(obj: Record<string, unknown>, key: string, path: FieldPath, [min, max]: readonly [number, number], required = false): number | undefined {
    const value = obj[key];
    const at = [...path, key];
    if (value === undefined || value === null) {
      if (required) this.add(at, `${key} is required`, `Give a whole number from ${min} to ${max}.`);
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(at, `${key} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`, `Give a whole number from ${min} to ${max}.`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(obj: Record<string, unknown>, key: string, path: FieldPath, values: readonly T[]): T | undefined {
    const value = obj[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !values.includes(value as T)) {
      this.add([...path, key], `${key} must be one of ${values.join(', ')}, not ${JSON.stringify(value)}`);
      return undefined;
    }
    return value as T;
  }

  expression(text: string | undefined, path: FieldPath, dialect: ExpressionDialect): void {
    if (text === undefined) return;
    if (text.length > LIMITS.scheduleExpression) {
      this.add(path, `the expression is longer than ${LIMITS.scheduleExpression} characters`);
      return;
    }
    try {
      parseScheduleExpression(text, dialect);
    } catch (error) {
      if (!(error instanceof StepwrightError)) throw error;
      for (const p of error.problems) this.add(path, p.message, p.fix);
    }
  }

  retryPolicy(value: unknown, path: FieldPath): void {
    if (value === undefined) return;
    const obj = this.object(value, path, ['maximumEventAgeInSeconds', 'maximumRetryAttempts'], 'retryPolicy');
    if (!obj) return;
    this.integer(obj, 'maximumEventAgeInSeconds', path, LIMITS.maximumEventAgeInSeconds);
    this.integer(obj, 'maximumRetryAttempts', path, LIMITS.maximumRetryAttempts);
  }

  role(obj: Record<string, unknown>, path: FieldPath, required: boolean): void {
    const role = this.string(obj, 'role', path, { required, fix: 'Give an IAM role ARN (arn:aws:iam::123456789012:role/name) or a role name.' });
    if (role !== undefined && !(role.startsWith('arn:') ? LIMITS.roleArn : LIMITS.roleName).test(role)) {
      this.add([...path, 'role'], `"${role}" is neither an IAM role ARN nor a role name`, 'Give arn:aws:iam::<account>:role/<name>, or the role name alone.');
    }
  }

  deadLetterQueue(obj: Record<string, unknown>, path: FieldPath): void {
    this.string(obj, 'deadLetterQueue', path, { pattern: LIMITS.sqsArn, what: 'an SQS queue ARN', fix: 'Give the queue ARN, arn:aws:sqs:<region>:<account>:<queue-name>.' });
  }
}

/** Levenshtein distance, to suggest the field a typo meant. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

function jsonSize(value: unknown): number {
  return value === undefined ? 0 : typeof value === 'string' ? value.length : JSON.stringify(value).length;
}

function isoDate(c: Checker, obj: Record<string, unknown>, key: string, path: FieldPath): number | undefined {
  const value = obj[key];
  if (value instanceof Date) return value.getTime();
  const text = c.string(obj, key, path);
  if (text === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) c.add([...path, key], `"${text}" is not an ISO 8601 date-time with a zone`, 'Write e.g. 2025-01-01T00:00:00Z.');
  return Number.isNaN(ms) ? undefined : ms;
}

/** Every problem with a schedule (CreateSchedule's limits and formats). */
export function checkSchedule(value: unknown): FieldProblem[] {
  const c = new Checker();
  const s = c.object(value, [], SCHEDULE_KEYS, 'a schedule');
  if (!s) return c.problems;
  c.string(s, 'name', [], { required: true, pattern: LIMITS.name, what: 'a valid schedule name (1-64 of 0-9 a-z A-Z - _ .)' });
  c.string(s, 'group', [], { pattern: LIMITS.name, what: 'a valid schedule group name (1-64 of 0-9 a-z A-Z - _ .)' });
  c.string(s, 'description', [], { max: LIMITS.description });
  const expression = c.string(s, 'expression', [], { required: true, fix: 'Add expression: cron(...), rate(...) or at(...).' });
  c.expression(expression, ['expression'], 'scheduler');
  const tz = c.string(s, 'timezone', [], { max: LIMITS.timezone });
  if (tz !== undefined && tz.length <= LIMITS.timezone && !isTimeZone(tz)) c.add(['timezone'], `"${tz}" is not a known time zone`, 'Use an IANA name such as Europe/Berlin or America/New_York.');
  if (s.flexibleTimeWindow !== undefined) {
    const w = c.object(s.flexibleTimeWindow, ['flexibleTimeWindow'], ['mode', 'maximumWindowInMinutes'], 'flexibleTimeWindow');
    if (w) {
      const mode = c.oneOf(w, 'mode', ['flexibleTimeWindow'], ['OFF', 'FLEXIBLE'] as const);
      if (w.mode === undefined) c.add(['flexibleTimeWindow', 'mode'], 'mode is required', 'Use mode: OFF, or mode: FLEXIBLE with maximumWindowInMinutes.');
      if (mode === 'FLEXIBLE') c.integer(w, 'maximumWindowInMinutes', ['flexibleTimeWindow'], LIMITS.flexibleWindowMinutes, true);
      if (mode === 'OFF' && w.maximumWindowInMinutes !== undefined) c.add(['flexibleTimeWindow', 'maximumWindowInMinutes'], 'maximumWindowInMinutes only applies to mode FLEXIBLE', 'Remove it, or set mode: FLEXIBLE.');
    }
  }
  const start = isoDate(c, s, 'startDate', []);
  const end = isoDate(c, s, 'endDate', []);
  if (start !== undefined && end !== undefined && end <= start) c.add(['endDate'], 'endDate must be after startDate');
  c.oneOf(s, 'state', [], ['ENABLED', 'DISABLED'] as const);
  c.oneOf(s, 'actionAfterCompletion', [], ['NONE', 'DELETE'] as const);
  c.string(s, 'kmsKeyArn', [], { pattern: LIMITS.kmsKeyArn, what: 'a KMS key or alias ARN' });
  if (s.target === undefined) {
    c.add(['target'], 'target is required', 'Add target: { workflow: <name>, role: <role> }.');
    return c.problems;
  }
  const t = c.object(s.target, ['target'], SCHEDULE_TARGET_KEYS, 'target');
  if (!t) return c.problems;
  c.string(t, 'workflow', ['target'], { required: true, pattern: LIMITS.workflowName, what: 'a workflow (state machine) name', fix: 'Name the workflow to start, e.g. workflow: ingest.' });
  c.role(t, ['target'], true);
  c.retryPolicy(t.retryPolicy, ['target', 'retryPolicy']);
  c.deadLetterQueue(t, ['target']);
  if (t.idempotent !== undefined && typeof t.idempotent !== 'boolean') c.add(['target', 'idempotent'], 'idempotent must be true or false');
  if (t.input !== undefined) {
    if (jsonSize(t.input) > LIMITS.schedulerInput) c.add(['target', 'input'], `input is ${jsonSize(t.input)} characters as JSON; Scheduler allows ${LIMITS.schedulerInput}`);
    for (const [, attribute] of JSON.stringify(t.input).matchAll(SCHEDULER_CONTEXT)) {
      if (!SCHEDULER_ATTRIBUTES.includes(attribute!)) {
        c.add(['target', 'input'], `<aws.scheduler.${attribute}> is not a Scheduler context attribute`, `Use one of ${SCHEDULER_ATTRIBUTES.map((a) => `<aws.scheduler.${a}>`).join(', ')}.`);
      } else if (t.idempotent === true && (attribute === 'execution-id' || attribute === 'attempt-number')) {
        c.add(['target', 'input'], `<aws.scheduler.${attribute}> changes between retries, so an idempotent target's retry would carry a different input`, 'Remove it from input, or set idempotent: false.');
      }
    }
  }
  return c.problems;
}

/** Every problem with a rule (PutRule and PutTargets limits and formats). */
export function checkRule(value: unknown): FieldProblem[] {
  const c = new Checker();
  const r = c.object(value, [], RULE_KEYS, 'a rule');
  if (!r) return c.problems;
  c.string(r, 'name', [], { required: true, pattern: LIMITS.name, what: 'a valid rule name (1-64 of 0-9 a-z A-Z - _ .)' });
  const bus = c.string(r, 'bus', [], { pattern: LIMITS.bus, what: 'an event bus name or ARN' });
  c.string(r, 'description', [], { max: LIMITS.description });
  c.oneOf(r, 'state', [], ['ENABLED', 'DISABLED'] as const);
  const hasPattern = r.eventPattern !== undefined;
  const expression = c.string(r, 'expression', []);
  if (hasPattern === (expression !== undefined)) {
    c.add([hasPattern ? 'expression' : 'eventPattern'], hasPattern ? 'a rule has an eventPattern or an expression, not both' : 'a rule needs an eventPattern or an expression', 'Keep eventPattern for events, or expression for a schedule (prefer an EventBridge Scheduler schedule for those).');
  }
  c.expression(expression, ['expression'], 'rule');
  if (expression !== undefined && bus !== undefined && bus !== 'default' && !bus.endsWith('event-bus/default')) {
    c.add(['expression'], 'scheduled rules run only on the default event bus', 'Remove bus, or use an EventBridge Scheduler schedule.');
  }
  if (hasPattern) {
    const text = JSON.stringify(r.eventPattern);
    if (text.length > LIMITS.eventPattern) c.add(['eventPattern'], `the event pattern is ${text.length} characters as JSON; AWS allows ${LIMITS.eventPattern}`);
    try {
      compileEventPattern(r.eventPattern);
    } catch (error) {
      if (!(error instanceof EventBridgeApiError)) throw error;
      c.add(['eventPattern'], error.message, 'See https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html for the pattern syntax.');
    }
  }
  if (!Array.isArray(r.targets) || r.targets.length === 0) {
    c.add(['targets'], 'targets must be a list of 1 to 5 targets', 'Add targets: [{ workflow: <name>, role: <role> }].');
    return c.problems;
  }
  if (r.targets.length > LIMITS.targetsPerRule) c.add(['targets'], `a rule has at most ${LIMITS.targetsPerRule} targets, not ${r.targets.length}`);
  const ids = new Set<string>();
  r.targets.forEach((target, i) => {
    const path: FieldPath = ['targets', i];
    const t = c.object(target, path, RULE_TARGET_KEYS, 'a rule target');
    if (!t) return;
    const id = c.string(t, 'id', path, { pattern: LIMITS.targetId, what: 'a valid target id (1-64 of 0-9 a-z A-Z - _ .)' });
    const workflow = c.string(t, 'workflow', path, { pattern: LIMITS.workflowName, what: 'a workflow (state machine) name' });
    const arn = c.string(t, 'arn', path, { pattern: LIMITS.targetArn, what: 'an ARN' });
    if ((workflow === undefined) === (arn === undefined) && (t.workflow === undefined) === (t.arn === undefined)) {
      c.add(path, 'a rule target needs a workflow or an arn (exactly one)', 'Give workflow: <name> to start a workflow, or arn: <target ARN>.');
    }
    const key = id ?? targetIdFor({ workflow, arn });
    if (key && ids.has(key)) c.add([...path, 'id'], `target id "${key}" is used twice in this rule`, 'Give each target a distinct id.');
    if (key) ids.add(key);
    c.role(t, path, workflow !== undefined);
    c.retryPolicy(t.retryPolicy, [...path, 'retryPolicy']);
    c.deadLetterQueue(t, path);
    const inputPath = c.string(t, 'inputPath', path, { max: LIMITS.inputPath });
    if (t.input !== undefined && jsonSize(t.input) > LIMITS.ruleInput) c.add([...path, 'input'], `input is ${jsonSize(t.input)} characters as JSON; AWS allows ${LIMITS.ruleInput}`);
    let transformer: Record<string, unknown> | undefined;
    if (t.inputTransformer !== undefined) {
      transformer = c.object(t.inputTransformer, [...path, 'inputTransformer'], ['inputPathsMap', 'inputTemplate'], 'inputTransformer');
      if (transformer) c.string(transformer, 'inputTemplate', [...path, 'inputTransformer'], { required: true });
    }
    try {
      validateTargetInput(
        {
          ...(t.input !== undefined ? { input: JSON.stringify(t.input) } : {}),
          ...(inputPath !== undefined ? { inputPath } : {}),
          ...(transformer ? { inputTemplate: String(transformer.inputTemplate ?? ''), inputPathsMap: (transformer.inputPathsMap ?? {}) as Record<string, string> } : {}),
        },
        key ?? `targets[${i}]`,
      );
    } catch (error) {
      if (!(error instanceof EventBridgeApiError)) throw error;
      c.add([...path, transformer ? 'inputTransformer' : 'input'], error.message, 'Use one of input, inputPath or inputTransformer, and define every <placeholder> in inputPathsMap.');
    }
  });
  return c.problems;
}

/** The Id a rule target gets when none is given: the workflow name, or the last part of the ARN. */
export function targetIdFor(target: { workflow?: string | undefined; arn?: string | undefined }): string | undefined {
  if (target.workflow) return target.workflow;
  if (!target.arn) return undefined;
  return (target.arn.split(/[:/]/).pop() ?? '').replace(/[^0-9a-zA-Z\-_.]/g, '-').slice(0, 64) || undefined;
}
