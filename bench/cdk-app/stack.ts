/**
 * The four example workflows of workflows/*.ts (ingest, transform, train, pipeline) written as a
 * CDK user would write them with aws-cdk-lib/aws-stepfunctions and aws-stepfunctions-tasks: same
 * states, same names, same integrations, same query languages. Where CDK cannot say what the
 * stepwright DSL says, the difference is noted here and in bench/results.md (see bench/README.md).
 *
 * Differences CDK imposes (bench/run.ts compares the synthesized definitions with stepwright's
 * output field by field on every run and lists them in bench/results.md):
 * - Retriers have no `Comment` (RetryProps has none), so stepwright's "throttling" comment is missing.
 * - GlueStartJobRun turns a task timeout into the Glue job's own `Timeout` (minutes, in Arguments) and
 *   writes `NotificationProperty: null`; stepwright puts `TimeoutSeconds` on the state.
 * - The JSONPath machine has no top-level `QueryLanguage` (CDK omits the default).
 * - Every state machine gets an IAM role and policy generated from the integrations, and the stack
 *   carries CDK metadata (stepwright's build writes only ASL; its IAM policies come from `deploy`).
 */
// @ts-ignore -- bench-only dependency (npm --prefix bench ci); see bench/README.md
import { Duration, Size, Stack, Tags, type App } from 'aws-cdk-lib';
// @ts-ignore -- bench-only dependency (npm --prefix bench ci); see bench/README.md
import * as ec2 from 'aws-cdk-lib/aws-ec2';
// @ts-ignore -- bench-only dependency (npm --prefix bench ci); see bench/README.md
import * as iam from 'aws-cdk-lib/aws-iam';
// @ts-ignore -- bench-only dependency (npm --prefix bench ci); see bench/README.md
import * as lambda from 'aws-cdk-lib/aws-lambda';
// @ts-ignore -- bench-only dependency (npm --prefix bench ci); see bench/README.md
import * as sns from 'aws-cdk-lib/aws-sns';
// @ts-ignore -- bench-only dependency (npm --prefix bench ci); see bench/README.md
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
// @ts-ignore -- bench-only dependency (npm --prefix bench ci); see bench/README.md
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
// @ts-ignore -- bench-only dependency (npm --prefix bench ci); see bench/README.md
import { Construct } from 'constructs';

