/** Typed AWS service integrations, one module per service. */
export { serviceResource, sdkResource, taskToken, type IntegrationPattern, type IntegrationOptions } from './integration.js';
export { pollUntil, pollVariables, type PollOptions, type PollUntilOptions, type PollVariables } from './poll.js';
export { awsSdk, type AwsSdkOptions } from './aws-sdk.js';
export { glue, type StartJobRunRequest, type StartJobRunOptions, type StartCrawlerOptions, type StartDataQualityRunRequest } from './glue.js';
export { s3, type ListObjectsV2Request, type GetObjectRequest, type PutObjectRequest, type CopyObjectRequest } from './s3.js';
export { dms, type StartReplicationTaskRequest, type DescribeReplicationTasksRequest, type ReplicationTaskOptions, type ReplicationTaskGoal } from './dms.js';
export { kinesis, type PutRecordRequest, type PutRecordsRequest, type DescribeStreamSummaryRequest } from './kinesis.js';
export { firehose, type PutRecordBatchRequest, type DescribeDeliveryStreamRequest } from './firehose.js';
export { appflow, type StartFlowRequest, type DescribeFlowExecutionRecordsRequest } from './appflow.js';
export { datasync, type StartTaskExecutionRequest } from './datasync.js';
export { flink, type StartApplicationRequest, type StopApplicationRequest, type DescribeApplicationRequest, type WaitForApplicationOptions } from './flink.js';
export { redshiftData, type ExecuteStatementRequest, type BatchExecuteStatementRequest } from './redshift-data.js';
export { emrServerless, type EmrServerlessStartJobRunRequest } from './emr-serverless.js';
export { emr, type AddStepRequest } from './emr.js';
export { athena, type StartQueryExecutionRequest } from './athena.js';
export { batch, type SubmitJobRequest } from './batch.js';
export { ecs, type RunTaskRequest } from './ecs.js';
export { databrew, type DataBrewStartJobRunRequest } from './databrew.js';
export {
  sagemaker,
  type CreateTrainingJobRequest,
  type CreateProcessingJobRequest,
  type CreateTransformJobRequest,
  type CreateModelRequest,
  type CreateEndpointConfigRequest,
  type CreateEndpointRequest,
  type UpdateEndpointRequest,
  type CreateHyperParameterTuningJobRequest,
} from './sagemaker.js';
export { bedrock, type InvokeModelRequest } from './bedrock.js';
export { lambda, type InvokeRequest, type InvokeOptions } from './lambda.js';
export { sns, type PublishRequest } from './sns.js';
export { sqs, type SendMessageRequest } from './sqs.js';
export { eventBridge, type PutEventsRequest, type PutEventsEntry } from './events.js';
export { dynamodb, type GetItemRequest, type PutItemRequest, type UpdateItemRequest, type DeleteItemRequest, type AttributeValue } from './dynamodb.js';
export { http, type HttpInvokeRequest } from './http.js';
export { sfn, type StartExecutionRequest } from './sfn.js';
