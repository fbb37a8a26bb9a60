import type { JsonValue, TaskState } from '../../model/asl.js';
import { compact, type RenderContext, type StateProps } from '../state.js';
import { RecoverableState } from '../recoverable.js';
import { renderInputPath, renderOutput, renderResult, type OutputProps, type ResultProps } from '../data-flow.js';
import { renderSeconds, type Seconds } from './timing.js';

export interface TaskProps extends StateProps, OutputProps, ResultProps {
  /** JSONata: the request sent to the resource. */
  arguments?: unknown;
  /** JSONPath: the request sent to the resource (`ref()` values become `key.$`). */
  parameters?: unknown;
  /** TimeoutSeconds: a duration, a JSONata expression, or `{ path }` (TimeoutSecondsPath). */
  timeout?: Seconds;
  /** HeartbeatSeconds: as `timeout`. */
  heartbeat?: Seconds;
  /** Cross-account: `{ RoleArn }`. */
  credentials?: unknown;
}

/** What a typed integration fills in: the resource ARN and the service request. */
export interface TaskDefinition extends TaskProps {
  resource: string;
  /**
   * The service request, written once and sent as Arguments (JSONata) or Parameters (JSONPath),
   * whichever the state's language is. Integrations use this; `task()` users may too.
   */
  request?: unknown;
}

export class Task extends RecoverableState {
  readonly type = 'Task' as const;

  constructor(
    name: string,
    private readonly definition: TaskDefinition,
  ) {
    super(name, definition);
  }

  get resource(): string {
    return this.definition.resource;
  }

  render(ctx: RenderContext): TaskState {
    const d = this.definition;
    const request = (field: 'Arguments' | 'Parameters'): JsonValue | undefined => {
      const explicit = field === 'Arguments' ? d.arguments : d.parameters;
      if (explicit !== undefined) return ctx.payload(explicit, field);
      const ours = ctx.queryLanguage === 'JSONata' ? 'Arguments' : 'Parameters';
      return d.request !== undefined && field === ours ? ctx.payload(d.request, field) : undefined;
    };
    return compact({
      ...this.header(ctx),
      Resource: d.resource,
      ...renderInputPath(d),
      Parameters: request('Parameters'),
      Arguments: request('Arguments'),
      Credentials: d.credentials === undefined ? undefined : ctx.payload(d.credentials, 'Credentials'),
      ...renderSeconds('TimeoutSeconds', d.timeout, ctx),
      ...renderSeconds('HeartbeatSeconds', d.heartbeat, ctx),
      ...renderResult(d, ctx),
      ...renderOutput(d, ctx),
      ...this.renderRecovery(ctx),
      ...this.transition(ctx),
    }) as TaskState;
  }
}

/** A Task on any ASL resource: a Lambda ARN, an activity, `arn:aws:states:::aws-sdk:...`. */
export function task(name: string, definition: TaskDefinition): Task {
  return new Task(name, definition);
}
