/** Amazon SageMaker: training jobs (`.sync` waits until Completed; Failed/Stopped fail the state). */
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type IntegrationOptions, type NamedArgs } from './integration.js';

export interface CreateTrainingJobRequest {
  TrainingJobName: string;
  AlgorithmSpecification: { TrainingImage?: string; AlgorithmName?: string; TrainingInputMode: 'File' | 'Pipe' | 'FastFile'; MetricDefinitions?: { Name: string; Regex: string }[] };
  RoleArn: string;
  OutputDataConfig: { S3OutputPath: string; KmsKeyId?: string };
  ResourceConfig: { InstanceType: string; InstanceCount: number; VolumeSizeInGB: number };
  StoppingCondition: { MaxRuntimeInSeconds?: number; MaxWaitTimeInSeconds?: number };
  InputDataConfig?: {
    ChannelName: string;
    DataSource: { S3DataSource: { S3DataType: string; S3Uri: string; S3DataDistributionType?: string } };
    ContentType?: string;
  }[];
  HyperParameters?: Record<string, string>;
  Tags?: { Key: string; Value: string }[];
  EnableManagedSpotTraining?: boolean;
}

export const sagemaker = {
  createTrainingJob(...args: NamedArgs<CreateTrainingJobRequest, IntegrationOptions & { pattern?: 'sync' | 'requestResponse' }>): Task {
    return integrationTask(args, (r) => derivedName('Train', r.TrainingJobName), (request, options) => ({
      resource: serviceResource('sagemaker', 'createTrainingJob', options.pattern ?? 'sync'),
      request,
    }));
  },
};
