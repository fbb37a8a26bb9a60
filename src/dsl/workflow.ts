/**
 * `workflow(name, options)`: a state machine as users declare it. It holds the DSL graph; the
 * compiler (`compile` in src/asl) turns it into ASL.
 */
import type { JsonValue, QueryLanguage, StateMachineType } from '../model/asl.js';
import { StepwrightError } from '../model/errors.js';
import type { Duration } from './duration.js';
import type { Chainable } from './state.js';

export interface WorkflowOptions {
  /** The first state, or a chain of states. */
  start: Chainable;
  comment?: string;
  /** `JSONata` (default) or `JSONPath`; states may override it. */
  queryLanguage?: QueryLanguage;
  /**
   * Write the machine's QueryLanguage (default true). `false` leaves it out where it is ASL's
   * default, JSONPath, as definitions written before JSONata do.
   */
  declareQueryLanguage?: boolean;
  /** The ASL version the definition says it uses (`Version`, e.g. '1.0'); ASL's default is 1.0. */
  version?: string;
  /** Top-level ASL fields written as given: for fields this version of stepwright does not know. */
  extraFields?: Record<string, JsonValue>;
  /** The whole execution's limit (TimeoutSeconds). */
  timeout?: Duration;
  /** STANDARD (default) or EXPRESS. Used when deploying; not part of the ASL. */
  type?: StateMachineType;
  /** Tags for the state machine, used when deploying. */
  tags?: Record<string, string>;
  /**
   * Execution logs to CloudWatch Logs, used when deploying: the level, whether input and output
   * go in the log, and the log group (its name or ARN; it must exist). Default: no logs.
   */
  logging?: WorkflowLogging;
  /** AWS X-Ray tracing of executions, used when deploying. Default: off. */
  tracing?: boolean;
  /**
   * States reached only by name (`.next('Retry later')`) that must be part of the machine.
   * Each must be reachable from `start`; an unreachable one is reported.
   */
  states?: Chainable[];
}

/** A state machine's LoggingConfiguration, in the user's words. */
export interface WorkflowLogging {
  /** `ALL`, `ERROR`, `FATAL`, or `OFF`. */
  level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  /** Put execution input, output and state data in the log (default false). */
  includeExecutionData?: boolean;
  /** The CloudWatch Logs log group: a name (`/aws/vendedlogs/states/ingest`) or an ARN. Needed unless the level is OFF. */
  logGroup?: string;
}

const WORKFLOW = Symbol.for('stepwright.workflow');

export interface Workflow {
  readonly [WORKFLOW]: true;
  readonly name: string;
  readonly options: Readonly<WorkflowOptions>;
}

/** State machine names: 1–80 characters of letters, digits, `-` and `_` (what CreateStateMachine accepts). */
const NAME = /^[A-Za-z0-9_-]{1,80}$/;

export function workflow(name: string, options: WorkflowOptions): Workflow {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new StepwrightError({
      workflow: String(name),
      field: 'name',
      message: `"${name}" is not a valid state machine name`,
      fix: 'use 1 to 80 letters, digits, "-" or "_"',
    });
  }
  if (!options || typeof options.start !== 'object' || options.start === null || !('startState' in options.start)) {
    throw new StepwrightError({ workflow: name, field: 'start', message: 'has no start state', fix: "give the first state: workflow('name', { start: firstState.next(...) })" });
  }
  return { [WORKFLOW]: true, name, options };
}

export function isWorkflow(value: unknown): value is Workflow {
  return typeof value === 'object' && value !== null && (value as Workflow)[WORKFLOW] === true;
}