// The same account and names as workflows/config.ts.
const account = '123456789012';
const region = 'eu-west-1';
const arn = {
  stateMachine: (name: string) => `arn:aws:states:${region}:${account}:stateMachine:${name}`,
  lambda: (name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`,
  topic: (name: string) => `arn:aws:sns:${region}:${account}:${name}`,
  role: (name: string) => `arn:aws:iam::${account}:role/${name}`,
};
const buckets = {
  landing: 'fraud-landing-123456789012',
  curated: 'fraud-curated-123456789012',
  models: 'fraud-models-123456789012',
  athenaResults: 'fraud-athena-results-123456789012',
};

/** stepwright's `retries.throttling()` default. */
const THROTTLING_ERRORS = [
  'ThrottlingException',
  'TooManyRequestsException',
  'Lambda.TooManyRequestsException',
  'Glue.ConcurrentRunsExceededException',
  'Athena.TooManyRequestsException',
  'SageMaker.AmazonSageMakerException',
];
const throttling = (errors = THROTTLING_ERRORS, maxAttempts = 6): sfn.RetryProps => ({
  errors,
  interval: Duration.seconds(5),
  maxAttempts,
  backoffRate: 2,
  maxDelay: Duration.seconds(300),
  jitterStrategy: sfn.JitterType.FULL,
});
/** stepwright's lambda.invoke default retrier (CDK's own, retryOnServiceExceptions, is turned off). */
const lambdaServiceErrors: sfn.RetryProps = {
  errors: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
  interval: Duration.seconds(1),
  maxAttempts: 3,
  backoffRate: 2,
  jitterStrategy: sfn.JitterType.FULL,
};

/**
 * An S3 URI as given. (`S3Location.fromBucket` renders the bucket's https URL, which SageMaker
 * rejects for S3Uri; subclassing S3Location is CDK's way to say "this exact URI".)
 */
class S3Uri extends tasks.S3Location {
  constructor(private readonly uri: string) {
    super();
  }
  bind(): tasks.S3LocationConfig {
    return { uri: this.uri };
  }
}

function ingest(stack: Stack): sfn.StateMachine {
  const scope = new Construct(stack, 'Ingest');
  const topic = sns.Topic.fromTopicArn(scope, 'Alerts', arn.topic('fraud-platform-alerts'));
  const failed = tasks.SnsPublish.jsonata(scope, 'Notify ingest failed', {
    topic,
    subject: 'fraud ingest failed',
    message: sfn.TaskInput.fromText("{% 'ingest of ' & $runDate & ' failed: ' & $states.input.Error & ' - ' & $states.input.Cause %}"),
  }).next(sfn.Fail.jsonata(scope, 'Ingest failed', { error: '{% $states.input.Error %}', cause: '{% $states.input.Cause %}' }));

  const resolveDay = sfn.Pass.jsonata(scope, 'Resolve partition', {
    // A manual run gives `date`, the landing rule the object's `source`, the nightly schedule `scheduledTime`.
    assign: {
      runDate: `{% (
      $partition := $match($string($states.input.source), /year=(\\d{4})\\/month=(\\d{2})\\/day=(\\d{2})/);
      $dayBefore := function($time) { $fromMillis($toMillis($time) - 86400000, '[Y0001]-[M01]-[D01]') };
      $exists($states.input.date) ? $states.input.date
        : $partition ? $join($partition.groups, '-')
        : $exists($states.input.scheduledTime) ? $dayBefore($states.input.scheduledTime)
        : $dayBefore($states.context.Execution.StartTime)
    ) %}`,
    },
    outputs:
      '{% { "date": $runDate, "prefix": "raw/year=" & $substring($runDate, 0, 4) & "/month=" & $substring($runDate, 5, 2) & "/day=" & $substring($runDate, 8, 2) & "/" } %}',
  });

  // stepwright's glue.startCrawler polls the crawler until READY; in CDK the loop is written out.
  const crawler = 'fraud-raw-transactions';
  const startCrawler = tasks.GlueStartCrawlerRun.jsonata(scope, 'Catalog raw partition: start', {
    crawlerName: crawler,
    outputs: '{% $states.input %}',
    assign: { polls_Catalog_raw_partition: 0 },
  });
  startCrawler.addRetry(throttling()).addCatch(failed);
  const wait = sfn.Wait.jsonata(scope, 'Catalog raw partition: wait', { time: sfn.WaitTime.duration(Duration.seconds(30)) });
  const getState = tasks.CallAwsService.jsonata(scope, 'Catalog raw partition: get state', {
    service: 'glue',
    action: 'getCrawler',
    parameters: { Name: crawler },
    iamResources: [`arn:aws:glue:${region}:${account}:crawler/${crawler}`],
    outputs: '{% $states.input %}',
    assign: {
      polls_Catalog_raw_partition: '{% $polls_Catalog_raw_partition + 1 %}',
      // A crawl that ended FAILED or CANCELLED leaves the crawler READY: stepwright reports it as FAILED.
      polls_Catalog_raw_partition_state:
        "{% $states.result.Crawler.State = 'READY' and $states.result.Crawler.LastCrawl.Status in ['FAILED', 'CANCELLED'] ? 'FAILED' : $states.result.Crawler.State %}",
      polls_Catalog_raw_partition_reason:
        "{% $exists($states.result.Crawler.LastCrawl.ErrorMessage) ? $string($states.result.Crawler.LastCrawl.ErrorMessage) : '' %}",
    },
  });
  getState.addRetry(throttling()).addCatch(failed);
  const ready = sfn.Pass.jsonata(scope, 'Catalog raw partition: ready');
  const crawlFailed = sfn.Fail.jsonata(scope, 'Catalog raw partition: failed', {
    error: 'Glue.CrawlerFailed',
    cause: '{% $polls_Catalog_raw_partition_reason %}',
  });
  const timedOut = sfn.Fail.jsonata(scope, 'Catalog raw partition: timed out', {
    error: 'Glue.CrawlerTimeout',
    cause: `crawler ${crawler} was not READY after 40 polls`,
  });
  const isReady = sfn.Choice.jsonata(scope, 'Catalog raw partition: ready?')
    .when(sfn.Condition.jsonata("{% $polls_Catalog_raw_partition_state = 'READY' %}"), ready)
    .when(sfn.Condition.jsonata("{% $polls_Catalog_raw_partition_state = 'FAILED' %}"), crawlFailed)
    .when(sfn.Condition.jsonata('{% $polls_Catalog_raw_partition >= 40 %}'), timedOut)
    .otherwise(wait);

  const toParquet = tasks.GlueStartJobRun.jsonata(scope, 'Convert to Parquet', {
    glueJobName: 'transactions-raw-to-parquet',
    integrationPattern: sfn.IntegrationPattern.RUN_JOB,
    arguments: sfn.TaskInput.fromObject({
      '--run_date': '{% $runDate %}',
      '--source': `{% 's3://${buckets.landing}/' & $states.input.prefix %}`,
      '--target': `s3://${buckets.curated}/transactions/`,
      '--job-bookmark-option': 'job-bookmark-enable',
    }),
    workerConfiguration: { workerTypeV2: tasks.WorkerTypeV2.G_1X, numberOfWorkers: 10 },
    taskTimeout: sfn.Timeout.duration(Duration.hours(2)),
    outputs: '{% { "date": $runDate, "jobRunId": $states.result.Id } %}',
  });
  toParquet.addRetry(throttling()).addCatch(failed);

  const checkQuality = tasks.LambdaInvoke.jsonata(scope, 'Check data quality', {
    lambdaFunction: lambda.Function.fromFunctionArn(scope, 'DqCheck', arn.lambda('fraud-dq-check')),
    payload: sfn.TaskInput.fromObject({ date: '{% $runDate %}', table: 'curated.transactions' }),
    outputs: '{% $states.result.Payload %}',
    retryOnServiceExceptions: false,
  });
  checkQuality.addRetry(lambdaServiceErrors).addCatch(failed);

  const gate = sfn.Choice.jsonata(scope, 'Quality passed?')
    .when(
      sfn.Condition.jsonata('{% $states.input.passed = true %}'),
      sfn.Succeed.jsonata(scope, 'Ingested', { outputs: '{% { "date": $runDate, "rows": $states.input.rowCount } %}' }),
    )
    .otherwise(
      sfn.Pass.jsonata(scope, 'Describe quality failure', {
        outputs: '{% { "Error": "DataQuality.Failed", "Cause": $join($states.input.failedRules, ", ") } %}',
      }).next(failed),
    );

  const definition = resolveDay.next(startCrawler).next(wait).next(getState).next(isReady);
  ready.next(toParquet).next(checkQuality).next(gate);

  const machine = new sfn.StateMachine(scope, 'StateMachine', {
    stateMachineName: 'ingest',
    comment: 'Land a day of transactions: catalog, convert to Parquet, check quality',
    queryLanguage: sfn.QueryLanguage.JSONATA,
    timeout: Duration.hours(4),
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
  });
  Tags.of(machine).add('team', 'fraud-data');
  Tags.of(machine).add('stage', 'ingest');
  return machine;
}

