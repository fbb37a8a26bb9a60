/**
 * Per integration pattern, the policy allows exactly the actions AWS documents in the Step
 * Functions developer guide's "IAM policies for ..." pages (cited per block), on the resources the
 * request names.
 */
import {
  athena, batch, bedrock, databrew, dynamodb, ecs, emr, emrServerless, eventBridge, glue, http, input, lambda, sagemaker, sfn, sns, sqs,
} from '../../src/index.js';
import { actions, ACCOUNT, policyOf, resourcesOf, statementsWith } from './helpers.js';

const RULE_ACTIONS = ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'];
const rule = (name: string) => `arn:aws:events:eu-west-1:111122223333:rule/${name}`;

// https://docs.aws.amazon.com/step-functions/latest/dg/connect-glue.html#glue-iam
describe('glue', () => {
  test('.sync: StartJobRun, GetJobRun(s), BatchStopJobRun on the job', () => {
    const { document } = policyOf(glue.startJobRun({ JobName: 'raw-to-parquet' }));
    expect(document.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['glue:BatchStopJobRun', 'glue:GetJobRun', 'glue:GetJobRuns', 'glue:StartJobRun'],
        Resource: ['arn:aws:glue:eu-west-1:111122223333:job/raw-to-parquet'],
      },
    ]);
  });
  test('request-response: StartJobRun only', () => {
    expect(actions(policyOf(glue.startJobRun({ JobName: 'j' }, { pattern: 'requestResponse' })).document.Statement)).toEqual(['glue:StartJobRun']);
  });
  test('crawler loop: StartCrawler and GetCrawler on the crawler', () => {
    const { document } = policyOf(glue.startCrawler('raw'));
    expect(document.Statement).toEqual([{ Effect: 'Allow', Action: ['glue:GetCrawler', 'glue:StartCrawler'], Resource: ['arn:aws:glue:eu-west-1:111122223333:crawler/raw'] }]);
  });
  test('data quality run passes its role to Glue only', () => {
    const { document } = policyOf(glue.startDataQualityRun({ DataSource: { GlueTable: { DatabaseName: 'curated', TableName: 'tx' } }, Role: 'arn:aws:iam::111122223333:role/dq', RulesetNames: ['tx-rules'] }));
    expect(resourcesOf(document.Statement, 'glue:StartDataQualityRulesetEvaluationRun')).toEqual(['arn:aws:glue:eu-west-1:111122223333:dataQualityRuleset/tx-rules']);
    expect(statementsWith(document.Statement, 'iam:PassRole')).toEqual([
      { Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['arn:aws:iam::111122223333:role/dq'], Condition: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } } },
    ]);
  });
});

// https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html
test('athena .sync: the documented actions, on the work group (primary by default)', () => {
  const { document, warnings } = policyOf(athena.startQueryExecution({ QueryString: 'select 1' }));
  expect(resourcesOf(document.Statement, 'athena:StartQueryExecution')).toEqual([
    'arn:aws:athena:eu-west-1:111122223333:datacatalog/*',
    'arn:aws:athena:eu-west-1:111122223333:workgroup/primary',
  ]);
  expect(actions(document.Statement).filter((a) => a.startsWith('athena:'))).toEqual(['athena:GetDataCatalog', 'athena:GetQueryExecution', 'athena:StartQueryExecution', 'athena:StopQueryExecution']);
  expect(actions(document.Statement)).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 'glue:GetTable', 'glue:BatchCreatePartition', 'lakeformation:GetDataAccess']));
  expect(warnings.some((w) => w.includes('Athena reads the queried tables'))).toBe(true);
});

// https://docs.aws.amazon.com/step-functions/latest/dg/emr-iam.html
test('emr addStep .sync: AddJobFlowSteps, DescribeStep, CancelSteps on the cluster, and its managed rule', () => {
  const { document } = policyOf(emr.addStep({ ClusterId: 'j-ABC', Step: { Name: 's', HadoopJarStep: { Jar: 'command-runner.jar' } } }));
  expect(resourcesOf(document.Statement, 'elasticmapreduce:AddJobFlowSteps')).toEqual(['arn:aws:elasticmapreduce:eu-west-1:111122223333:cluster/j-ABC']);
  expect(actions(document.Statement)).toEqual(['elasticmapreduce:AddJobFlowSteps', 'elasticmapreduce:CancelSteps', 'elasticmapreduce:DescribeStep', ...RULE_ACTIONS].sort());
  expect(resourcesOf(document.Statement, 'events:PutRule')).toEqual([rule('StepFunctionsGetEventForEMRAddJobFlowStepsRule')]);
});

