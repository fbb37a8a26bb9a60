/**
 * A deployed state machine, read with DescribeStateMachine (and its tags with ListTagsForResource)
 * through the AWS SDK. The endpoint is AWS's unless `endpoint` (or AWS_ENDPOINT_URL) names another,
 * such as a local Step Functions endpoint.
 */
import { DescribeStateMachineCommand, ListTagsForResourceCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { StateMachineType } from '../model/asl.js';
import { StepwrightError } from '../model/errors.js';
import { parseJsonSource } from '../model/json-source.js';

export interface DeployedMachine {
  name: string;
  definition: unknown;
  type?: StateMachineType;
  tags?: Record<string, string>;
}

const STATE_MACHINE_ARN = /^arn:aws[\w-]*:states:([a-z0-9-]+):\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;

export async function describeDeployed(arn: string, options: { endpoint?: string; region?: string } = {}): Promise<DeployedMachine> {
  const match = STATE_MACHINE_ARN.exec(arn);
  if (!match) throw new StepwrightError({ field: '--arn', message: `"${arn}" is not a state machine ARN`, fix: 'give arn:aws:states:<region>:<account>:stateMachine:<name>' });
  const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_SFN ?? process.env.AWS_ENDPOINT_URL;
  const client = new SFNClient({ region: options.region ?? match[1], ...(endpoint ? { endpoint } : {}), maxAttempts: 2 });
  try {
    const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    const parsed = parseJsonSource(described.definition ?? '');
    if ('errors' in parsed) throw new StepwrightError({ field: 'definition', message: `the deployed definition is not valid JSON: ${parsed.errors[0]!.message}` });
    let tags: Record<string, string> | undefined;
    try {
      const listed = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
      const pairs = (listed.tags ?? []).filter((t) => t.key !== undefined && !t.key.startsWith('aws:')).map((t) => [t.key!, t.value ?? '']);
      if (pairs.length > 0) tags = Object.fromEntries(pairs);
    } catch {
      // Tags are a convenience: a role that may describe but not list tags still imports.
    }
    return { name: described.name ?? arn.split(':').pop()!, definition: parsed.source.value, ...(described.type ? { type: described.type as StateMachineType } : {}), ...(tags ? { tags } : {}) };
  } catch (error) {
    if (error instanceof StepwrightError) throw error;
    const e = error as { name?: string; message?: string };
    const fix =
      e.name === 'StateMachineDoesNotExist'
        ? 'check the ARN, the region and the account'
        : e.name === 'CredentialsProviderError'
          ? 'set AWS credentials (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)'
          : 'check the ARN, your credentials and the endpoint (--endpoint or AWS_ENDPOINT_URL)';
    throw new StepwrightError({ field: '--arn', message: `DescribeStateMachine ${arn} failed: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`, fix });
  } finally {
    client.destroy();
  }
}