function transform(stack: Stack): sfn.StateMachine {
  const scope = new Construct(stack, 'Transform');
  const topic = sns.Topic.fromTopicArn(scope, 'Alerts', arn.topic('fraud-platform-alerts'));
  const notifyFailure = tasks.SnsPublish.jsonPath(scope, 'Notify transform failed', {
    topic,
    subject: 'fraud transform failed',
    message: sfn.TaskInput.fromText(sfn.JsonPath.format('transform failed: {} - {}', sfn.JsonPath.stringAt('$.error.Error'), sfn.JsonPath.stringAt('$.error.Cause'))),
  }).next(sfn.Fail.jsonPath(scope, 'Transform failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' }));

  const buildFeatures = tasks.AthenaStartQueryExecution.jsonPath(scope, 'Build daily features', {
    queryString: sfn.JsonPath.format(
      "INSERT INTO features.daily SELECT card_id, dt, count(*) AS txn_count, sum(amount) AS amount_sum, max(amount) AS amount_max FROM curated.transactions WHERE dt = '{}' GROUP BY card_id, dt",
      sfn.JsonPath.stringAt('$.date'),
    ),
    queryExecutionContext: { databaseName: 'features' },
    workGroup: 'fraud-etl',
    resultConfiguration: { outputLocation: { bucketName: buckets.athenaResults, objectKey: 'features' } },
    integrationPattern: sfn.IntegrationPattern.RUN_JOB,
    resultSelector: { queryExecutionId: sfn.JsonPath.stringAt('$.QueryExecution.QueryExecutionId'), state: sfn.JsonPath.stringAt('$.QueryExecution.Status.State') },
    resultPath: '$.query',
  });
  buildFeatures.addRetry(throttling(['Athena.TooManyRequestsException', 'Athena.ThrottlingException']));

  const perDay = new sfn.Map(scope, 'Features per day', {
    itemsPath: '$.dates',
    itemSelector: { date: sfn.JsonPath.stringAt('$$.Map.Item.Value') },
    maxConcurrency: 4,
    resultPath: '$.features',
  });
  perDay.itemProcessor(buildFeatures);
  perDay.addCatch(notifyFailure, { resultPath: '$.error' });

  const compact = tasks.GlueStartJobRun.jsonPath(scope, 'Compact feature set', {
    glueJobName: 'features-compact',
    integrationPattern: sfn.IntegrationPattern.RUN_JOB,
    arguments: sfn.TaskInput.fromObject({ '--dates': sfn.JsonPath.jsonToString(sfn.JsonPath.objectAt('$.dates')) }),
    resultSelector: { jobRunId: sfn.JsonPath.stringAt('$.Id'), state: sfn.JsonPath.stringAt('$.JobRunState') },
    resultPath: '$.compaction',
  });
  compact.addRetry(throttling()).addCatch(notifyFailure, { resultPath: '$.error' });

  const machine = new sfn.StateMachine(scope, 'StateMachine', {
    stateMachineName: 'transform',
    comment: 'Daily features for the fraud model, one Athena query per partition',
    queryLanguage: sfn.QueryLanguage.JSON_PATH,
    timeout: Duration.hours(3),
    definitionBody: sfn.DefinitionBody.fromChainable(perDay.next(compact)),
  });
  Tags.of(machine).add('team', 'fraud-data');
  Tags.of(machine).add('stage', 'transform');
  return machine;
}