// https://docs.aws.amazon.com/step-functions/latest/dg/emr-serverless-iam.html
test('emr serverless startJobRun .sync: job run actions on the application, PassRole to emr-serverless', () => {
  const { document } = policyOf(emrServerless.startJobRun({ ApplicationId: '00f1', ExecutionRoleArn: 'arn:aws:iam::111122223333:role/spark', JobDriver: { SparkSubmit: { EntryPoint: 's3://b/j.py' } } }));
  expect(resourcesOf(document.Statement, 'emr-serverless:StartJobRun')).toEqual(['arn:aws:emr-serverless:eu-west-1:111122223333:/applications/00f1']);
  expect(resourcesOf(document.Statement, 'emr-serverless:GetJobRun')).toEqual(['arn:aws:emr-serverless:eu-west-1:111122223333:/applications/00f1/jobruns/*']);
  expect(resourcesOf(document.Statement, 'events:PutTargets')).toEqual([rule('StepFunctionsGetEventsForEMRServerlessJobRule')]);
  expect(statementsWith(document.Statement, 'iam:PassRole')[0]).toMatchObject({ Resource: ['arn:aws:iam::111122223333:role/spark'], Condition: { StringEquals: { 'iam:PassedToService': 'emr-serverless.amazonaws.com' } } });
});

// https://docs.aws.amazon.com/step-functions/latest/dg/databrew-iam.html
test('databrew .sync: startJobRun, listJobRuns, stopJobRun on the job', () => {
  const { document } = policyOf(databrew.startJobRun({ Name: 'clean' }));
  expect(document.Statement).toEqual([{ Effect: 'Allow', Action: ['databrew:ListJobRuns', 'databrew:StartJobRun', 'databrew:StopJobRun'], Resource: ['arn:aws:databrew:eu-west-1:111122223333:job/clean'] }]);
});

// https://docs.aws.amazon.com/step-functions/latest/dg/batch-iam.html
describe('batch', () => {
  test('.sync: SubmitJob on queue and definition, DescribeJobs, TerminateJob, managed rule', () => {
    const { document, warnings } = policyOf(batch.submitJob({ JobName: 'score', JobQueue: 'gpu', JobDefinition: 'scorer' }));
    expect(actions(document.Statement)).toEqual(['batch:DescribeJobs', 'batch:SubmitJob', 'batch:TerminateJob', ...RULE_ACTIONS].sort());
    expect(resourcesOf(document.Statement, 'batch:SubmitJob')).toEqual([
      'arn:aws:batch:eu-west-1:111122223333:job-definition/scorer:*',
      'arn:aws:batch:eu-west-1:111122223333:job-queue/gpu',
    ]);
    expect(resourcesOf(document.Statement, 'batch:DescribeJobs')).toEqual(['*']);
    expect(warnings).toContain('batch:DescribeJobs supports no resource-level permissions; it is granted on *');
    expect(resourcesOf(document.Statement, 'events:PutRule')).toEqual([rule('StepFunctionsGetEventsForBatchJobsRule')]);
  });
  test('request-response: SubmitJob only', () => {
    expect(actions(policyOf(batch.submitJob({ JobName: 'j', JobQueue: 'q', JobDefinition: 'd:4' }, { pattern: 'requestResponse' })).document.Statement)).toEqual(['batch:SubmitJob']);
  });
});

