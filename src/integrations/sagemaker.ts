/**
 * Amazon SageMaker AI: training, processing, batch transform and tuning jobs (`.sync` waits until
 * the job completes; Failed/Stopped fail the state), and models, endpoint configs and endpoints
 * (request-response).
 */
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type IntegrationOptions, type IntegrationPattern, type NamedArgs } from './integration.js';
import { retryPreset } from './retry-presets.js';

type Tags = { Key: string; Value: string }[];
type S3Channel = { S3DataSource: { S3DataType: string; S3Uri: string; S3DataDistributionType?: string } };
type JobOptions = IntegrationOptions & { pattern?: 'sync' | 'requestResponse' };

export interface CreateTrainingJobRequest {
  TrainingJobName: string;
  AlgorithmSpecification: { TrainingImage?: string; AlgorithmName?: string; TrainingInputMode: 'File' | 'Pipe' | 'FastFile'; MetricDefinitions?: { Name: string; Regex: string }[] };
  RoleArn: string;
  OutputDataConfig: { S3OutputPath: string; KmsKeyId?: string };
  ResourceConfig: { InstanceType: string; InstanceCount: number; VolumeSizeInGB: number };
  StoppingCondition: { MaxRuntimeInSeconds?: number; MaxWaitTimeInSeconds?: number };
  InputDataConfig?: { ChannelName: string; DataSource: S3Channel; ContentType?: string }[];
  HyperParameters?: Record<string, string>;
  Tags?: Tags;
  EnableManagedSpotTraining?: boolean;
  CheckpointConfig?: { S3Uri: string; LocalPath?: string };
  Environment?: Record<string, string>;
  VpcConfig?: { SecurityGroupIds: string[]; Subnets: string[] };
}

export interface CreateProcessingJobRequest {
  ProcessingJobName: string;
  RoleArn: string;
  AppSpecification: { ImageUri: string; ContainerEntrypoint?: string[]; ContainerArguments?: string[] };
  ProcessingResources: { ClusterConfig: { InstanceCount: number; InstanceType: string; VolumeSizeInGB: number; VolumeKmsKeyId?: string } };
  ProcessingInputs?: { InputName: string; S3Input?: { S3Uri: string; LocalPath: string; S3DataType: 'ManifestFile' | 'S3Prefix'; S3InputMode?: 'Pipe' | 'File' } }[];
  ProcessingOutputConfig?: { Outputs: { OutputName: string; S3Output?: { S3Uri: string; LocalPath: string; S3UploadMode: 'Continuous' | 'EndOfJob' } }[]; KmsKeyId?: string };
  StoppingCondition?: { MaxRuntimeInSeconds: number };
  Environment?: Record<string, string>;
  NetworkConfig?: Record<string, unknown>;
  Tags?: Tags;
}

export interface CreateTransformJobRequest {
  TransformJobName: string;
  ModelName: string;
  TransformInput: { DataSource: S3Channel; ContentType?: string; CompressionType?: 'None' | 'Gzip'; SplitType?: 'None' | 'Line' | 'RecordIO' | 'TFRecord' };
  TransformOutput: { S3OutputPath: string; Accept?: string; AssembleWith?: 'None' | 'Line'; KmsKeyId?: string };
  TransformResources: { InstanceType: string; InstanceCount: number; VolumeKmsKeyId?: string };
  BatchStrategy?: 'MultiRecord' | 'SingleRecord';
  MaxConcurrentTransforms?: number;
  MaxPayloadInMB?: number;
  Environment?: Record<string, string>;
  DataProcessing?: { InputFilter?: string; OutputFilter?: string; JoinSource?: 'Input' | 'None' };
  Tags?: Tags;
}

export interface CreateModelRequest {
  ModelName: string;
  /** The role SageMaker uses to pull the image and artifacts (passed to SageMaker). */
  ExecutionRoleArn: string;
  PrimaryContainer?: { Image?: string; ModelDataUrl?: string; Environment?: Record<string, string>; Mode?: 'SingleModel' | 'MultiModel' };
  Containers?: { Image?: string; ModelDataUrl?: string; Environment?: Record<string, string> }[];
  VpcConfig?: { SecurityGroupIds: string[]; Subnets: string[] };
  EnableNetworkIsolation?: boolean;
  Tags?: Tags;
}

