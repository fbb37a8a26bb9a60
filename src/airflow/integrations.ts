/**
 * A Task state's service call → the Amazon provider's operator, with the request converted to the
 * operator's parameters, and the result as Step Functions would shape it, in terms of the
 * operator's XCom (so the states after it read the same fields). Operators and parameters as in
 * apache-airflow-providers-amazon (airflow.providers.amazon.aws.operators.*).
 */
import type { TaskResource } from '../model/resource.js';
import { AMAZON } from './operators.js';
import { get, lit, opaque, type Sym } from './sym.js';

export interface CallPlan {
  /**
   * Short operator name: a key of AMAZON, `TriggerDagRunOperator`, or `AwsSdkCall` (an SDK call
   * with no operator in the provider, made through boto3 by the helper runtime's `aws_call`).
   */
  operator: keyof typeof AMAZON | 'TriggerDagRunOperator' | 'AwsSdkCall';
  params: Record<string, Sym>;
  /** `$states.result`, in terms of `xcom(task_id)`. */
  result: Sym;
  /** A sensor that waits where the operator does not (DMS, Step Functions executions). */
  sensor?: { operator: keyof typeof AMAZON; params: Record<string, Sym>; suffix: string };
  notes: string[];
  approximated: boolean;
  /** The operator waits for the work a polling loop after the call would poll (its own poll interval). */
  waits?: boolean;
}

export interface CallContext {
  resource: TaskResource;
  /** The request (Arguments / Parameters), symbolically. */
  request: Sym;
  /** The task's XCom, for the result. */
  xcom: Sym;
  /** A state machine ARN → the workflow of this project it names, if any. */
  workflowOf: (arn: string) => string | undefined;
  /** For polled loops: the seconds between polls, and at most how many. */
  pollSeconds?: number;
  maxPolls?: number;
}

/** Step Functions' aws-sdk service names that boto3 spells differently. */
const BOTO3_SERVICE: Record<string, string> = {
  databasemigration: 'dms',
  redshiftdata: 'redshift-data',
  emrserverless: 'emr-serverless',
  eventbridge: 'events',
  cloudwatchlogs: 'logs',
  sfn: 'stepfunctions',
};

/** An SDK call as boto3 makes it: client name and the API operation (botocore turns it into the method name). */
export function sdkCall(service: string, action: string, request: Sym): Record<string, Sym> {
  return { service: lit(BOTO3_SERVICE[service] ?? service), operation: lit(action.charAt(0).toUpperCase() + action.slice(1)), request };
}

/** A request field, if present. */
export function field(request: Sym, key: string): Sym | undefined {
  if (request.k === 'obj') return request.entries.find(([k]) => k === key)?.[1];
  if (request.k === 'lit' && request.v !== null && typeof request.v === 'object' && !Array.isArray(request.v)) {
    const v = (request.v as Record<string, unknown>)[key];
    return v === undefined ? undefined : lit(v as never);
  }
  return undefined;
}

/** The request without some fields (the rest go to an operator's pass-through kwargs). */
function without(request: Sym, keys: string[]): Sym {
  if (request.k === 'obj') return { k: 'obj', entries: request.entries.filter(([k]) => !keys.includes(k)) };
  if (request.k === 'lit' && request.v !== null && typeof request.v === 'object' && !Array.isArray(request.v)) {
    return lit(Object.fromEntries(Object.entries(request.v).filter(([k]) => !keys.includes(k))));
  }
  return request;
}

function isEmpty(sym: Sym): boolean {
  return (sym.k === 'obj' && sym.entries.length === 0) || (sym.k === 'lit' && sym.v !== null && typeof sym.v === 'object' && Object.keys(sym.v).length === 0);
}

/** Params from request fields: `{ job_name: 'JobName' }`; absent fields are left out. */
function pick(request: Sym, names: Record<string, string>): Record<string, Sym> {
  const out: Record<string, Sym> = {};
  for (const [param, key] of Object.entries(names)) {
    const value = field(request, key);
    if (value !== undefined) out[param] = value;
  }
  return out;
}

/** boto3's Batch and ECS requests are camelCase where Step Functions' are PascalCase, at every level. */
export function camelKeys(sym: Sym): Sym {
  const camel = (key: string) => key.charAt(0).toLowerCase() + key.slice(1);
  if (sym.k === 'obj') return { k: 'obj', entries: sym.entries.map(([key, v]) => [camel(key), camelKeys(v)]) };
  if (sym.k === 'arr') return { k: 'arr', items: sym.items.map(camelKeys) };
  if (sym.k === 'lit') return lit(camelLit(sym.v as never) as never);
  return sym;
}