// https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html
describe('ecs', () => {
  test('.sync: RunTask on the task definition, StopTask/DescribeTasks, managed rule, PassRole of overridden roles to ecs-tasks', () => {
    const { document, warnings } = policyOf(
      ecs.runTask({ Cluster: 'etl', TaskDefinition: 'scorer:7', Overrides: { TaskRoleArn: 'arn:aws:iam::111122223333:role/task' } }),
    );
    expect(resourcesOf(document.Statement, 'ecs:RunTask')).toEqual(['arn:aws:ecs:eu-west-1:111122223333:task-definition/scorer:7']);
    expect(resourcesOf(document.Statement, 'ecs:StopTask')).toEqual(['arn:aws:ecs:eu-west-1:111122223333:task/etl/*']);
    expect(actions(document.Statement)).toEqual(['ecs:DescribeTasks', 'ecs:RunTask', 'ecs:StopTask', 'iam:PassRole', ...RULE_ACTIONS].sort());
    expect(resourcesOf(document.Statement, 'events:PutRule')).toEqual([rule('StepFunctionsGetEventsForECSTaskRule')]);
    expect(statementsWith(document.Statement, 'iam:PassRole')[0]).toMatchObject({ Resource: ['arn:aws:iam::111122223333:role/task'], Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } });
    expect(warnings.filter((w) => w.includes('PassRole'))).toEqual([]);
  });
  test("without overridden roles the task definition's roles are unknown: a conditioned wildcard and a warning", () => {
    const { document, warnings } = policyOf(ecs.runTask({ TaskDefinition: 'scorer' }, { pattern: 'requestResponse' }));
    expect(resourcesOf(document.Statement, 'ecs:RunTask')).toEqual(['arn:aws:ecs:eu-west-1:111122223333:task-definition/scorer:*']);
    expect(statementsWith(document.Statement, 'iam:PassRole')[0]).toMatchObject({ Resource: ['arn:aws:iam::111122223333:role/*'], Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } });
    expect(warnings.some((w) => w.startsWith('state "Run scorer": RunTask passes the task definition\'s roles'))).toBe(true);
  });
});

