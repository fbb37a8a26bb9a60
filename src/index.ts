/**
 * stepwright: author, test and ship AWS Step Functions workflows in TypeScript.
 *
 * The root holds what users write: the workflow DSL and the service integrations, compiling,
 * validating and running definitions, the project loader, the schedule and rule builders, and the
 * Airflow DAGs of the same workflows.
 * The rest lives at subpaths: stepwright/testing (+ /jest), stepwright/schedules,
 * stepwright/engine, stepwright/iam, stepwright/deploy. test/exports.test.ts pins this surface.
 */
export type * from './model/asl.js';
export { StepwrightError, isStepwrightError, formatProblem, type Location, type Problem } from './model/errors.js';

// The workflow DSL.
export { workflow, isWorkflow, type Workflow, type WorkflowOptions, type WorkflowLogging } from './dsl/workflow.js';
export { sequence, type Chain, type Chainable, type Nextable, type Target, type StateProps } from './dsl/state.js';
export type { CatchOptions } from './dsl/recoverable.js';
export { retries, type RetryOptions } from './dsl/retry.js';
export type { Duration } from './dsl/duration.js';
export { expr, input, result, errorOutput, context, variable, ref, States, type JsonataExpression, type Ref } from './dsl/expressions.js';
export type { OutputProps, ResultProps } from './dsl/data-flow.js';
export { task, type TaskProps, type TaskDefinition } from './dsl/states/task.js';
export { pass, type PassProps } from './dsl/states/pass.js';
export { wait, type WaitProps } from './dsl/states/wait.js';
export { choice, type WhenOptions } from './dsl/states/choice.js';
export { conditions, type Condition } from './dsl/states/conditions.js';
export { parallel, type ParallelProps } from './dsl/states/parallel.js';
export { map, type MapProps } from './dsl/states/map.js';
export { succeed, fail, type FailProps } from './dsl/states/terminal.js';
export type { Seconds } from './dsl/states/timing.js';

// Service integrations.
export * from './integrations/index.js';

// Compile, validate, run.
export { compile, toAslJson } from './compile/compile.js';
export { buildDefinition } from './compile/build.js';
export { execute, type RunOptions } from './compile/execute.js';
export { validateDefinition, assertValidDefinition, MAX_DEFINITION_BYTES, type ValidateOptions } from './validate/index.js';
export type { ExecuteOptions, ExecutionResult, ExecutionStatus, Mocks, MockResponse, MockFunction, TaskCall, HistoryEvent } from './engine/index.js';
export { StatesError } from './engine/states-error.js';
export { executionRolePolicy, type ExecutionRolePolicy, type PolicyDocument, type PolicyOptions, type PolicyStatement } from './iam/index.js';

// The project: config, workflows, schedules and rules as one value; what a build writes.
export { substitutions } from './project/index.js';
export { importDefinition, type ImportOptions, type ImportResult } from './import/index.js';
export { loadProject, assertNoProblems, projectFiles, loadConfig, type Project, type WorkflowArtifact, type ScheduleArtifact, type RuleArtifact, type LoadProjectOptions, type OutputFile, type ProjectConfig } from './project/index.js';

// The same workflows as Airflow DAGs for Amazon MWAA (dag-factory YAML, loader, helpers, COMPARISON.md).
export { airflowDags, type AirflowDags, type AirflowMajor, type Dag, type DagOptions, type DagTarget, type DagTask, type Fidelity, type StateMapping, type TriggerNote } from './airflow/index.js';

// Schedules and rules (everything else is in 'stepwright/schedules').
export {
  testEventPattern,
  transformInput,
  nextFireTimes,
  schedule,
  rule,
  s3ObjectCreated,
  glueJobStateChange,
  glueCrawlerStateChange,
  stepFunctionsExecutionStatusChange,
  loadSchedulesFile,
  EventBridgeApiError,
  type ScheduleSpec,
  type RuleSpec,
  type NextFireOptions,
  type TargetInputOptions,
  type TransformContext,
} from './schedules/index.js';
