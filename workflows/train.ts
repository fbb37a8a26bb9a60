/**
 * train: a SageMaker training job on the latest features (`.sync`), an evaluation, and a Choice on
 * the model's AUC against a threshold: register the model, or notify and keep the current one.
 */
import { choice, expr, fail, lambda, pass, result, retries, sagemaker, sns, succeed, variable, workflow } from 'stepwright';
import { alertsTopic, arn, buckets } from './config.js';

const failed = sns
  .publish('Notify training failed', {
    TopicArn: alertsTopic,
    Subject: 'fraud training failed',
    Message: expr("'training run ' & $jobName & ' failed: ' & $states.input.Error & ' - ' & $states.input.Cause"),
  }, { output: expr('$states.input') }) // keep the error for the Fail state
  .next(fail('Training failed', { error: expr('$states.input.Error'), cause: expr('$states.input.Cause') }));

const name = pass('Name the training run', {
  assign: {
    jobName: expr("'fraud-xgb-' & $replace($states.input.date, '-', '') & '-' & $substring($states.context.Execution.Name, 0, 8)"),
    threshold: expr('$exists($states.input.threshold) ? $states.input.threshold : 0.9'),
  },
});

const trainModel = sagemaker
  .createTrainingJob('Train model', {
    TrainingJobName: variable('jobName'),
    AlgorithmSpecification: { TrainingImage: '685385470294.dkr.ecr.eu-west-1.amazonaws.com/xgboost:1', TrainingInputMode: 'File' },
    RoleArn: arn.role('fraud-sagemaker-training'),
    InputDataConfig: [
      {
        ChannelName: 'train',
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${buckets.curated}/features/train/`, S3DataDistributionType: 'FullyReplicated' } },
        ContentType: 'text/csv',
      },
    ],
    OutputDataConfig: { S3OutputPath: `s3://${buckets.models}/training/` },
    ResourceConfig: { InstanceType: 'ml.m5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 50 },
    StoppingCondition: { MaxRuntimeInSeconds: 7200 },
    HyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '200' },
  }, {
    output: expr('{ "modelArtifacts": $states.result.ModelArtifacts.S3ModelArtifacts }'),
  })
  .retry(retries.throttling({ errors: ['SageMaker.AmazonSageMakerException'], maxAttempts: 3 }))
  .catch(failed);

const evaluate = lambda.invoke('Evaluate model', {
  FunctionName: arn.lambda('fraud-evaluate-model'),
  Payload: { jobName: variable('jobName'), modelArtifacts: expr('$states.input.modelArtifacts') },
}, { output: result('Payload') }).catch(failed);

const register = lambda.invoke('Register model', {
  FunctionName: arn.lambda('fraud-register-model'),
  Payload: { jobName: variable('jobName'), auc: expr('$states.input.auc'), modelArtifacts: expr('$states.input.modelArtifacts') },
}, { output: expr('{ "promoted": true, "auc": $states.input.auc, "modelPackageArn": $states.result.Payload.modelPackageArn }') });

const belowThreshold = sns
  .publish('Notify below threshold', {
    TopicArn: alertsTopic,
    Subject: 'fraud model not promoted',
    Message: expr("'model ' & $jobName & ' scored AUC ' & $string($states.input.auc) & ', below ' & $string($threshold)"),
  }, { output: expr('{ "promoted": false, "auc": $states.input.auc }') })
  .next(succeed('Kept current model'));

const decide = choice('Good enough?')
  .when(expr('$states.input.auc >= $threshold'), register.next(succeed('Model registered')))
  .otherwise(belowThreshold);

export default workflow('train', {
  comment: 'Train the fraud model and promote it when it beats the threshold',
  timeout: '6h',
  tags: { team: 'fraud-ml', stage: 'train' },
  start: name.next(trainModel).next(evaluate).next(decide),
});