// https://docs.aws.amazon.com/step-functions/latest/dg/sagemaker-iam.html
describe('sagemaker', () => {
  const training = {
    TrainingJobName: 'FraudModel-2026',
    AlgorithmSpecification: { TrainingImage: 'img', TrainingInputMode: 'File' as const },
    RoleArn: 'arn:aws:iam::111122223333:role/sm',
    OutputDataConfig: { S3OutputPath: 's3://b/out' },
    ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 10 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  };
  test('training .sync: Create/Describe/Stop on the (lowercased) job, ListTags, PassRole to SageMaker, managed rule', () => {
    const { document } = policyOf(sagemaker.createTrainingJob(training));
    expect(resourcesOf(document.Statement, 'sagemaker:CreateTrainingJob')).toEqual(['arn:aws:sagemaker:eu-west-1:111122223333:training-job/fraudmodel-2026*']);
    expect(actions(document.Statement)).toEqual(['iam:PassRole', 'sagemaker:CreateTrainingJob', 'sagemaker:DescribeTrainingJob', 'sagemaker:ListTags', 'sagemaker:StopTrainingJob', ...RULE_ACTIONS].sort());
    expect(resourcesOf(document.Statement, 'events:PutRule')).toEqual([rule('StepFunctionsGetEventsForSageMakerTrainingJobsRule')]);
    expect(statementsWith(document.Statement, 'iam:PassRole')[0]).toMatchObject({ Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } });
  });
  test('tags on the request add sagemaker:AddTags on the job', () => {
    const { document } = policyOf(sagemaker.createTrainingJob({ ...training, Tags: [{ Key: 'team', Value: 'fraud' }] }, { pattern: 'requestResponse' }));
    expect(resourcesOf(document.Statement, 'sagemaker:AddTags')).toEqual(['arn:aws:sagemaker:eu-west-1:111122223333:training-job/fraudmodel-2026*']);
    expect(actions(document.Statement)).not.toContain('sagemaker:DescribeTrainingJob');
  });
  test('transform, processing and tuning jobs listen on their own managed rules', () => {
    const transform = policyOf(sagemaker.createTransformJob({ TransformJobName: 't', ModelName: 'm', TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://b' } } }, TransformOutput: { S3OutputPath: 's3://b/o' }, TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 } }));
    expect(resourcesOf(transform.document.Statement, 'events:PutRule')).toEqual([rule('StepFunctionsGetEventsForSageMakerTransformJobsRule')]);
    expect(actions(transform.document.Statement)).toEqual(expect.arrayContaining(['sagemaker:CreateTransformJob', 'sagemaker:DescribeTransformJob', 'sagemaker:StopTransformJob']));
    const tuning = policyOf(sagemaker.createHyperParameterTuningJob({ HyperParameterTuningJobName: 'h', HyperParameterTuningJobConfig: { Strategy: 'Bayesian', ResourceLimits: { MaxParallelTrainingJobs: 2 } }, TrainingJobDefinition: { ...training, StaticHyperParameters: {} } }));
    expect(resourcesOf(tuning.document.Statement, 'events:PutRule')).toEqual([rule('StepFunctionsGetEventsForSageMakerTuningJobsRule')]);
    expect(actions(tuning.document.Statement)).toEqual(expect.arrayContaining(['sagemaker:ListTrainingJobsForHyperParameterTuningJob', 'iam:PassRole']));
  });
  test('model and endpoint: request-response actions on their resources; CreateModel passes its role', () => {
    const model = policyOf(sagemaker.createModel({ ModelName: 'Fraud', ExecutionRoleArn: 'arn:aws:iam::111122223333:role/sm' }));
    expect(actions(model.document.Statement)).toEqual(['iam:PassRole', 'sagemaker:CreateModel']);
    const endpoint = policyOf(sagemaker.updateEndpoint({ EndpointName: 'fraud', EndpointConfigName: 'fraud-v2' }));
    expect(resourcesOf(endpoint.document.Statement, 'sagemaker:UpdateEndpoint')).toEqual([
      'arn:aws:sagemaker:eu-west-1:111122223333:endpoint-config/fraud-v2',
      'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/fraud',
    ]);
  });
});

// https://docs.aws.amazon.com/step-functions/latest/dg/bedrock-iam.html
test('bedrock invokeModel: the foundation model (no account in its ARN), S3 input and output', () => {
  const { document } = policyOf(bedrock.invokeModel({ ModelId: 'amazon.titan-text-lite-v1', Input: { S3Uri: 's3://prompts/a.json' }, Output: { S3Uri: 's3://answers/a' } }));
  expect(document.Statement).toEqual([
    { Effect: 'Allow', Action: ['bedrock:InvokeModel'], Resource: ['arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-lite-v1'] },
    { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::prompts/a.json'] },
    { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::answers/a*'] },
  ]);
});

// https://docs.aws.amazon.com/step-functions/latest/dg/lambda-iam.html
test('lambda: InvokeFunction on the function and its versions; a qualified name on itself', () => {
  const { document } = policyOf(lambda.invoke({ FunctionName: 'dq-check' }).next(lambda.invoke('B', { FunctionName: 'arn:aws:lambda:eu-west-1:111122223333:function:other:live' })));
  expect(resourcesOf(document.Statement, 'lambda:InvokeFunction')).toEqual([
    'arn:aws:lambda:eu-west-1:111122223333:function:dq-check',
    'arn:aws:lambda:eu-west-1:111122223333:function:dq-check:*',
    'arn:aws:lambda:eu-west-1:111122223333:function:other:live',
  ]);
});

// https://docs.aws.amazon.com/step-functions/latest/dg/sns-iam.html, sqs-iam.html, eventbridge-iam.html, dynamo-iam.html
test('sns, sqs, events, dynamodb: one action on the named resource', () => {
  const chain = sns
    .publish({ TopicArn: 'arn:aws:sns:eu-west-1:111122223333:alerts', Message: 'm' })
    .next(sqs.sendMessage({ QueueUrl: 'https://sqs.us-east-2.amazonaws.com/444455556666/jobs', MessageBody: 'm' }))
    .next(eventBridge.putEvents({ Entries: [{ Detail: {}, DetailType: 'd', Source: 's' }, { Detail: {}, DetailType: 'd', Source: 's', EventBusName: 'etl' }] }))
    .next(dynamodb.updateItem({ TableName: 'runs', Key: { pk: { S: 'x' } }, UpdateExpression: 'SET n = :n' }));
  expect(policyOf(chain).document.Statement).toEqual([
    { Effect: 'Allow', Action: ['dynamodb:UpdateItem'], Resource: ['arn:aws:dynamodb:eu-west-1:111122223333:table/runs'] },
    { Effect: 'Allow', Action: ['events:PutEvents'], Resource: ['arn:aws:events:eu-west-1:111122223333:event-bus/default', 'arn:aws:events:eu-west-1:111122223333:event-bus/etl'] },
    { Effect: 'Allow', Action: ['sns:Publish'], Resource: ['arn:aws:sns:eu-west-1:111122223333:alerts'] },
    { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-2:444455556666:jobs'] },
  ]);
});

// https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html
describe('nested executions', () => {
  const child = 'arn:aws:states:eu-west-1:111122223333:stateMachine:child';
  test('.sync: StartExecution on the child, Describe/StopExecution on its executions, managed rule', () => {
    const { document } = policyOf(sfn.startExecution({ StateMachineArn: child }));
    expect(document.Statement).toEqual([
      { Effect: 'Allow', Action: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'], Resource: [rule('StepFunctionsGetEventsForStepFunctionsExecutionRule')] },
      { Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: ['arn:aws:states:eu-west-1:111122223333:execution:child:*'] },
      { Effect: 'Allow', Action: ['states:StartExecution'], Resource: [child] },
    ]);
  });
  test('request-response: StartExecution only', () => {
    expect(actions(policyOf(sfn.startExecution({ StateMachineArn: child }, { pattern: 'requestResponse' })).document.Statement)).toEqual(['states:StartExecution']);
  });
  test('through an alias: StartExecution on the alias, Describe/StopExecution on the executions named under the machine', () => {
    const { document } = policyOf(sfn.startExecution({ StateMachineArn: `${child}:live` }));
    expect(document.Statement).toContainEqual({ Effect: 'Allow', Action: ['states:StartExecution'], Resource: [`${child}:live`] });
    expect(document.Statement).toContainEqual({ Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: ['arn:aws:states:eu-west-1:111122223333:execution:child:*'] });
  });
});

// https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html
test('http task: connection credentials, its secret, InvokeHTTPEndpoint limited to method and endpoint', () => {
  const { document } = policyOf(
    http.invoke({ ApiEndpoint: 'https://api.example.com/v1/runs', Method: 'POST', Authentication: { ConnectionArn: 'arn:aws:events:eu-west-1:111122223333:connection/example/0b1c' } }),
    { ...ACCOUNT, stateMachineName: 'ingest' },
  );
  expect(document.Statement).toEqual([
    { Effect: 'Allow', Action: ['events:RetrieveConnectionCredentials'], Resource: ['arn:aws:events:eu-west-1:111122223333:connection/example/*'] },
    { Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Resource: ['arn:aws:secretsmanager:*:*:secret:events!connection/*'] },
    {
      Effect: 'Allow',
      Action: ['states:InvokeHTTPEndpoint'],
      Resource: ['arn:aws:states:eu-west-1:111122223333:stateMachine:ingest'],
      Condition: { StringEquals: { 'states:HTTPMethod': 'POST' }, StringLike: { 'states:HTTPEndpoint': 'https://api.example.com/v1/runs' } },
    },
  ]);
});

test('a dynamic request field widens only that part of the ARN, with a warning naming state and field', () => {
  const { document, warnings } = policyOf(glue.startJobRun('Convert', { JobName: input('job') }));
  expect(resourcesOf(document.Statement, 'glue:StartJobRun')).toEqual(['arn:aws:glue:eu-west-1:111122223333:job/*']);
  expect(warnings).toEqual(['state "Convert": JobName is set at run time, so the policy allows any (*) in its place']);
});

test('a dynamic SageMaker job name gives job/* (not job/**)', () => {
  const { document } = policyOf(
    sagemaker.createTrainingJob({
      TrainingJobName: input('name'),
      AlgorithmSpecification: { TrainingImage: 'img', TrainingInputMode: 'File' },
      RoleArn: 'arn:aws:iam::111122223333:role/sm',
      OutputDataConfig: { S3OutputPath: 's3://b/out' },
      ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 10 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    }),
  );
  expect(resourcesOf(document.Statement, 'sagemaker:CreateTrainingJob')).toEqual(['arn:aws:sagemaker:eu-west-1:111122223333:training-job/*']);
});
