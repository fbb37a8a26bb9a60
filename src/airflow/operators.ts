/**
 * Operator import paths, per Airflow major version, and the MWAA Serverless allowlist.
 *
 * Default: Airflow 3. Amazon MWAA creates new environments on its latest supported version unless
 * told otherwise (3.0.6 in the MWAA API's AirflowVersion values), MWAA Serverless runs Airflow 3
 * only ("Amazon MWAA Serverless uses Apache Airflow v3 with Python 3.12", its user guide), and the
 * Airflow project lists 2.11 as its deprecated line (README, "Version Life Cycle"). `--airflow 2`
 * writes the same DAGs for MWAA's 2.10 and 2.11 environments.
 *
 * Core operators moved in Airflow 3 to the standard provider (`airflow.providers.standard`); the
 * Amazon provider's paths are the same in both (apache-airflow-providers-amazon,
 * `airflow.providers.amazon.aws.operators.*` / `.sensors.*`).
 */
import type { AirflowMajor } from './model.js';

const CORE = {
  empty: ['airflow.operators.empty.EmptyOperator', 'airflow.providers.standard.operators.empty.EmptyOperator'],
  python: ['airflow.operators.python.PythonOperator', 'airflow.providers.standard.operators.python.PythonOperator'],
  branch: ['airflow.operators.python.BranchPythonOperator', 'airflow.providers.standard.operators.python.BranchPythonOperator'],
  trigger: ['airflow.operators.trigger_dagrun.TriggerDagRunOperator', 'airflow.providers.standard.operators.trigger_dagrun.TriggerDagRunOperator'],
  wait: ['airflow.sensors.time_delta.WaitSensor', 'airflow.providers.standard.sensors.time_delta.WaitSensor'],
  dateTime: ['airflow.sensors.date_time.DateTimeSensor', 'airflow.providers.standard.sensors.date_time.DateTimeSensor'],
  pythonSensor: ['airflow.sensors.python.PythonSensor', 'airflow.providers.standard.sensors.python.PythonSensor'],
} as const;

export type CoreOperator = keyof typeof CORE;

/**
 * A core operator's path. MWAA Serverless takes the short `airflow.operators.*` paths on Airflow 3
 * too (AWS's converter for it rewrites `airflow.providers.standard.` to `airflow.`).
 */
export function coreOperator(name: CoreOperator, major: AirflowMajor, serverless = false): string {
  return CORE[name][major === 2 || serverless ? 0 : 1];
}

const AWS = 'airflow.providers.amazon.aws';

/** The Amazon provider's operators and sensors this generator writes, by short name. */
export const AMAZON = {
  GlueJobOperator: `${AWS}.operators.glue.GlueJobOperator`,
  GlueCrawlerOperator: `${AWS}.operators.glue_crawler.GlueCrawlerOperator`,
  GlueDataQualityRuleSetEvaluationRunOperator: `${AWS}.operators.glue.GlueDataQualityRuleSetEvaluationRunOperator`,
  AthenaOperator: `${AWS}.operators.athena.AthenaOperator`,
  SageMakerTrainingOperator: `${AWS}.operators.sagemaker.SageMakerTrainingOperator`,
  SageMakerProcessingOperator: `${AWS}.operators.sagemaker.SageMakerProcessingOperator`,
  SageMakerTransformOperator: `${AWS}.operators.sagemaker.SageMakerTransformOperator`,
  SageMakerModelOperator: `${AWS}.operators.sagemaker.SageMakerModelOperator`,
  SageMakerEndpointConfigOperator: `${AWS}.operators.sagemaker.SageMakerEndpointConfigOperator`,
  SageMakerEndpointOperator: `${AWS}.operators.sagemaker.SageMakerEndpointOperator`,
  SageMakerTuningOperator: `${AWS}.operators.sagemaker.SageMakerTuningOperator`,
  EmrServerlessStartJobOperator: `${AWS}.operators.emr.EmrServerlessStartJobOperator`,
  DmsStartTaskOperator: `${AWS}.operators.dms.DmsStartTaskOperator`,
  DmsTaskCompletedSensor: `${AWS}.sensors.dms.DmsTaskCompletedSensor`,
  DmsTaskBaseSensor: `${AWS}.sensors.dms.DmsTaskBaseSensor`,
  AppflowRunOperator: `${AWS}.operators.appflow.AppflowRunOperator`,
  KinesisAnalyticsV2StartApplicationCompletedSensor: `${AWS}.sensors.kinesis_analytics.KinesisAnalyticsV2StartApplicationCompletedSensor`,
  LambdaInvokeFunctionOperator: `${AWS}.operators.lambda_function.LambdaInvokeFunctionOperator`,
  SnsPublishOperator: `${AWS}.operators.sns.SnsPublishOperator`,
  SqsPublishOperator: `${AWS}.operators.sqs.SqsPublishOperator`,
  RedshiftDataOperator: `${AWS}.operators.redshift_data.RedshiftDataOperator`,
  BatchOperator: `${AWS}.operators.batch.BatchOperator`,
  EcsRunTaskOperator: `${AWS}.operators.ecs.EcsRunTaskOperator`,
  BedrockInvokeModelOperator: `${AWS}.operators.bedrock.BedrockInvokeModelOperator`,
  EventBridgePutEventsOperator: `${AWS}.operators.eventbridge.EventBridgePutEventsOperator`,
  S3CreateObjectOperator: `${AWS}.operators.s3.S3CreateObjectOperator`,
  S3CopyObjectOperator: `${AWS}.operators.s3.S3CopyObjectOperator`,
  S3DeleteObjectsOperator: `${AWS}.operators.s3.S3DeleteObjectsOperator`,
  DataSyncOperator: `${AWS}.operators.datasync.DataSyncOperator`,
  KinesisAnalyticsV2StartApplicationOperator: `${AWS}.operators.kinesis_analytics.KinesisAnalyticsV2StartApplicationOperator`,
  StepFunctionStartExecutionOperator: `${AWS}.operators.step_function.StepFunctionStartExecutionOperator`,
  StepFunctionExecutionSensor: `${AWS}.sensors.step_function.StepFunctionExecutionSensor`,
} as const;

