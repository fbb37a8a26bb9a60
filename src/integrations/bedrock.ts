/**
 * Amazon Bedrock InvokeModel (optimised integration, request-response). Give the model's input as
 * Body (up to 256 KiB) or read it from S3 with Input; Output writes the response to S3 instead of
 * the state's result.
 */
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type NamedArgs } from './integration.js';
import { retryPreset } from './retry-presets.js';

export interface InvokeModelRequest {
  /** A foundation model id (`anthropic.claude-3-haiku-20240307-v1:0`), an inference profile or a model ARN. */
  ModelId: string;
  /** The model-specific request; JSON. */
  Body?: unknown;
  Input?: { S3Uri: string };
  Output?: { S3Uri: string };
  ContentType?: string;
  Accept?: string;
  Trace?: 'ENABLED' | 'DISABLED';
  GuardrailIdentifier?: string;
  GuardrailVersion?: string;
}

export const bedrock = {
  invokeModel(...args: NamedArgs<InvokeModelRequest>): Task {
    return integrationTask(args, (r) => derivedName('Invoke', r.ModelId), (request) => ({ resource: serviceResource('bedrock', 'invokeModel'), request }));
  },
  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['Bedrock.ThrottlingException', 'Bedrock.ServiceUnavailableException', 'Bedrock.ModelNotReadyException'], 'bedrock throttling', overrides),
  },
};
