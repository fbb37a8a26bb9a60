/**
 * Which typed integration a Task's Resource names (read with the shared `parseResource`), the
 * integration patterns its builder offers, its default, and its request shape.
 */
import { parseResource } from '../model/resource.js';
import type { Shape } from './shapes.js';
import * as request from './requests.js';

export type Pattern = 'requestResponse' | 'sync' | 'sync:2' | 'waitForTaskToken';

export interface Builder {
  /** The builder as users call it: `glue.startJobRun`. */
  callee: string;
  /** Patterns the builder's `pattern` option takes; the first is its default. */
  patterns: Pattern[];
  request: Shape;
  /** SDK integrations (`arn:aws:states:::aws-sdk:...`) rather than optimised ones. */
  sdk?: boolean;
}

const RR: Pattern[] = ['requestResponse'];
const RR_TOKEN: Pattern[] = ['requestResponse', 'waitForTaskToken'];
const SYNC_RR: Pattern[] = ['sync', 'requestResponse'];
const SYNC_RR_TOKEN: Pattern[] = ['sync', 'requestResponse', 'waitForTaskToken'];

/** By `service:action` as the Resource writes them (`aws-sdk:` prefix for SDK integrations). */
const BUILDERS: Record<string, Builder> = {
  'glue:startJobRun': { callee: 'glue.startJobRun', patterns: SYNC_RR_TOKEN, request: request.startJobRun },
  'aws-sdk:s3:listObjectsV2': { callee: 's3.listObjects', patterns: RR, request: request.listObjectsV2, sdk: true },
  'aws-sdk:s3:getObject': { callee: 's3.getObject', patterns: RR, request: request.getObject, sdk: true },
  'aws-sdk:s3:putObject': { callee: 's3.putObject', patterns: RR, request: request.putObject, sdk: true },
  'aws-sdk:s3:copyObject': { callee: 's3.copyObject', patterns: RR, request: request.copyObject, sdk: true },
  'aws-sdk:kinesis:putRecord': { callee: 'kinesis.putRecord', patterns: RR, request: request.putRecord, sdk: true },
  'aws-sdk:kinesis:putRecords': { callee: 'kinesis.putRecords', patterns: RR, request: request.putRecords, sdk: true },
  'aws-sdk:firehose:putRecordBatch': { callee: 'firehose.putRecordBatch', patterns: RR, request: request.putRecordBatch, sdk: true },
  'aws-sdk:appflow:startFlow': { callee: 'appflow.startFlow', patterns: RR, request: request.startFlow, sdk: true },
  'aws-sdk:redshiftdata:getStatementResult': { callee: 'redshiftData.getStatementResult', patterns: RR, request: request.getStatementResult, sdk: true },
  'emr-serverless:startJobRun': { callee: 'emrServerless.startJobRun', patterns: SYNC_RR, request: request.emrServerlessStartJobRun },
  'elasticmapreduce:addStep': { callee: 'emr.addStep', patterns: SYNC_RR, request: request.addStep },
  'athena:startQueryExecution': { callee: 'athena.startQueryExecution', patterns: SYNC_RR, request: request.startQueryExecution },
  'athena:getQueryResults': { callee: 'athena.getQueryResults', patterns: RR, request: request.getQueryResults },
  'batch:submitJob': { callee: 'batch.submitJob', patterns: SYNC_RR_TOKEN, request: request.submitJob },
  'ecs:runTask': { callee: 'ecs.runTask', patterns: SYNC_RR_TOKEN, request: request.runTask },
  'databrew:startJobRun': { callee: 'databrew.startJobRun', patterns: SYNC_RR, request: request.dataBrewStartJobRun },
  'sagemaker:createTrainingJob': { callee: 'sagemaker.createTrainingJob', patterns: SYNC_RR, request: request.createTrainingJob },
  'sagemaker:createProcessingJob': { callee: 'sagemaker.createProcessingJob', patterns: SYNC_RR, request: request.createProcessingJob },
  'sagemaker:createTransformJob': { callee: 'sagemaker.createTransformJob', patterns: SYNC_RR, request: request.createTransformJob },
  'sagemaker:createHyperParameterTuningJob': { callee: 'sagemaker.createHyperParameterTuningJob', patterns: SYNC_RR, request: request.createHyperParameterTuningJob },
  'sagemaker:createModel': { callee: 'sagemaker.createModel', patterns: RR, request: request.createModel },
  'sagemaker:createEndpointConfig': { callee: 'sagemaker.createEndpointConfig', patterns: RR, request: request.createEndpointConfig },
  'sagemaker:createEndpoint': { callee: 'sagemaker.createEndpoint', patterns: RR, request: request.createEndpoint },
  'sagemaker:updateEndpoint': { callee: 'sagemaker.updateEndpoint', patterns: RR, request: request.updateEndpoint },
  'bedrock:invokeModel': { callee: 'bedrock.invokeModel', patterns: RR, request: request.invokeModel },
  'lambda:invoke': { callee: 'lambda.invoke', patterns: RR_TOKEN, request: request.invoke },
  'sns:publish': { callee: 'sns.publish', patterns: RR_TOKEN, request: request.publish },
  'sqs:sendMessage': { callee: 'sqs.sendMessage', patterns: RR_TOKEN, request: request.sendMessage },
  'events:putEvents': { callee: 'eventBridge.putEvents', patterns: RR_TOKEN, request: request.putEvents },
  'dynamodb:getItem': { callee: 'dynamodb.getItem', patterns: RR, request: request.getItem },
  'dynamodb:putItem': { callee: 'dynamodb.putItem', patterns: RR, request: request.putItem },
  'dynamodb:updateItem': { callee: 'dynamodb.updateItem', patterns: RR, request: request.updateItem },
  'dynamodb:deleteItem': { callee: 'dynamodb.deleteItem', patterns: RR, request: request.deleteItem },
  'http:invoke': { callee: 'http.invoke', patterns: RR_TOKEN, request: request.httpInvoke },
  'states:startExecution': { callee: 'sfn.startExecution', patterns: ['sync:2', 'sync', 'requestResponse', 'waitForTaskToken'], request: request.startExecution },
};

