/** A real @aws-sdk/client-sfn client for a local endpoint, and small helpers the serve tests share. */
import { SFNClient, DescribeExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';

export function sfnClient(url: string, region = 'us-east-1'): SFNClient {
  return new SFNClient({
    endpoint: url,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // StartSyncExecution and TestState go to a `sync-` host on AWS; a local endpoint has one host.
    disableHostPrefix: true,
    maxAttempts: 1,
  });
}

export const ROLE = 'arn:aws:iam::123456789012:role/stepwright-test';

/** Polls DescribeExecution until the execution is no longer RUNNING. */
export async function finished(sfn: SFNClient, executionArn: string, timeoutMs = 10_000): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING') return d;
    if (Date.now() > deadline) throw new Error(`${executionArn} still RUNNING after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Sends a raw HTTP request, for what an SDK never sends (malformed bodies, wrong headers). */
export async function raw(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** Adds headers to one SDK command (the endpoint's X-Stepwright-* extensions, for instance). */
export function withHeaders<C>(command: C, headers: Record<string, string>): C {
  type Next = (args: { request: { headers: Record<string, string> } }) => Promise<unknown>;
  const stack = (command as unknown as { middlewareStack: { add(m: (next: Next) => Next, o: { step: 'build' }): void } }).middlewareStack;
  stack.add((next) => (args) => {
    Object.assign(args.request.headers, headers);
    return next(args);
  }, { step: 'build' });
  return command;
}
