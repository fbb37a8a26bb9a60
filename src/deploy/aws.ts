/**
 * The AWS clients deploy uses, and AWS errors as problems a user can act on.
 *
 * Credentials come from the SDK's default chain (environment, profile, SSO, web identity for CI
 * OIDC, instance or container role). The SDK itself honours AWS_ENDPOINT_URL and the per-service
 * AWS_ENDPOINT_URL_SFN, _SCHEDULER, _EVENTBRIDGE, _IAM, _STS variables (tests and LocalStack use
 * them); `endpoint` overrides them all. Throttling, 5xx answers and dropped connections are retried
 * by the SDK's standard retry strategy with exponential backoff and jitter.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SFNClient, type SFNClientConfig } from '@aws-sdk/client-sfn';
import { STSClient } from '@aws-sdk/client-sts';
import { StepwrightError, type Location, type Problem } from '../model/errors.js';

export interface AwsOptions {
  /** One endpoint for every service (default: the SDK's, from AWS_ENDPOINT_URL* or AWS). */
  endpoint?: string;
  /** Credentials or a provider (default: the SDK's default chain). */
  credentials?: SFNClientConfig['credentials'];
  /** Attempts per call, retries included (default: AWS_MAX_ATTEMPTS, else 8). */
  maxAttempts?: number;
}

export interface AwsClients {
  sfn: SFNClient;
  scheduler: SchedulerClient;
  events: EventBridgeClient;
  iam: IAMClient;
  sts: STSClient;
}

/** Past this, a call that got no answer is abandoned (and retried): nothing waits forever on a silent peer. */
const REQUEST_TIMEOUT_MS = 60_000;
const CONNECTION_TIMEOUT_MS = 10_000;

export function awsClients(region: string, options: AwsOptions = {}): AwsClients {
  const maxAttempts = options.maxAttempts ?? (process.env.AWS_MAX_ATTEMPTS ? undefined : 8);
  const config = {
    region,
    retryMode: 'standard',
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: CONNECTION_TIMEOUT_MS },
  };
  return {
    sfn: new SFNClient(config),
    scheduler: new SchedulerClient(config),
    events: new EventBridgeClient(config),
    iam: new IAMClient(config),
    sts: new STSClient(config),
  };
}

export function closeClients(clients: AwsClients): void {
  for (const client of Object.values(clients)) client.destroy();
}

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The error's AWS name (`AccessDeniedException`, `ThrottlingException`), or the network error code. */
export function errorName(error: unknown): string {
  const e = error as SdkError;
  return e?.name && e.name !== 'Error' ? e.name : (e?.code ?? 'Error');
}

export function isError(error: unknown, ...names: string[]): boolean {
  return names.includes(errorName(error));
}

/**
 * An AWS error as a problem: which resource, which call, what AWS said, and what to do. Anything
 * that is not an answer from AWS or the network (a bug of ours) is left to propagate.
 */
export function awsProblem(error: unknown, where: Location, operation: string): StepwrightError {
  const name = errorName(error);
  const message = ((error as SdkError)?.message ?? String(error)).split('\n')[0];
  const problem: Problem = { ...where, message: `${operation} failed: ${name}: ${message}`, fix: fixFor(name, (error as SdkError)?.$metadata?.httpStatusCode), source: 'AWS' };
  return new StepwrightError(problem);
}

function fixFor(name: string, status: number | undefined): string {
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(name)) {
    return 'give the deploying identity this permission: `stepwright plan --ci-policy` prints the least-privilege policy deploy needs (docs/deploy.md)';
  }
  if (/CredentialsProviderError|UnrecognizedClient|InvalidClientTokenId|ExpiredToken|SignatureDoesNotMatch/i.test(name)) {
    return 'check the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or the CI role assumed through OIDC)';
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded/i.test(name)) return 'AWS kept throttling after several retries: run the command again in a minute';
  if (/^(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN|TimeoutError|RequestTimeout)$/.test(name)) {
    return 'the AWS endpoint could not be reached: check the network, and AWS_ENDPOINT_URL* if you set one';
  }
  if (/LimitExceeded|ServiceQuota/i.test(name)) return 'an AWS quota was reached: remove unused resources or ask AWS for a higher quota';
  if (status !== undefined && status >= 500) return 'AWS failed after several retries: run the command again; what was already done is kept and will not be redone';
  return 'correct what AWS names above, then run the command again; what was already done is kept and will not be redone';
}
