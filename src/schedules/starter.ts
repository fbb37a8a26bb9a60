/**
 * The slot starter: a two-state workflow that starts a workflow at most once per scheduled time.
 *
 * Why it exists: Step Functions makes StartExecution idempotent by execution name (same name and
 * input while running: the same execution; once closed: ExecutionAlreadyExists), so "one run per
 * slot" needs a name derived from Scheduler's `<aws.scheduler.scheduled-time>`. But that value looks
 * like `2025-01-01T02:00:00Z`, and execution names must not contain `:` (nor whitespace, brackets,
 * `? * " # % \ ^ | ~ \` $ & , ; /`); Scheduler only substitutes placeholders, it cannot transform them.
 * So for recurring schedules the Scheduler target (universal target `sfn:startExecution`) starts this
 * starter with the scheduled time in its input; the starter derives `<prefix>-20250101T020000Z` with
 * JSONata and starts the real workflow under that name. A duplicated or retried delivery starts the
 * starter again, whose StartExecution is then a no-op (same name and input) or ExecutionAlreadyExists,
 * which it treats as success. One-time `at()` schedules need no starter: their slot is known when the
 * schedule is built, so the name is written out directly.
 *
 * The starter is deployed once per account and region, as a STANDARD state machine named
 * `SLOT_STARTER_WORKFLOW`, with a role allowed `states:StartExecution` on the target workflows.
 */

/** Workflow name under which the starter is deployed; `resolve` maps it to an ARN like any other. */
export const SLOT_STARTER_WORKFLOW = 'stepwright-slot-starter';

/** Execution names are at most 80 characters; the slot suffix `-YYYYMMDDTHHMMSSZ` takes 17. */
export const EXECUTION_NAME_MAX = 80;
const SLOT_SUFFIX_LENGTH = 17;

/** The execution name prefix for a schedule: its name, cut so that prefix + slot fits in 80 characters. */
export function slotNamePrefix(scheduleName: string): string {
  return scheduleName.slice(0, EXECUTION_NAME_MAX - SLOT_SUFFIX_LENGTH);
}

/** `2025-01-01T02:00:00.000Z` → `20250101T020000Z`: a slot in characters execution names allow. */
export function slotStamp(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** The execution name for a schedule's slot, e.g. `daily-ingest-20250101T010000Z`. */
export function slotExecutionName(scheduleName: string, instant: Date): string {
  return `${slotNamePrefix(scheduleName)}-${slotStamp(instant)}`;
}

/** The starter's input, as the Scheduler target passes it (scheduledTime is filled in by Scheduler). */
export interface SlotStarterInput {
  stateMachineArn: string;
  namePrefix: string;
  scheduledTime: string;
  input: unknown;
}

/** The starter's Amazon States Language definition (JSONata), a plain value. */
export function slotStarterDefinition(): Record<string, unknown> {
  return {
    Comment: 'stepwright slot starter: starts $states.input.stateMachineArn at most once per scheduled time, named <namePrefix>-<yyyymmddThhmmssZ>',
    QueryLanguage: 'JSONata',
    StartAt: 'StartSlot',
    States: {
      StartSlot: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:sfn:startExecution',
        Arguments: {
          StateMachineArn: '{% $states.input.stateMachineArn %}',
          Name: "{% $states.input.namePrefix & '-' & $replace($replace($states.input.scheduledTime, /\\.[0-9]+Z$/, 'Z'), /[-:]/, '') %}",
          Input: '{% $string($states.input.input) %}',
        },
        Retry: [
          // Never retry "already exists": it means this slot has run (or is running); Catch ends in success.
          { ErrorEquals: ['Sfn.ExecutionAlreadyExistsException'], MaxAttempts: 0 },
          { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 6 },
        ],
        Catch: [{ ErrorEquals: ['Sfn.ExecutionAlreadyExistsException'], Next: 'AlreadyStarted' }],
        End: true,
      },
      AlreadyStarted: {
        Type: 'Succeed',
        Comment: 'This slot already has its execution (retried or duplicated delivery).',
      },
    },
  };
}