/**
 * What MWAA Serverless runs: its "Supported operators" page
 * (docs.aws.amazon.com/mwaa/latest/mwaa-serverless-userguide/operators.html) lists Amazon provider
 * operators and sensors; AWS's converter for it (awslabs/python-to-yaml-dag-converter-mwaa-serverless,
 * dag_converter/validator_schema.yaml) validates against the same list plus EmptyOperator. No Python,
 * branch, trigger or time sensors are on it.
 */
export const SERVERLESS_ALLOWLIST: ReadonlySet<string> = new Set([
  ...Object.values(AMAZON),
  'airflow.providers.standard.operators.empty.EmptyOperator',
  'airflow.operators.empty.EmptyOperator',
]);

/** MWAA Serverless's task limits ("Apache Airflow Parameter Support", MWAA Serverless user guide). */
export const SERVERLESS_LIMITS = { retries: 3, retryDelaySeconds: 300, executionTimeoutSeconds: 3600 } as const;

/**
 * Fields each operator renders with Jinja (`template_fields` in the provider's source); a `{{ }}`
 * anywhere else would reach AWS as text.
 */
export const TEMPLATED: Record<string, readonly string[]> = {
  GlueJobOperator: ['job_name', 'script_location', 'script_args', 'create_job_kwargs', 'run_job_kwargs', 's3_bucket', 'iam_role_name', 'iam_role_arn'],
  GlueCrawlerOperator: ['config'],
  GlueDataQualityRuleSetEvaluationRunOperator: ['datasource', 'role', 'rule_set_names', 'number_of_workers', 'timeout', 'rule_set_evaluation_run_kwargs'],
  AthenaOperator: ['query', 'database', 'output_location', 'workgroup', 'catalog'],
  SageMakerTrainingOperator: ['config'],
  SageMakerProcessingOperator: ['config'],
  SageMakerTransformOperator: ['config'],
  SageMakerModelOperator: ['config'],
  SageMakerEndpointConfigOperator: ['config'],
  SageMakerEndpointOperator: ['config'],
  SageMakerTuningOperator: ['config'],
  EmrServerlessStartJobOperator: ['application_id', 'config', 'execution_role_arn', 'job_driver', 'configuration_overrides', 'name'],
  DmsStartTaskOperator: ['replication_task_arn', 'start_replication_task_type', 'start_task_kwargs'],
  DmsTaskCompletedSensor: ['replication_task_arn'],
  DmsTaskBaseSensor: ['replication_task_arn'],
  AppflowRunOperator: ['flow_name', 'source', 'source_field', 'filter_date'],
  KinesisAnalyticsV2StartApplicationCompletedSensor: ['application_name'],
  PythonSensor: ['templates_dict', 'op_args', 'op_kwargs'],
  LambdaInvokeFunctionOperator: ['function_name', 'payload', 'qualifier', 'invocation_type'],
  SnsPublishOperator: ['target_arn', 'message', 'subject', 'message_attributes'],
  SqsPublishOperator: ['sqs_queue', 'message_content', 'delay_seconds', 'message_attributes', 'message_group_id'],
  RedshiftDataOperator: ['cluster_identifier', 'database', 'sql', 'db_user', 'parameters', 'statement_name', 'workgroup_name', 'secret_arn'],
  BatchOperator: ['job_id', 'job_name', 'job_definition', 'job_queue', 'container_overrides', 'array_properties', 'ecs_properties_override', 'eks_properties_override', 'node_overrides', 'parameters', 'retry_strategy'],
  EcsRunTaskOperator: ['task_definition', 'cluster', 'overrides', 'launch_type', 'capacity_provider_strategy', 'group', 'placement_constraints', 'placement_strategy', 'platform_version', 'network_configuration', 'tags'],
  BedrockInvokeModelOperator: ['model_id', 'input_data', 'content_type', 'accept_type'],
  EventBridgePutEventsOperator: ['entries', 'endpoint_id'],
  S3CreateObjectOperator: ['s3_bucket', 's3_key', 'data'],
  S3CopyObjectOperator: ['source_bucket_key', 'dest_bucket_key', 'source_bucket_name', 'dest_bucket_name'],
  S3DeleteObjectsOperator: ['keys', 'bucket', 'prefix'],
  DataSyncOperator: ['task_arn', 'source_location_uri', 'destination_location_uri', 'create_task_kwargs', 'create_source_location_kwargs', 'create_destination_location_kwargs', 'update_task_kwargs', 'task_execution_kwargs'],
  KinesisAnalyticsV2StartApplicationOperator: ['application_name', 'run_configuration'],
  StepFunctionStartExecutionOperator: ['state_machine_arn', 'name', 'input'],
  StepFunctionExecutionSensor: ['execution_arn'],
  PythonOperator: ['templates_dict', 'op_args', 'op_kwargs'],
  BranchPythonOperator: ['templates_dict', 'op_args', 'op_kwargs'],
  TriggerDagRunOperator: ['trigger_dag_id', 'trigger_run_id', 'conf'],
  DateTimeSensor: ['target_time'],
};

/** The class name at the end of a dotted operator path. */
export function shortName(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
