/**
 * The importer's request shapes (src/import/requests.ts) are the integrations' own request types:
 * each shape's inferred type must equal the request parameter of its builder, field for field.
 * The type check (`tsc --noEmit`) fails on any drift; the test below only counts the builders.
 */
import * as api from '../../src/index.js';
import type { Infer } from '../../src/import/shapes.js';
import * as shapes from '../../src/import/requests.js';
import type { JsonataRequest, Request } from '../../src/integrations/integration.js';

type Deep<T> = T extends (infer U)[] ? Deep<U>[] : T extends object ? { [K in keyof T]: Deep<T[K]> } : T;
type Equal<A, B> = (<G>() => G extends Deep<A> ? 1 : 2) extends (<G>() => G extends Deep<B> ? 1 : 2) ? true : false;
/** The request a builder takes: the second element of its named form. */
type RequestOf<F> = F extends (...args: infer A) => unknown ? Extract<A, [string, unknown, ...unknown[]]>[1] : never;
type Pinned<S, F> = Equal<Request<Infer<S>>, RequestOf<F>>;
/** A polled builder takes its (JSONata) request first: `dms.startReplicationTask(request, options)`. */
type PinnedPolled<S, F> = Equal<JsonataRequest<Infer<S>>, F extends (request: infer R, ...rest: never[]) => unknown ? R : never>;

const pins: true[] = [
  true satisfies Pinned<typeof shapes.startJobRun, typeof api.glue.startJobRun>,
  true satisfies Pinned<typeof shapes.listObjectsV2, typeof api.s3.listObjects>,
  true satisfies Pinned<typeof shapes.getObject, typeof api.s3.getObject>,
  true satisfies Pinned<typeof shapes.putObject, typeof api.s3.putObject>,
  true satisfies Pinned<typeof shapes.copyObject, typeof api.s3.copyObject>,
  true satisfies Pinned<typeof shapes.putRecord, typeof api.kinesis.putRecord>,
  true satisfies Pinned<typeof shapes.putRecords, typeof api.kinesis.putRecords>,
  true satisfies Pinned<typeof shapes.putRecordBatch, typeof api.firehose.putRecordBatch>,
  true satisfies Pinned<typeof shapes.startFlow, typeof api.appflow.startFlow>,
  true satisfies Pinned<typeof shapes.getStatementResult, typeof api.redshiftData.getStatementResult>,
  true satisfies Pinned<typeof shapes.emrServerlessStartJobRun, typeof api.emrServerless.startJobRun>,
  true satisfies Pinned<typeof shapes.addStep, typeof api.emr.addStep>,
  true satisfies Pinned<typeof shapes.startQueryExecution, typeof api.athena.startQueryExecution>,
  true satisfies Pinned<typeof shapes.getQueryResults, typeof api.athena.getQueryResults>,
  true satisfies Pinned<typeof shapes.submitJob, typeof api.batch.submitJob>,
  true satisfies Pinned<typeof shapes.runTask, typeof api.ecs.runTask>,
  true satisfies Pinned<typeof shapes.dataBrewStartJobRun, typeof api.databrew.startJobRun>,
  true satisfies Pinned<typeof shapes.createTrainingJob, typeof api.sagemaker.createTrainingJob>,
  true satisfies Pinned<typeof shapes.createProcessingJob, typeof api.sagemaker.createProcessingJob>,
  true satisfies Pinned<typeof shapes.createTransformJob, typeof api.sagemaker.createTransformJob>,
  true satisfies Pinned<typeof shapes.createModel, typeof api.sagemaker.createModel>,
  true satisfies Pinned<typeof shapes.createEndpointConfig, typeof api.sagemaker.createEndpointConfig>,
  true satisfies Pinned<typeof shapes.createEndpoint, typeof api.sagemaker.createEndpoint>,
  true satisfies Pinned<typeof shapes.updateEndpoint, typeof api.sagemaker.updateEndpoint>,
  true satisfies Pinned<typeof shapes.createHyperParameterTuningJob, typeof api.sagemaker.createHyperParameterTuningJob>,
  true satisfies Pinned<typeof shapes.invokeModel, typeof api.bedrock.invokeModel>,
  true satisfies Pinned<typeof shapes.invoke, typeof api.lambda.invoke>,
  true satisfies Pinned<typeof shapes.publish, typeof api.sns.publish>,
  true satisfies Pinned<typeof shapes.sendMessage, typeof api.sqs.sendMessage>,
  true satisfies Pinned<typeof shapes.putEvents, typeof api.eventBridge.putEvents>,
  true satisfies Pinned<typeof shapes.getItem, typeof api.dynamodb.getItem>,
  true satisfies Pinned<typeof shapes.putItem, typeof api.dynamodb.putItem>,
  true satisfies Pinned<typeof shapes.updateItem, typeof api.dynamodb.updateItem>,
  true satisfies Pinned<typeof shapes.deleteItem, typeof api.dynamodb.deleteItem>,
  true satisfies Pinned<typeof shapes.httpInvoke, typeof api.http.invoke>,
  true satisfies Pinned<typeof shapes.startExecution, typeof api.sfn.startExecution>,
  true satisfies PinnedPolled<typeof shapes.startDataQualityRun, typeof api.glue.startDataQualityRun>,
  true satisfies PinnedPolled<typeof shapes.startReplicationTask, typeof api.dms.startReplicationTask>,
  true satisfies PinnedPolled<typeof shapes.replicationTask, typeof api.dms.waitForReplicationTask>,
  true satisfies PinnedPolled<typeof shapes.startTaskExecution, typeof api.datasync.startTaskExecution>,
  true satisfies PinnedPolled<typeof shapes.executeStatement, typeof api.redshiftData.executeStatement>,
  true satisfies PinnedPolled<typeof shapes.batchExecuteStatement, typeof api.redshiftData.batchExecuteStatement>,
  true satisfies PinnedPolled<typeof shapes.startApplication, typeof api.flink.startApplication>,
  true satisfies PinnedPolled<typeof shapes.stopApplication, typeof api.flink.stopApplication>,
  true satisfies PinnedPolled<typeof shapes.application, typeof api.flink.waitForApplication>,
  true satisfies PinnedPolled<typeof shapes.runFlow, typeof api.appflow.runFlow>,
];

test('every request shape is pinned to its builder', () => {
  expect(pins).toHaveLength(Object.keys(shapes).length);
});
