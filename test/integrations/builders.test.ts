/**
 * Each builder emits the resource AWS documents for its pattern and sends the request as
 * Arguments (JSONata) or Parameters (JSONPath, with `ref()` values as `key.$`).
 */
import {
  appflow, athena, awsSdk, batch, bedrock, databrew, dms, dynamodb, ecs, emr, emrServerless, eventBridge, expr, firehose, flink, glue, http, input,
  isStepwrightError, kinesis, lambda, redshiftData, ref, s3, sagemaker, sfn, sns, sqs, taskToken, validateDefinition,
} from '../../src/index.js';
import type { Task } from '../../src/dsl/states/task.js';
import { checkRequests } from '../../src/integrations/request-check.js';
import { build, stateOf } from './helpers.js';

const cases: [string, () => Task, string][] = [
  ['s3.listObjects', () => s3.listObjects({ Bucket: 'landing', Prefix: 'raw/' }), 'arn:aws:states:::aws-sdk:s3:listObjectsV2'],
  ['s3.getObject', () => s3.getObject({ Bucket: 'landing', Key: 'a.json' }), 'arn:aws:states:::aws-sdk:s3:getObject'],
  ['s3.putObject', () => s3.putObject({ Bucket: 'landing', Key: 'a.json', Body: { ok: true } }), 'arn:aws:states:::aws-sdk:s3:putObject'],
  ['s3.copyObject', () => s3.copyObject({ Bucket: 'curated', Key: 'a.json', CopySource: 'landing/a.json' }), 'arn:aws:states:::aws-sdk:s3:copyObject'],
  ['glue.startJobRun', () => glue.startJobRun({ JobName: 'j' }), 'arn:aws:states:::glue:startJobRun.sync'],
  ['kinesis.putRecord', () => kinesis.putRecord({ StreamName: 's', Data: 'x', PartitionKey: 'k' }), 'arn:aws:states:::aws-sdk:kinesis:putRecord'],
  ['kinesis.putRecords', () => kinesis.putRecords({ StreamName: 's', Records: [{ Data: 'x', PartitionKey: 'k' }] }), 'arn:aws:states:::aws-sdk:kinesis:putRecords'],
  ['firehose.putRecordBatch', () => firehose.putRecordBatch({ DeliveryStreamName: 'd', Records: [{ Data: 'x' }] }), 'arn:aws:states:::aws-sdk:firehose:putRecordBatch'],
  ['appflow.startFlow', () => appflow.startFlow({ FlowName: 'salesforce-accounts' }), 'arn:aws:states:::aws-sdk:appflow:startFlow'],
  ['appflow.describeFlowExecutionRecords', () => appflow.describeFlowExecutionRecords({ FlowName: 'salesforce-accounts', MaxResults: 5 }), 'arn:aws:states:::aws-sdk:appflow:describeFlowExecutionRecords'],
  ['kinesis.describeStreamSummary', () => kinesis.describeStreamSummary({ StreamName: 's' }), 'arn:aws:states:::aws-sdk:kinesis:describeStreamSummary'],
  ['firehose.describeDeliveryStream', () => firehose.describeDeliveryStream({ DeliveryStreamName: 'd' }), 'arn:aws:states:::aws-sdk:firehose:describeDeliveryStream'],
  ['flink.describeApplication', () => flink.describeApplication({ ApplicationName: 'a' }), 'arn:aws:states:::aws-sdk:kinesisanalyticsv2:describeApplication'],
  ['dms.describeReplicationTasks', () => dms.describeReplicationTasks({ Filters: [{ Name: 'replication-task-arn', Values: ['arn:aws:dms:r:1:task:T'] }], WithoutSettings: true }), 'arn:aws:states:::aws-sdk:databasemigration:describeReplicationTasks'],
  ['redshiftData.cancelStatement', () => redshiftData.cancelStatement({ Id: 's-1' }), 'arn:aws:states:::aws-sdk:redshiftdata:cancelStatement'],
  ['emrServerless.startJobRun', () => emrServerless.startJobRun({ ApplicationId: 'app', ExecutionRoleArn: 'arn:aws:iam::1:role/r', JobDriver: { SparkSubmit: { EntryPoint: 's3://b/job.py' } } }), 'arn:aws:states:::emr-serverless:startJobRun.sync'],
  ['emr.addStep', () => emr.addStep({ ClusterId: 'j-1', Step: { Name: 's', HadoopJarStep: { Jar: 'command-runner.jar', Args: ['spark-submit'] } } }), 'arn:aws:states:::elasticmapreduce:addStep.sync'],
  ['athena.startQueryExecution', () => athena.startQueryExecution({ QueryString: 'select 1' }), 'arn:aws:states:::athena:startQueryExecution.sync'],
  ['athena.getQueryResults', () => athena.getQueryResults({ QueryExecutionId: 'q' }), 'arn:aws:states:::athena:getQueryResults'],
  ['batch.submitJob', () => batch.submitJob({ JobName: 'j', JobQueue: 'q', JobDefinition: 'd' }), 'arn:aws:states:::batch:submitJob.sync'],
  ['ecs.runTask', () => ecs.runTask({ Cluster: 'c', TaskDefinition: 'td:3' }), 'arn:aws:states:::ecs:runTask.sync'],
  ['lambda.invoke', () => lambda.invoke({ FunctionName: 'f' }), 'arn:aws:states:::lambda:invoke'],
  ['databrew.startJobRun', () => databrew.startJobRun({ Name: 'clean' }), 'arn:aws:states:::databrew:startJobRun.sync'],
  ['sagemaker.createProcessingJob', () => sagemaker.createProcessingJob({ ProcessingJobName: 'p', RoleArn: 'r', AppSpecification: { ImageUri: 'i' }, ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.large', VolumeSizeInGB: 10 } } }), 'arn:aws:states:::sagemaker:createProcessingJob.sync'],
  ['sagemaker.createTransformJob', () => sagemaker.createTransformJob({ TransformJobName: 't', ModelName: 'm', TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://b/in' } } }, TransformOutput: { S3OutputPath: 's3://b/out' }, TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 } }), 'arn:aws:states:::sagemaker:createTransformJob.sync'],
  ['sagemaker.createHyperParameterTuningJob', () => sagemaker.createHyperParameterTuningJob({ HyperParameterTuningJobName: 'h', HyperParameterTuningJobConfig: { Strategy: 'Bayesian', ResourceLimits: { MaxParallelTrainingJobs: 2 } } }), 'arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync'],
  ['sagemaker.createModel', () => sagemaker.createModel({ ModelName: 'm', ExecutionRoleArn: 'r' }), 'arn:aws:states:::sagemaker:createModel'],
  ['sagemaker.createEndpointConfig', () => sagemaker.createEndpointConfig({ EndpointConfigName: 'c', ProductionVariants: [{ VariantName: 'v', ModelName: 'm' }] }), 'arn:aws:states:::sagemaker:createEndpointConfig'],
  ['sagemaker.createEndpoint', () => sagemaker.createEndpoint({ EndpointName: 'e', EndpointConfigName: 'c' }), 'arn:aws:states:::sagemaker:createEndpoint'],
  ['sagemaker.updateEndpoint', () => sagemaker.updateEndpoint({ EndpointName: 'e', EndpointConfigName: 'c' }), 'arn:aws:states:::sagemaker:updateEndpoint'],
  ['bedrock.invokeModel', () => bedrock.invokeModel({ ModelId: 'amazon.titan-text-lite-v1', Body: { inputText: 'hi' } }), 'arn:aws:states:::bedrock:invokeModel'],
  ['sfn.startExecution', () => sfn.startExecution({ StateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:child' }), 'arn:aws:states:::states:startExecution.sync:2'],
  ['sns.publish', () => sns.publish({ TopicArn: 'arn:aws:sns:us-east-1:1:alerts', Message: 'm' }), 'arn:aws:states:::sns:publish'],
  ['sqs.sendMessage', () => sqs.sendMessage({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', MessageBody: 'm' }), 'arn:aws:states:::sqs:sendMessage'],
  ['eventBridge.putEvents', () => eventBridge.putEvents({ Entries: [{ Detail: {}, DetailType: 'done', Source: 'etl' }] }), 'arn:aws:states:::events:putEvents'],
  ['dynamodb.getItem', () => dynamodb.getItem({ TableName: 't', Key: { pk: { S: 'a' } } }), 'arn:aws:states:::dynamodb:getItem'],
  ['dynamodb.putItem', () => dynamodb.putItem({ TableName: 't', Item: { pk: { S: 'a' } } }), 'arn:aws:states:::dynamodb:putItem'],
  ['dynamodb.updateItem', () => dynamodb.updateItem({ TableName: 't', Key: { pk: { S: 'a' } }, UpdateExpression: 'SET n = :n' }), 'arn:aws:states:::dynamodb:updateItem'],
  ['dynamodb.deleteItem', () => dynamodb.deleteItem({ TableName: 't', Key: { pk: { S: 'a' } } }), 'arn:aws:states:::dynamodb:deleteItem'],
  ['http.invoke', () => http.invoke({ ApiEndpoint: 'https://api.example.com/v1/runs', Method: 'POST', Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:1:connection/c/1' } }), 'arn:aws:states:::http:invoke'],
];

describe.each(cases)('%s', (_label, make, resource) => {
  test('default pattern resource, request as Arguments in JSONata', () => {
    const state = stateOf(make());
    expect(state.Resource).toBe(resource);
    expect(state.Arguments).toBeDefined();
    expect(state.Parameters).toBeUndefined();
  });
  test('the validator accepts it in both languages', () => {
    expect(validateDefinition(build(make()))).toEqual([]);
    expect(validateDefinition(build(make(), 'JSONPath'))).toEqual([]);
  });
  test('its request passes the check against the service’s own request shape, in both languages', () => {
    expect(checkRequests(build(make()))).toEqual([]);
    expect(checkRequests(build(make(), 'JSONPath'))).toEqual([]);
  });
  test('request as Parameters in JSONPath', () => {
    const state = stateOf(make(), 'JSONPath');
    expect(state.Parameters).toBeDefined();
    expect(state.Arguments).toBeUndefined();
  });
});

describe('requests', () => {
  test('JSONPath ref() values become key.$, JSONata expressions stay as written', () => {
    const make = (q: 'JSONata' | 'JSONPath') =>
      batch.submitJob('Score', { JobName: q === 'JSONPath' ? ref('$.job') : input('job'), JobQueue: 'q', JobDefinition: 'd', ContainerOverrides: { Command: ['score', 'day'] } });
    expect(stateOf(make('JSONPath'), 'JSONPath').Parameters).toEqual({ 'JobName.$': '$.job', JobQueue: 'q', JobDefinition: 'd', ContainerOverrides: { Command: ['score', 'day'] } });
    expect(stateOf(make('JSONata')).Arguments).toEqual({ JobName: '{% $states.input.job %}', JobQueue: 'q', JobDefinition: 'd', ContainerOverrides: { Command: ['score', 'day'] } });
  });

  test('patterns: request-response and task token where the service supports them', () => {
    expect(stateOf(batch.submitJob({ JobName: 'j', JobQueue: 'q', JobDefinition: 'd' }, { pattern: 'requestResponse' })).Resource).toBe('arn:aws:states:::batch:submitJob');
    expect(stateOf(ecs.runTask({ TaskDefinition: 'td' }, { pattern: 'waitForTaskToken' })).Resource).toBe('arn:aws:states:::ecs:runTask.waitForTaskToken');
    expect(stateOf(sqs.sendMessage({ QueueUrl: 'u', MessageBody: { token: taskToken() } }, { pattern: 'waitForTaskToken' }))).toMatchObject({
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Arguments: { QueueUrl: 'u', MessageBody: { token: '{% $states.context.Task.Token %}' } },
    });
    expect(stateOf(eventBridge.putEvents({ Entries: [] }, { pattern: 'waitForTaskToken' })).Resource).toBe('arn:aws:states:::events:putEvents.waitForTaskToken');
    expect(stateOf(http.invoke({ ApiEndpoint: 'https://x', Method: 'GET', Authentication: { ConnectionArn: 'c' } }, { pattern: 'waitForTaskToken' })).Resource).toBe('arn:aws:states:::http:invoke.waitForTaskToken');
    expect(stateOf(sfn.startExecution({ StateMachineArn: 'arn:aws:states:r:1:stateMachine:c' }, { pattern: 'requestResponse' })).Resource).toBe('arn:aws:states:::states:startExecution');
    expect(stateOf(glue.startJobRun({ JobName: 'j' }, { pattern: 'waitForTaskToken' })).Resource).toBe('arn:aws:states:::glue:startJobRun.waitForTaskToken');
  });

  test('names: derived from the action and the resource, or given first', () => {
    expect(Object.keys(build(dynamodb.putItem({ TableName: 'runs', Item: {} })).States)).toEqual(['Put item runs']);
    expect(stateOf(ecs.runTask('Score', { TaskDefinition: 'scorer' })).Resource).toBe('arn:aws:states:::ecs:runTask.sync');
    expect(awsSdk('ec2', 'describeInstances', { InstanceIds: ['i-1'] }).name).toBe('ec2 describeInstances');
    expect(sns.publish({ TopicArn: 'arn:aws:sns:r:1:alerts', Message: 'm' }).name).toBe('Notify alerts');
    expect(sns.publish({ TopicArn: input('topic'), Message: 'm' }).name).toBe('Notify');
  });

  test('ecs.runTask runs on Fargate unless a launch type or capacity strategy is given', () => {
    expect(stateOf(ecs.runTask({ TaskDefinition: 'td' })).Arguments).toEqual({ LaunchType: 'FARGATE', TaskDefinition: 'td' });
    expect(stateOf(ecs.runTask({ TaskDefinition: 'td', LaunchType: 'EC2' })).Arguments).toEqual({ TaskDefinition: 'td', LaunchType: 'EC2' });
    expect(stateOf(ecs.runTask({ TaskDefinition: 'td', CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT' }] })).Arguments).not.toHaveProperty('LaunchType');
  });

  test('awsSdk: any service and action, typed request, optional task token', () => {
    const state = stateOf(awsSdk<{ InstanceIds: string[] }>('ec2', 'describeInstances', { InstanceIds: ['i-1'] }, { name: 'Describe', output: expr('$states.result.Reservations') }));
    expect(state).toMatchObject({ Resource: 'arn:aws:states:::aws-sdk:ec2:describeInstances', Arguments: { InstanceIds: ['i-1'] }, Output: '{% $states.result.Reservations %}' });
    expect(stateOf(awsSdk('codebuild', 'startBuild', { projectName: 'p' }, { pattern: 'waitForTaskToken' })).Resource).toBe('arn:aws:states:::aws-sdk:codebuild:startBuild.waitForTaskToken');
  });
});

describe('glue job bookmarks', () => {
  test('merged into literal Arguments', () => {
    expect(stateOf(glue.startJobRun({ JobName: 'j', Arguments: { '--day': '1' } }, { jobBookmark: 'enable' })).Arguments).toEqual({
      JobName: 'j',
      Arguments: { '--day': '1', '--job-bookmark-option': 'job-bookmark-enable' },
    });
  });
  test('merged with $merge into JSONata Arguments', () => {
    expect(stateOf(glue.startJobRun({ JobName: 'j', Arguments: input('args') }, { jobBookmark: 'pause' })).Arguments).toEqual({
      JobName: 'j',
      Arguments: '{% $merge([$states.input.args, {"--job-bookmark-option":"job-bookmark-pause"}]) %}',
    });
  });
  test('a JSONPath reference cannot take one: a located error', () => {
    let error: unknown;
    try {
      glue.startJobRun({ JobName: 'j', Arguments: ref('$.args') }, { jobBookmark: 'enable' });
    } catch (e) {
      error = e;
    }
    expect(isStepwrightError(error) && error.problems[0]).toMatchObject({ field: 'Arguments' });
  });
});

describe('retry presets', () => {
  test('applied only when asked, in ASL terms', () => {
    expect(stateOf(glue.startJobRun({ JobName: 'j' })).Retry).toBeUndefined();
    const state = stateOf(glue.startJobRun({ JobName: 'j' }).retry(glue.retries.throttling({ maxAttempts: 3 })));
    expect(state.Retry).toEqual([
      {
        ErrorEquals: ['Glue.ConcurrentRunsExceededException', 'Glue.ThrottlingException', 'Glue.ResourceNumberLimitExceededException'],
        IntervalSeconds: 5,
        MaxAttempts: 3,
        BackoffRate: 2,
        MaxDelaySeconds: 300,
        JitterStrategy: 'FULL',
        Comment: 'glue throttling',
      },
    ]);
  });
  test("Lambda's service-exception retrier is on by default, presets add to it", () => {
    const state = stateOf(lambda.invoke({ FunctionName: 'f' }).retry(lambda.retries.throttling()));
    expect((state.Retry as { ErrorEquals: string[] }[]).map((r) => r.ErrorEquals[0])).toEqual(['Lambda.ServiceException', 'Lambda.TooManyRequestsException']);
    expect(stateOf(lambda.invoke({ FunctionName: 'f' }, { retryOnServiceExceptions: false })).Retry).toBeUndefined();
  });
  test.each([
    ['sagemaker', sagemaker.retries.throttling(), 'SageMaker.AmazonSageMakerException'],
    ['athena', athena.retries.throttling(), 'Athena.TooManyRequestsException'],
    ['dynamodb', dynamodb.retries.throttling(), 'DynamoDB.ProvisionedThroughputExceededException'],
    ['bedrock', bedrock.retries.throttling(), 'Bedrock.ThrottlingException'],
    ['kinesis', kinesis.retries.throttling(), 'Kinesis.ProvisionedThroughputExceededException'],
  ])('%s throttling preset names its errors', (_s, preset, error) => {
    expect(preset.errors).toContain(error);
  });
});