function camelLit(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelLit);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, value]) => [key.charAt(0).toLowerCase() + key.slice(1), camelLit(value)]));
  return v;
}

const SUCCEEDED = (what: string) => `${what} is SUCCEEDED whenever the task succeeded (the operator fails otherwise); the rest of the describe response is not in the XCom`;

/** The plan for a call, or undefined when no operator of the provider matches. */
export function planCall(ctx: CallContext): CallPlan | undefined {
  const { resource, request, xcom } = ctx;
  const sync = resource.pattern === 'sync';
  const key = `${resource.kind === 'aws-sdk' ? 'sdk:' : ''}${resource.service}:${resource.action}`;
  const notes: string[] = [];
  const plan = (operator: CallPlan['operator'], params: Record<string, Sym>, result: Sym, extra: Partial<CallPlan> = {}): CallPlan => ({
    operator,
    params,
    result,
    notes: [...notes, ...(extra.notes ?? [])],
    approximated: extra.approximated ?? false,
    ...(extra.sensor ? { sensor: extra.sensor } : {}),
    ...(extra.waits ? { waits: true } : {}),
  });
  const polled = ctx.pollSeconds !== undefined;
  if (resource.pattern === 'waitForTaskToken') return undefined;

  switch (key) {
    case 'glue:startJobRun': {
      const rest = without(request, ['JobName', 'Arguments']);
      return plan(
        'GlueJobOperator',
        { ...pick(request, { job_name: 'JobName', script_args: 'Arguments' }), ...(isEmpty(rest) ? {} : { run_job_kwargs: rest }), wait_for_completion: lit(sync) },
        sync ? { k: 'obj', entries: [['Id', xcom], ['JobRunState', lit('SUCCEEDED', SUCCEEDED('JobRunState'))], ['JobName', field(request, 'JobName') ?? opaque('no JobName')]] } : { k: 'obj', entries: [['JobRunId', xcom]] },
      );
    }
    case 'sdk:glue:startCrawler':
      return plan('GlueCrawlerOperator', { config: { k: 'obj', entries: [['Name', field(request, 'Name') ?? opaque('no crawler Name')]] }, wait_for_completion: lit(polled), ...(ctx.pollSeconds ? { poll_interval: lit(ctx.pollSeconds) } : {}) }, { k: 'obj', entries: [] }, {
        notes: ['GlueCrawlerOperator applies its config to the crawler before starting it; with only Name it changes nothing'],
        waits: polled,
      });
    case 'sdk:appflow:startFlow':
      return plan(
        'AppflowRunOperator',
        { ...pick(request, { flow_name: 'FlowName' }), wait_for_completion: lit(polled), ...(ctx.pollSeconds ? { poll_interval: lit(ctx.pollSeconds) } : {}), ...(ctx.maxPolls ? { max_attempts: lit(ctx.maxPolls) } : {}) },
        { k: 'obj', entries: [['ExecutionId', { k: 'xcom', task: xcomTask(xcom), key: 'execution_id' }]] },
        { waits: polled, notes: ['AppflowRunOperator starts the flow and follows the run by its execution id (pushed as XCom execution_id); a run that fails or is canceled fails the task', ...(field(request, 'ClientToken') ? ['not carried over: ClientToken'] : [])] },
      );
    case 'sdk:glue:startDataQualityRulesetEvaluationRun':
      return plan(
        'GlueDataQualityRuleSetEvaluationRunOperator',
        { ...pick(request, { datasource: 'DataSource', role: 'Role', rule_set_names: 'RulesetNames', number_of_workers: 'NumberOfWorkers', timeout: 'Timeout' }), wait_for_completion: lit(polled) },
        { k: 'obj', entries: [['RunId', xcom]] },
        { waits: polled },
      );
    case 'athena:startQueryExecution': {
      const context = field(request, 'QueryExecutionContext');
      const results = field(request, 'ResultConfiguration');
      const params: Record<string, Sym> = { ...pick(request, { query: 'QueryString', workgroup: 'WorkGroup' }) };
      if (context) Object.assign(params, pick(context, { database: 'Database', catalog: 'Catalog' }));
      if (results) Object.assign(params, pick(results, { output_location: 'OutputLocation' }));
      const extra = ['ExecutionParameters', 'ResultReuseConfiguration', 'ClientRequestToken'].filter((k) => field(request, k));
      if (extra.length) notes.push(`not carried over: ${extra.join(', ')}`);
      if (!sync) notes.push('AthenaOperator waits for the query to finish; the state only started it');
      return plan(
        'AthenaOperator',
        params,
        sync
          ? { k: 'obj', entries: [['QueryExecution', { k: 'obj', entries: [['QueryExecutionId', xcom], ['Status', { k: 'obj', entries: [['State', lit('SUCCEEDED', SUCCEEDED('Status.State'))]] }]] }]] }
          : { k: 'obj', entries: [['QueryExecutionId', xcom]] },
        { approximated: !sync || extra.length > 0 },
      );
    }
    case 'sagemaker:createTrainingJob':
      return sagemaker('SageMakerTrainingOperator', 'Training', request, xcom, sync, plan);
    case 'sagemaker:createProcessingJob':
      return sagemaker('SageMakerProcessingOperator', 'Processing', request, xcom, sync, plan);
    case 'sagemaker:createTransformJob':
      return sagemaker('SageMakerTransformOperator', 'Transform', request, xcom, sync, plan);
    case 'sagemaker:createHyperParameterTuningJob':
      return sagemaker('SageMakerTuningOperator', 'Tuning', request, xcom, sync, plan);
    case 'sagemaker:createModel':
      return plan('SageMakerModelOperator', { config: request }, get(xcom, ['Model']));
    case 'sagemaker:createEndpointConfig':
      return plan('SageMakerEndpointConfigOperator', { config: request }, get(xcom, ['EndpointConfig']));
    case 'sagemaker:createEndpoint':
      return plan('SageMakerEndpointOperator', { config: request, wait_for_completion: lit(false) }, get(xcom, ['Endpoint']));
    case 'emr-serverless:startJobRun': {
      const rest = without(request, ['ApplicationId', 'ExecutionRoleArn', 'JobDriver', 'ConfigurationOverrides', 'Name', 'ClientToken']);
      return plan(
        'EmrServerlessStartJobOperator',
        { ...pick(request, { application_id: 'ApplicationId', execution_role_arn: 'ExecutionRoleArn', job_driver: 'JobDriver', configuration_overrides: 'ConfigurationOverrides', name: 'Name', client_request_token: 'ClientToken' }), ...(isEmpty(rest) ? {} : { config: rest }), wait_for_completion: lit(sync) },
        { k: 'obj', entries: [['JobRunId', xcom], ['ApplicationId', field(request, 'ApplicationId') ?? opaque('no ApplicationId')]] },
      );
    }
    case 'sdk:databasemigration:startReplicationTask': {
      // Request-response, as in Step Functions: the polling loop after it (if any) becomes the sensor.
      const rest = without(request, ['ReplicationTaskArn', 'StartReplicationTaskType']);
      const arn = field(request, 'ReplicationTaskArn') ?? opaque('no ReplicationTaskArn');
      return plan(
        'DmsStartTaskOperator',
        { replication_task_arn: arn, ...pick(request, { start_replication_task_type: 'StartReplicationTaskType' }), ...(isEmpty(rest) ? {} : { start_task_kwargs: rest }) },
        opaque('DmsStartTaskOperator pushes nothing'),
        { notes: ['DmsStartTaskOperator returns once DMS accepted the start, as the request-response call does'] },
      );
    }
    case 'sdk:redshiftdata:executeStatement':
    case 'sdk:redshiftdata:batchExecuteStatement': {
      const batch = resource.action === 'batchExecuteStatement';
      return plan(
        'RedshiftDataOperator',
        {
          ...pick(request, { sql: batch ? 'Sqls' : 'Sql', database: 'Database', cluster_identifier: 'ClusterIdentifier', workgroup_name: 'WorkgroupName', db_user: 'DbUser', secret_arn: 'SecretArn', parameters: 'Parameters', statement_name: 'StatementName', with_event: 'WithEvent' }),
          wait_for_completion: lit(polled),
          ...(ctx.pollSeconds ? { poll_interval: lit(ctx.pollSeconds) } : {}),
        },
        { k: 'obj', entries: [['Id', batch ? opaque("RedshiftDataOperator pushes the ids of the batch's sub-statements, not the batch's Id") : get(xcom, [0])]] },
        { waits: polled, notes: [...(batch ? ['a list of statements runs as one BatchExecuteStatement (one transaction)'] : []), ...(polled ? ['a FAILED or ABORTED statement fails the task; on a timeout Airflow kills the task and the operator cancels the statement (on_kill)'] : [])] },
      );
    }
    case 'sdk:datasync:startTaskExecution':
      return plan('DataSyncOperator', { ...pick(request, { task_arn: 'TaskArn' }), wait_for_completion: lit(polled), ...(ctx.pollSeconds ? { wait_interval_seconds: lit(ctx.pollSeconds) } : {}) }, { k: 'obj', entries: [] }, { waits: polled });
    case 'sdk:kinesisanalyticsv2:startApplication':
      return plan('KinesisAnalyticsV2StartApplicationOperator', { ...pick(request, { application_name: 'ApplicationName', run_configuration: 'RunConfiguration' }), wait_for_completion: lit(polled) }, opaque('KinesisAnalyticsV2StartApplicationOperator pushes the application ARN, not the StartApplication response'), { waits: polled });
    case 'lambda:invoke': {
      const payload = field(request, 'Payload');
      const params: Record<string, Sym> = { ...pick(request, { function_name: 'FunctionName', invocation_type: 'InvocationType', qualifier: 'Qualifier', client_context: 'ClientContext', log_type: 'LogType' }) };
      if (payload) params.payload = payload.k === 'lit' && typeof payload.v === 'string' ? payload : { k: 'call', fn: 'tojson', args: [payload] };
      return plan('LambdaInvokeFunctionOperator', params, { k: 'obj', entries: [['Payload', { k: 'fromjson', of: xcom }], ['StatusCode', lit(200, 'StatusCode is 200 whenever the task succeeded')]] });
    }
    case 'sns:publish': {
      const target = field(request, 'TopicArn') ?? field(request, 'TargetArn');
      if (!target) return undefined;
      if (field(request, 'MessageAttributes')) notes.push('MessageAttributes: the operator takes plain values and derives DataType itself');
      return plan('SnsPublishOperator', { target_arn: target, ...pick(request, { message: 'Message', subject: 'Subject', message_attributes: 'MessageAttributes', message_group_id: 'MessageGroupId', message_deduplication_id: 'MessageDeduplicationId' }) }, { k: 'obj', entries: [['MessageId', xcom]] }, {
        approximated: notes.length > 0,
      });
    }
    case 'sqs:sendMessage': {
      const body = field(request, 'MessageBody');
      const params: Record<string, Sym> = { ...pick(request, { sqs_queue: 'QueueUrl', delay_seconds: 'DelaySeconds', message_group_id: 'MessageGroupId', message_deduplication_id: 'MessageDeduplicationId', message_attributes: 'MessageAttributes' }) };
      if (body) params.message_content = body.k === 'lit' && typeof body.v === 'string' ? body : { k: 'call', fn: 'tojson', args: [body] };
      return plan('SqsPublishOperator', params, xcom);
    }
    case 'batch:submitJob':
      return plan(
        'BatchOperator',
        {
          ...pick(request, { job_name: 'JobName', job_queue: 'JobQueue', job_definition: 'JobDefinition', parameters: 'Parameters', share_identifier: 'ShareIdentifier', scheduling_priority_override: 'SchedulingPriorityOverride', tags: 'Tags' }),
          ...Object.fromEntries(Object.entries(pick(request, { container_overrides: 'ContainerOverrides', array_properties: 'ArrayProperties', retry_strategy: 'RetryStrategy', node_overrides: 'NodeOverrides', ecs_properties_override: 'EcsPropertiesOverride', eks_properties_override: 'EksPropertiesOverride' })).map(([k, v]) => [k, camelKeys(v)])),
          wait_for_completion: lit(sync),
        },
        { k: 'obj', entries: [['JobId', xcom]] },
      );
    case 'ecs:runTask':
      return plan(
        'EcsRunTaskOperator',
        {
          ...pick(request, { task_definition: 'TaskDefinition', cluster: 'Cluster', launch_type: 'LaunchType', platform_version: 'PlatformVersion', group: 'Group', propagate_tags: 'PropagateTags' }),
          overrides: camelKeys(field(request, 'Overrides') ?? lit({})),
          ...Object.fromEntries(Object.entries(pick(request, { network_configuration: 'NetworkConfiguration', capacity_provider_strategy: 'CapacityProviderStrategy', placement_constraints: 'PlacementConstraints', placement_strategy: 'PlacementStrategy', tags: 'Tags' })).map(([k, v]) => [k, camelKeys(v)])),
          wait_for_completion: lit(sync),
        },
        opaque("EcsRunTaskOperator pushes the task's ARN, not the RunTask response"),
      );
    case 'bedrock:invokeModel':
      return plan('BedrockInvokeModelOperator', { ...pick(request, { model_id: 'ModelId', input_data: 'Body', content_type: 'ContentType', accept_type: 'Accept' }) }, { k: 'obj', entries: [['Body', xcom]] });
    case 'events:putEvents':
      return plan('EventBridgePutEventsOperator', { ...pick(request, { entries: 'Entries', endpoint_id: 'EndpointId' }) }, opaque('EventBridgePutEventsOperator pushes the event ids, not the PutEvents response'));
    case 'sdk:s3:putObject':
      return plan('S3CreateObjectOperator', { ...pick(request, { s3_bucket: 'Bucket', s3_key: 'Key', data: 'Body' }), replace: lit(true) }, opaque('S3CreateObjectOperator pushes nothing'));
    case 'sdk:s3:deleteObject':
      return plan('S3DeleteObjectsOperator', { ...pick(request, { bucket: 'Bucket', keys: 'Key' }) }, opaque('S3DeleteObjectsOperator pushes nothing'));
    case 'sdk:s3:copyObject': {
      const source = field(request, 'CopySource');
      if (!source || source.k !== 'lit' || typeof source.v !== 'string' || !source.v.includes('/')) return undefined;
      const cut = source.v.replace(/^\//, '').indexOf('/');
      const text = source.v.replace(/^\//, '');
      return plan('S3CopyObjectOperator', { source_bucket_name: lit(text.slice(0, cut)), source_bucket_key: lit(text.slice(cut + 1)), ...pick(request, { dest_bucket_name: 'Bucket', dest_bucket_key: 'Key' }) }, opaque('S3CopyObjectOperator pushes nothing'));
    }
    case 'states:startExecution': {
      const arn = field(request, 'StateMachineArn');
      const child = arn && arn.k === 'lit' && typeof arn.v === 'string' ? ctx.workflowOf(arn.v) : undefined;
      const input = withoutStartedBy(field(request, 'Input'));
      if (child && sync) {
        return plan(
          'TriggerDagRunOperator',
          // conf as JSON text: a template renders to a string, and the operator (standard provider) parses a string conf as JSON.
          { trigger_dag_id: lit(child), ...(input ? { conf: { k: 'call', fn: 'tojson', args: [input] } } : {}), wait_for_completion: lit(true), poke_interval: lit(30), allowed_states: lit(['success']), failed_states: lit(['failed']) },
          { k: 'obj', entries: [['Output', opaque("the triggered DAG run's output is not passed back to the triggering DAG")]] },
          { notes: ['the nested workflow of this project becomes a trigger of its DAG, waiting for it; AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID is dropped (Airflow links the runs itself)'] },
        );
      }
      if (!arn) return undefined;
      return plan(
        'StepFunctionStartExecutionOperator',
        { state_machine_arn: arn, ...(field(request, 'Name') ? { name: field(request, 'Name')! } : {}), ...(input ? { state_machine_input: input.k === 'lit' && typeof input.v === 'string' ? input : { k: 'call', fn: 'tojson', args: [input] } } : {}) },
        { k: 'obj', entries: [['ExecutionArn', xcom]] },
        sync ? { sensor: { operator: 'StepFunctionExecutionSensor', params: { execution_arn: xcom }, suffix: 'completed' }, notes: ['StepFunctionStartExecutionOperator does not wait: StepFunctionExecutionSensor waits for the execution'] } : {},
      );
    }
    default:
      // Any other SDK call: the same operation through boto3, its response as the result.
      if (resource.kind === 'aws-sdk') {
        return plan('AwsSdkCall', sdkCall(resource.service, resource.action, request), xcom, {
          approximated: true,
          notes: ["no operator in the Amazon provider: the same API call through boto3 with the environment's credentials, in a PythonOperator (stepwright_helpers.runtime.aws_call); its response, without ResponseMetadata, is the XCom"],
        });
      }
      return undefined;
  }
}

function xcomTask(xcom: Sym): string {
  if (xcom.k !== 'xcom') throw new Error('a call plan needs the task XCom');
  return xcom.task;
}

function sagemaker(operator: CallPlan['operator'], key: string, request: Sym, xcom: Sym, sync: boolean, plan: (o: CallPlan['operator'], p: Record<string, Sym>, r: Sym) => CallPlan): CallPlan {
  return plan(operator, { config: request, wait_for_completion: lit(sync) }, get(xcom, [key]));
}

/** Step Functions' link between parent and child executions means nothing to Airflow. */
function withoutStartedBy(input: Sym | undefined): Sym | undefined {
  if (!input) return undefined;
  const strip = (s: Sym): Sym => (s.k === 'obj' ? { k: 'obj', entries: s.entries.filter(([key]) => key !== 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID') } : s);
  if (input.k === 'obj') return strip(input);
  return input;
}
