/**
 * Amazon States Language, as types. Field names are ASL's own, so a definition written by hand,
 * one compiled from the DSL and one read from AWS all have the same shape.
 * https://states-language.net/spec.html and the Step Functions developer guide.
 */

export type QueryLanguage = 'JSONata' | 'JSONPath';
export type StateMachineType = 'STANDARD' | 'EXPRESS';
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface StateMachineDefinition {
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  StartAt: string;
  States: Record<string, State>;
  TimeoutSeconds?: number;
  Version?: string;
}

/** Fields every state may carry. */
interface StateBase {
  Type: State['Type'];
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  /** JSONPath only. */
  InputPath?: string | null;
  /** JSONPath only. */
  OutputPath?: string | null;
  /** JSONata only: the state's output. */
  Output?: JsonValue;
  /** Both languages: variables set when the state completes. */
  Assign?: JsonObject;
}

interface Transition {
  Next?: string;
  End?: boolean;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  /** JSONPath only. */
  ResultPath?: string | null;
  /** JSONata only. */
  Output?: JsonValue;
  Assign?: JsonObject;
  Comment?: string;
}

export interface TaskState extends StateBase, Transition {
  Type: 'Task';
  Resource: string;
  /** JSONPath only. */
  Parameters?: JsonValue;
  /** JSONata only. */
  Arguments?: JsonValue;
  /** JSONPath only. */
  ResultSelector?: JsonValue;
  /** JSONPath only. */
  ResultPath?: string | null;
  Retry?: Retrier[];
  Catch?: Catcher[];
  /** A number, or a JSONata expression in a JSONata state. */
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  Credentials?: JsonValue;
}

export interface PassState extends StateBase, Transition {
  Type: 'Pass';
  /** JSONPath only. */
  Result?: JsonValue;
  /** JSONPath only. */
  ResultPath?: string | null;
  /** JSONPath only. */
  Parameters?: JsonValue;
}

/** A JSONPath Choice rule: a comparison, or And/Or/Not of rules. Top-level rules carry Next. */
export interface ChoiceRule {
  Variable?: string;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Next?: string;
  Comment?: string;
  /** JSONata only: a `{% %}` expression (or a boolean). */
  Condition?: string | boolean;
  /** JSONata only: variables assigned when this rule is taken. */
  Assign?: JsonObject;
  /** JSONata only: the output when this rule is taken. */
  Output?: JsonValue;
  StringEquals?: string;
  StringEqualsPath?: string;
  StringLessThan?: string;
  StringLessThanPath?: string;
  StringGreaterThan?: string;
  StringGreaterThanPath?: string;
  StringLessThanEquals?: string;
  StringLessThanEqualsPath?: string;
  StringGreaterThanEquals?: string;
  StringGreaterThanEqualsPath?: string;
  StringMatches?: string;
  NumericEquals?: number;
  NumericEqualsPath?: string;
  NumericLessThan?: number;
  NumericLessThanPath?: string;
  NumericGreaterThan?: number;
  NumericGreaterThanPath?: string;
  NumericLessThanEquals?: number;
  NumericLessThanEqualsPath?: string;
  NumericGreaterThanEquals?: number;
  NumericGreaterThanEqualsPath?: string;
  BooleanEquals?: boolean;
  BooleanEqualsPath?: string;
  TimestampEquals?: string;
  TimestampEqualsPath?: string;
  TimestampLessThan?: string;
  TimestampLessThanPath?: string;
  TimestampGreaterThan?: string;
  TimestampGreaterThanPath?: string;
  TimestampLessThanEquals?: string;
  TimestampLessThanEqualsPath?: string;
  TimestampGreaterThanEquals?: string;
  TimestampGreaterThanEqualsPath?: string;
  IsNull?: boolean;
  IsPresent?: boolean;
  IsNumeric?: boolean;
  IsString?: boolean;
  IsBoolean?: boolean;
  IsTimestamp?: boolean;
}

export interface ChoiceState extends StateBase {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
}

export interface WaitState extends StateBase, Transition {
  Type: 'Wait';
  /** A number, or a JSONata expression in a JSONata state. */
  Seconds?: number | string;
  SecondsPath?: string;
  /** An ISO-8601 timestamp, or a JSONata expression in a JSONata state. */
  Timestamp?: string;
  TimestampPath?: string;
}

export interface SucceedState extends StateBase {
  Type: 'Succeed';
}

export interface FailState {
  Type: 'Fail';
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  /** A literal, or a JSONata expression in a JSONata state. */
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

/** The states and start of a Parallel branch or a Map's ItemProcessor. */
export interface SubMachine {
  Comment?: string;
  StartAt: string;
  States: Record<string, State>;
  ProcessorConfig?: ProcessorConfig;
}

export interface ProcessorConfig {
  Mode?: 'INLINE' | 'DISTRIBUTED';
  ExecutionType?: StateMachineType;
}

export interface ParallelState extends StateBase, Transition {
  Type: 'Parallel';
  Branches: SubMachine[];
  Parameters?: JsonValue;
  Arguments?: JsonValue;
  ResultSelector?: JsonValue;
  ResultPath?: string | null;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface MapState extends StateBase, Transition {
  Type: 'Map';
  ItemProcessor?: SubMachine;
  /** The older name for ItemProcessor (inline Map only). */
  Iterator?: SubMachine;
  /** JSONPath only. */
  ItemsPath?: string;
  /** JSONata only: an array or an expression that yields one. */
  Items?: JsonValue;
  ItemSelector?: JsonValue;
  /** The older name for ItemSelector. */
  Parameters?: JsonValue;
  ItemReader?: ItemReader;
  ItemBatcher?: ItemBatcher;
  ResultWriter?: ResultWriter;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  Label?: string;
  ResultSelector?: JsonValue;
  ResultPath?: string | null;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface ItemReader {
  Resource: string;
  ReaderConfig?: {
    InputType?: 'CSV' | 'JSON' | 'JSONL' | 'MANIFEST' | 'PARQUET';
    CSVHeaderLocation?: 'FIRST_ROW' | 'GIVEN';
    CSVHeaders?: string[];
    CSVDelimiter?: 'COMMA' | 'PIPE' | 'SEMICOLON' | 'SPACE' | 'TAB';
    MaxItems?: number | string;
    MaxItemsPath?: string;
  };
  Parameters?: JsonValue;
  Arguments?: JsonValue;
}

export interface ItemBatcher {
  MaxItemsPerBatch?: number | string;
  MaxItemsPerBatchPath?: string;
  MaxInputBytesPerBatch?: number | string;
  MaxInputBytesPerBatchPath?: string;
  BatchInput?: JsonValue;
}

export interface ResultWriter {
  Resource?: string;
  Parameters?: JsonValue;
  Arguments?: JsonValue;
  WriterConfig?: { OutputType?: 'JSON' | 'JSONL'; Transformation?: 'NONE' | 'COMPACT' | 'FLATTEN' };
}

export type State =
  | TaskState
  | PassState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState;

export type StateType = State['Type'];

export const STATE_TYPES: readonly StateType[] = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];