export interface ResourceMatch {
  /** A typed builder, or undefined for `awsSdk(service, action, ...)` (SDK integrations without one). */
  builder?: Builder;
  service: string;
  action: string;
  pattern: Pattern;
}

/**
 * The builder for a Resource, when it is written exactly as the builder writes it (the `aws`
 * partition, the standard form); undefined for everything else (a Lambda ARN, an activity, a
 * placeholder), which stays a generic `task()`.
 */
export function matchResource(resource: string): ResourceMatch | undefined {
  const parsed = parseResource(resource);
  if (parsed.kind !== 'integration' && parsed.kind !== 'aws-sdk') return undefined;
  const pattern: Pattern = /\.sync:2$/.test(resource) ? 'sync:2' : /\.sync$/.test(resource) ? 'sync' : /\.waitForTaskToken$/.test(resource) ? 'waitForTaskToken' : 'requestResponse';
  if (/\.sync:\d+$/.test(resource) && pattern !== 'sync:2') return undefined;
  const suffix = pattern === 'requestResponse' ? '' : `.${pattern}`;
  const prefix = parsed.kind === 'aws-sdk' ? 'aws-sdk:' : '';
  if (resource !== `arn:aws:states:::${prefix}${parsed.service}:${parsed.action}${suffix}`) return undefined;
  const builder = BUILDERS[`${prefix}${parsed.service}:${parsed.action}`];
  if (builder) return builder.patterns.includes(pattern) ? { builder, service: parsed.service, action: parsed.action, pattern } : undefined;
  if (parsed.kind === 'aws-sdk' && (pattern === 'requestResponse' || pattern === 'waitForTaskToken')) return { service: parsed.service, action: parsed.action, pattern };
  return undefined;
}

/** The request type of a typed builder, by its callee (`glue.startJobRun`). */
export function requestShapeOf(callee: string): Shape | undefined {
  return Object.values(BUILDERS).find((b) => b.callee === callee)?.request;
}