function train(stack: Stack): sfn.StateMachine {
  const scope = new Construct(stack, 'Train');
  const topic = sns.Topic.fromTopicArn(scope, 'Alerts', arn.topic('fraud-platform-alerts'));
  const name = sfn.Pass.jsonata(scope, 'Name the training run', {
    assign: {
      jobName: "{% 'fraud-xgb-' & $replace($states.input.date, '-', '') & '-' & $substring($states.context.Execution.Name, 0, 8) %}",
      threshold: '{% $exists($states.input.threshold) ? $states.input.threshold : 0.9 %}',
    },
  });

  const trainModel = tasks.SageMakerCreateTrainingJob.jsonata(scope, 'Train model', {
    trainingJobName: '{% $jobName %}',
    integrationPattern: sfn.IntegrationPattern.RUN_JOB,
    algorithmSpecification: {
      trainingImage: tasks.DockerImage.fromRegistry('685385470294.dkr.ecr.eu-west-1.amazonaws.com/xgboost:1'),
      trainingInputMode: tasks.InputMode.FILE,
    },
    role: iam.Role.fromRoleArn(scope, 'TrainingRole', arn.role('fraud-sagemaker-training'), { mutable: false }),
    inputDataConfig: [
      {
        channelName: 'train',
        dataSource: {
          s3DataSource: {
            s3DataType: tasks.S3DataType.S3_PREFIX,
            s3Location: new S3Uri(`s3://${buckets.curated}/features/train/`),
            s3DataDistributionType: tasks.S3DataDistributionType.FULLY_REPLICATED,
          },
        },
        contentType: 'text/csv',
      },
    ],
    outputDataConfig: { s3OutputLocation: new S3Uri(`s3://${buckets.models}/training/`) },
    resourceConfig: { instanceType: new ec2.InstanceType('m5.2xlarge'), instanceCount: 1, volumeSize: Size.gibibytes(50) },
    stoppingCondition: { maxRuntime: Duration.seconds(7200) },
    hyperparameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '200' },
    outputs: '{% { "modelArtifacts": $states.result.ModelArtifacts.S3ModelArtifacts } %}',
  });
  trainModel.addRetry(throttling(['SageMaker.AmazonSageMakerException'], 3));

  const evaluate = tasks.LambdaInvoke.jsonata(scope, 'Evaluate model', {
    lambdaFunction: lambda.Function.fromFunctionArn(scope, 'EvaluateFn', arn.lambda('fraud-evaluate-model')),
    payload: sfn.TaskInput.fromObject({ jobName: '{% $jobName %}', modelArtifacts: '{% $states.input.modelArtifacts %}' }),
    outputs: '{% $states.result.Payload %}',
    retryOnServiceExceptions: false,
  });
  evaluate.addRetry(lambdaServiceErrors);

  const register = tasks.LambdaInvoke.jsonata(scope, 'Register model', {
    lambdaFunction: lambda.Function.fromFunctionArn(scope, 'RegisterFn', arn.lambda('fraud-register-model')),
    payload: sfn.TaskInput.fromObject({ jobName: '{% $jobName %}', auc: '{% $states.input.auc %}', modelArtifacts: '{% $states.input.modelArtifacts %}' }),
    outputs: '{% { "promoted": true, "auc": $states.input.auc, "modelPackageArn": $states.result.Payload.modelPackageArn } %}',
    retryOnServiceExceptions: false,
  });
  register.addRetry(lambdaServiceErrors);

  const belowThreshold = tasks.SnsPublish.jsonata(scope, 'Notify below threshold', {
    topic,
    subject: 'fraud model not promoted',
    message: sfn.TaskInput.fromText("{% 'model ' & $jobName & ' scored AUC ' & $string($states.input.auc) & ', below ' & $string($threshold) %}"),
    outputs: '{% { "promoted": false, "auc": $states.input.auc } %}',
  }).next(sfn.Succeed.jsonata(scope, 'Kept current model'));

  const decide = sfn.Choice.jsonata(scope, 'Good enough?')
    .when(sfn.Condition.jsonata('{% $states.input.auc >= $threshold %}'), register.next(sfn.Succeed.jsonata(scope, 'Model registered')))
    .otherwise(belowThreshold);

  const machine = new sfn.StateMachine(scope, 'StateMachine', {
    stateMachineName: 'train',
    comment: 'Train the fraud model and promote it when it beats the threshold',
    queryLanguage: sfn.QueryLanguage.JSONATA,
    timeout: Duration.hours(6),
    definitionBody: sfn.DefinitionBody.fromChainable(name.next(trainModel).next(evaluate).next(decide)),
  });
  Tags.of(machine).add('team', 'fraud-ml');
  Tags.of(machine).add('stage', 'train');
  return machine;
}