export interface CreateEndpointConfigRequest {
  EndpointConfigName: string;
  ProductionVariants: {
    VariantName: string;
    ModelName: string;
    InitialInstanceCount?: number;
    InstanceType?: string;
    InitialVariantWeight?: number;
    ServerlessConfig?: { MemorySizeInMB: number; MaxConcurrency: number };
  }[];
  DataCaptureConfig?: Record<string, unknown>;
  KmsKeyId?: string;
  Tags?: Tags;
}

export interface CreateEndpointRequest {
  EndpointName: string;
  EndpointConfigName: string;
  DeploymentConfig?: Record<string, unknown>;
  Tags?: Tags;
}

export interface UpdateEndpointRequest {
  EndpointName: string;
  EndpointConfigName: string;
  RetainAllVariantProperties?: boolean;
  DeploymentConfig?: Record<string, unknown>;
}

export interface CreateHyperParameterTuningJobRequest {
  HyperParameterTuningJobName: string;
  HyperParameterTuningJobConfig: {
    Strategy: 'Bayesian' | 'Random' | 'Hyperband' | 'Grid';
    HyperParameterTuningJobObjective?: { Type: 'Maximize' | 'Minimize'; MetricName: string };
    ResourceLimits: { MaxNumberOfTrainingJobs?: number; MaxParallelTrainingJobs: number; MaxRuntimeInSeconds?: number };
    ParameterRanges?: Record<string, unknown>;
    TrainingJobEarlyStoppingType?: 'Off' | 'Auto';
  };
  /** One training definition; its RoleArn is passed to SageMaker. */
  TrainingJobDefinition?: Omit<CreateTrainingJobRequest, 'TrainingJobName' | 'Tags' | 'HyperParameters'> & { StaticHyperParameters?: Record<string, string> };
  TrainingJobDefinitions?: (Omit<CreateTrainingJobRequest, 'TrainingJobName' | 'Tags' | 'HyperParameters'> & { DefinitionName?: string })[];
  WarmStartConfig?: Record<string, unknown>;
  Tags?: Tags;
}

function job<R extends object>(action: string, label: string, nameField: keyof R) {
  return (...args: NamedArgs<R, JobOptions>): Task =>
    integrationTask(args, (r) => derivedName(label, r[nameField]), (request, options) => ({
      resource: serviceResource('sagemaker', action, options.pattern ?? 'sync'),
      request,
    }));
}

function call<R extends object>(action: string, label: string, nameField: keyof R, pattern: IntegrationPattern = 'requestResponse') {
  return (...args: NamedArgs<R>): Task =>
    integrationTask(args, (r) => derivedName(label, r[nameField]), (request) => ({ resource: serviceResource('sagemaker', action, pattern), request }));
}

export const sagemaker = {
  createTrainingJob: job<CreateTrainingJobRequest>('createTrainingJob', 'Train', 'TrainingJobName'),
  createProcessingJob: job<CreateProcessingJobRequest>('createProcessingJob', 'Process', 'ProcessingJobName'),
  createTransformJob: job<CreateTransformJobRequest>('createTransformJob', 'Transform', 'TransformJobName'),
  createHyperParameterTuningJob: job<CreateHyperParameterTuningJobRequest>('createHyperParameterTuningJob', 'Tune', 'HyperParameterTuningJobName'),
  createModel: call<CreateModelRequest>('createModel', 'Model', 'ModelName'),
  createEndpointConfig: call<CreateEndpointConfigRequest>('createEndpointConfig', 'Endpoint config', 'EndpointConfigName'),
  /** Answers once creation starts; the endpoint is InService minutes later (poll DescribeEndpoint if you need it). */
  createEndpoint: call<CreateEndpointRequest>('createEndpoint', 'Create endpoint', 'EndpointName'),
  updateEndpoint: call<UpdateEndpointRequest>('updateEndpoint', 'Update endpoint', 'EndpointName'),

  retries: {
    /** SageMaker reports throttling and capacity shortfalls as AmazonSageMakerException / ResourceLimitExceeded. */
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['SageMaker.AmazonSageMakerException', 'SageMaker.ResourceLimitExceededException', 'SageMaker.ThrottlingException'], 'sagemaker throttling', overrides),
  },
};
