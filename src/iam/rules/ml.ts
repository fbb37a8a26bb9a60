/**
 * SageMaker AI and Bedrock (optimised integrations).
 * - sagemaker: https://docs.aws.amazon.com/step-functions/latest/dg/sagemaker-iam.html
 * - bedrock: https://docs.aws.amazon.com/step-functions/latest/dg/bedrock-iam.html
 * SageMaker writes resource names lowercase in its ARNs, so names are lowercased; job ARNs end in
 * `*` as in AWS's templates.
 */
import { accountWide, syncRule, type Call } from '../context.js';
import type { Grant } from '../types.js';
import type { RuleTable } from './rule.js';
import { s3ObjectArn } from './storage.js';

const SAGEMAKER = 'sagemaker.amazonaws.com';

interface JobKind {
  type: string;
  nameField: string;
  verb: string;
  rule: string;
  roleFields: string[];
  extra?: string[];
}

function sagemakerName(call: Call, field: string): string {
  return call.name(field).toLowerCase();
}

function tagging(call: Call, resource: string): Grant[] {
  return call.items('Tags') === undefined ? [] : [{ actions: ['sagemaker:AddTags'], resources: [resource] }];
}

function sagemakerJob(kind: JobKind) {
  return (call: Call): Grant[] => {
    const name = sagemakerName(call, kind.nameField);
    const resource = call.arn('sagemaker', `${kind.type}/${name === '*' ? '*' : `${name}*`}`);
    const actions = call.pattern === 'sync' ? [`sagemaker:Create${kind.verb}`, `sagemaker:Describe${kind.verb}`, `sagemaker:Stop${kind.verb}`, ...(kind.extra ?? [])] : [`sagemaker:Create${kind.verb}`];
    const grants: Grant[] = [{ actions, resources: [resource] }, accountWide(call, ['sagemaker:ListTags'], "has no narrower resource in AWS's template for SageMaker jobs"), ...tagging(call, resource)];
    for (const field of kind.roleFields) grants.push(...call.passRole(field, SAGEMAKER));
    const definitions = call.items('TrainingJobDefinitions');
    if (kind.type === 'hyper-parameter-tuning-job' && definitions !== undefined) {
      if (definitions === 'dynamic') grants.push(...call.passRole('TrainingJobDefinitions', SAGEMAKER));
      else definitions.forEach((_d, i) => grants.push(...call.passRole(`TrainingJobDefinitions.${i}.RoleArn`, SAGEMAKER)));
    }
    if (call.pattern === 'sync') grants.push(syncRule(call, kind.rule));
    return grants;
  };
}

function sagemakerCreate(type: string, action: string, nameField: string, also: [string, string][] = []) {
  return (call: Call): Grant[] => {
    const resource = call.arn('sagemaker', `${type}/${sagemakerName(call, nameField)}`);
    const related = also.map(([t, f]) => call.arn('sagemaker', `${t}/${sagemakerName(call, f)}`));
    return [{ actions: [`sagemaker:${action}`], resources: [resource, ...related] }, ...tagging(call, resource)];
  };
}

function bedrockInvoke(call: Call): Grant[] {
  const model = call.name('ModelId');
  let resource: string;
  if (model.startsWith('arn:')) resource = model;
  else if (/^(us|eu|apac|global)\./.test(model)) {
    // An inference profile routes to the model in several regions.
    call.warn(`ModelId ${model} is an inference profile; it also needs bedrock:InvokeModel on the foundation model in each region it routes to`);
    resource = call.arn('bedrock', `inference-profile/${model}`);
  } else resource = call.arn('bedrock', `foundation-model/${model}`, { account: '' });
  const grants: Grant[] = [{ actions: ['bedrock:InvokeModel'], resources: [resource] }];
  if (call.literal('Input.S3Uri') !== undefined || call.isDynamic('Input.S3Uri')) grants.push({ actions: ['s3:GetObject'], resources: [s3ObjectArn(call, 'Input.S3Uri')] });
  if (call.literal('Output.S3Uri') !== undefined || call.isDynamic('Output.S3Uri')) grants.push({ actions: ['s3:PutObject'], resources: [s3ObjectArn(call, 'Output.S3Uri', '*')] });
  return grants;
}

export const mlRules: RuleTable = {
  'sagemaker:createTrainingJob': sagemakerJob({ type: 'training-job', nameField: 'TrainingJobName', verb: 'TrainingJob', rule: 'StepFunctionsGetEventsForSageMakerTrainingJobsRule', roleFields: ['RoleArn'] }),
  'sagemaker:createProcessingJob': sagemakerJob({ type: 'processing-job', nameField: 'ProcessingJobName', verb: 'ProcessingJob', rule: 'StepFunctionsGetEventsForSageMakerProcessingJobsRule', roleFields: ['RoleArn'] }),
  'sagemaker:createTransformJob': sagemakerJob({ type: 'transform-job', nameField: 'TransformJobName', verb: 'TransformJob', rule: 'StepFunctionsGetEventsForSageMakerTransformJobsRule', roleFields: [] }),
  'sagemaker:createHyperParameterTuningJob': sagemakerJob({
    type: 'hyper-parameter-tuning-job',
    nameField: 'HyperParameterTuningJobName',
    verb: 'HyperParameterTuningJob',
    rule: 'StepFunctionsGetEventsForSageMakerTuningJobsRule',
    roleFields: ['TrainingJobDefinition.RoleArn'],
    extra: ['sagemaker:ListTrainingJobsForHyperParameterTuningJob'],
  }),
  'sagemaker:createModel': (call) => [...sagemakerCreate('model', 'CreateModel', 'ModelName')(call), ...call.passRole('ExecutionRoleArn', SAGEMAKER)],
  'sagemaker:createEndpointConfig': sagemakerCreate('endpoint-config', 'CreateEndpointConfig', 'EndpointConfigName'),
  'sagemaker:createEndpoint': sagemakerCreate('endpoint', 'CreateEndpoint', 'EndpointName', [['endpoint-config', 'EndpointConfigName']]),
  'sagemaker:updateEndpoint': sagemakerCreate('endpoint', 'UpdateEndpoint', 'EndpointName', [['endpoint-config', 'EndpointConfigName']]),
  'bedrock:invokeModel': bedrockInvoke,
};