function pipeline(stack: Stack): sfn.StateMachine {
  const scope = new Construct(stack, 'Pipeline');
  const topic = sns.Topic.fromTopicArn(scope, 'Alerts', arn.topic('fraud-platform-alerts'));
  const failed = tasks.SnsPublish.jsonata(scope, 'Notify pipeline failed', {
    topic,
    subject: 'fraud pipeline failed',
    message: sfn.TaskInput.fromText("{% 'pipeline ' & $states.context.Execution.Name & ' failed: ' & $states.input.Error %}"),
  }).next(sfn.Fail.jsonata(scope, 'Pipeline failed', { error: '{% $states.input.Error %}', cause: '{% $states.input.Cause %}' }));

  // As in workflows/pipeline.ts the children are named by ARN (a CDK user might pass the constructs instead).
  const child = (workflowName: string, payload: Record<string, unknown>) => {
    const task = tasks.StepFunctionsStartExecution.jsonata(scope, `Run ${workflowName}`, {
      stateMachine: sfn.StateMachine.fromStateMachineArn(scope, `${workflowName}Machine`, arn.stateMachine(workflowName)),
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      associateWithParent: true,
      input: sfn.TaskInput.fromObject(payload),
      outputs: '{% $states.result.Output %}',
    });
    task.addCatch(failed);
    return task;
  };

  const machine = new sfn.StateMachine(scope, 'StateMachine', {
    stateMachineName: 'pipeline',
    comment: 'The daily fraud platform run: ingest, then features, then training',
    queryLanguage: sfn.QueryLanguage.JSONATA,
    timeout: Duration.hours(12),
    definitionBody: sfn.DefinitionBody.fromChainable(
      child('ingest', { date: '{% $states.input.date %}' })
        .next(child('transform', { dates: '{% [$states.input.date] %}' }))
        .next(child('train', { date: '{% $states.input.date %}' })),
    ),
  });
  Tags.of(machine).add('team', 'fraud-platform');
  return machine;
}

/** One stack holding the four state machines, as `stepwright build` builds all four at once. */
export function defineStack(app: App): Stack {
  const stack = new Stack(app, 'FraudPlatform', { env: { account, region } });
  ingest(stack);
  transform(stack);
  train(stack);
  pipeline(stack);
  return stack;
}
