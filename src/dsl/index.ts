/** The workflow DSL: states, chaining, data flow, retries, and the workflow itself. */
export { workflow, isWorkflow, type Workflow, type WorkflowOptions } from './workflow.js';
export { Chain, sequence, StateNode, NextableState, isStateNode, type Chainable, type Nextable, type Target, type StateProps, type RenderContext } from './state.js';
export { RecoverableState, type CatchOptions } from './recoverable.js';
export { retries, toRetrier, type RetryOptions } from './retry.js';
export { toSeconds, type Duration } from './duration.js';
export { expr, input, result, errorOutput, context, variable, ref, isRef, States, type JsonataExpression, type Ref } from './expressions.js';
export type { OutputProps, ResultProps } from './data-flow.js';
export { task, Task, type TaskProps, type TaskDefinition } from './states/task.js';
export { pass, Pass, type PassProps } from './states/pass.js';
export { wait, Wait, type WaitProps } from './states/wait.js';
export { choice, Choice, type WhenOptions } from './states/choice.js';
export { conditions, type Condition } from './states/conditions.js';
export { parallel, Parallel, type ParallelProps } from './states/parallel.js';
export { map, MapStep, type MapProps } from './states/map.js';
export { succeed, fail, Succeed, Fail, type FailProps } from './states/terminal.js';
export type { Seconds } from './states/timing.js';
