/**
 * A loopback proxy in front of moto's server: it records every AWS call (service, operation,
 * whether it writes), gives each proxy its own AWS account on the shared server (moto's
 * `x-moto-account-id` header), and injects faults on chosen calls: throttling, 500s, a connection
 * dropped before or after the server saw the request, a role not yet assumable, or a stop after N
 * writes. Point the SDK at `endpoint` (or AWS_ENDPOINT_URL=endpoint for a child process).
 *
 * One gap of moto 5.2.1 is bridged here, in the open: StartExecution on an alias ARN answers
 * StateMachineDoesNotExist, so the proxy starts the execution on the state machine itself. On AWS
 * an alias's executions are the state machine's executions (same names, same ARNs), which is all
 * the tests that start executions rely on.
 */
import { randomInt } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsCall {
  service: string;
  operation: string;
  write: boolean;
  /** The request's resource names, roughly (for "was this touched" checks): the body or path. */
  text: string;
  /** What the proxy did instead of forwarding, if anything. */
  fault?: FaultKind;
}

export type FaultKind = 'throttle' | 'server-error' | 'drop-before' | 'drop-after' | 'role-not-assumable' | 'stop';

export interface Fault {
  /** The operation, e.g. CreateStateMachine, or a pattern. */
  operation: string | RegExp;
  kind: FaultKind;
  /** How many matching calls get the fault (default 1). */
  times?: number;
  /** Matching calls to let through first (default 0). */
  skip?: number;
}

export interface AwsProxy {
  endpoint: string;
  /** The AWS account every call through this proxy lands in. */
  account: string;
  calls: AwsCall[];
  /** Every call since the proxy started (`reset` keeps it). */
  history: AwsCall[];
  /** The write calls that reached the server. */
  writes(): AwsCall[];
  faults: Fault[];
  /** Every write after this many that reached the server fails at once with a non-retryable error. */
  stopAfterWrites?: number;
  /** Called before a write is forwarded, with the number of writes forwarded so far; false holds it back (its connection is dropped). */
  beforeWrite?: (call: AwsCall, forwarded: number) => boolean | void;
  /** Forget the calls and faults. */
  reset(): void;
  close(): Promise<void>;
}

const WRITE = /^(Create|Update|Put|Delete|Tag|Untag|Publish|Remove|Start|Stop|Attach|Detach)/;

/** A fresh 12-digit account, so each test file has an empty account on the shared moto server. */
export const freshAccount = () => String(randomInt(100_000_000_000, 999_999_999_999));

export async function startAwsProxy(upstream: string, options: { account?: string } = {}): Promise<AwsProxy> {
  const target = new URL(upstream);
  const account = options.account ?? freshAccount();
  const proxy: AwsProxy = {
    endpoint: '',
    account,
    calls: [],
    history: [],
    faults: [],
    writes: () => proxy.calls.filter((c) => c.write && (c.fault === undefined || c.fault === 'drop-after')),
    reset() {
      proxy.calls = [];
      proxy.faults = [];
      delete proxy.stopAfterWrites;
      delete proxy.beforeWrite;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const seen = new Map<Fault, number>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Buffer = Buffer.concat(chunks);
      const call = classify(req, body.toString('utf8'));
      proxy.calls.push(call);
      proxy.history.push(call);
      const fault = call.write && proxy.stopAfterWrites !== undefined && proxy.writes().length > proxy.stopAfterWrites ? { operation: call.operation, kind: 'stop' as const } : pick(proxy.faults, seen, call);
      if (fault) call.fault = fault.kind;
      if (fault && fault.kind !== 'drop-after') return injectFault(fault.kind, call, req, res);
      if (call.write && proxy.beforeWrite?.(call, proxy.writes().length - 1) === false) {
        call.fault = 'drop-before';
        return void req.socket.destroy();
      }
      if (call.operation === 'StartExecution') body = unqualifyAlias(body);
      forward(target, account, req, body, res, fault?.kind === 'drop-after');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

function pick(faults: Fault[], seen: Map<Fault, number>, call: AwsCall): Fault | undefined {
  for (const f of faults) {
    const matches = typeof f.operation === 'string' ? f.operation === call.operation : f.operation.test(call.operation);
    if (!matches) continue;
    const n = (seen.get(f) ?? 0) + 1;
    seen.set(f, n);
    if (n > (f.skip ?? 0) && n <= (f.skip ?? 0) + (f.times ?? 1)) return f;
  }
  return undefined;
}

/** Service from the SigV4 credential scope; operation from X-Amz-Target (JSON), Action= (query) or the REST route. */
export function classify(req: IncomingMessage, body: string): AwsCall {
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '');
  const service = scope?.[1] ?? 'unknown';
  const amzTarget = req.headers['x-amz-target'];
  let operation: string;
  if (typeof amzTarget === 'string') operation = amzTarget.split('.').pop()!;
  else if (/(^|&)Action=/.test(body)) operation = new URLSearchParams(body).get('Action') ?? 'unknown';
  else operation = restOperation(req.method ?? 'GET', decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  const text = `${decodeURIComponent(req.url ?? '')} ${body.includes('=') && !body.startsWith('{') ? safeDecode(body) : body}`;
  return { service, operation, write: WRITE.test(operation), text };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Scheduler's REST routes. */
function restOperation(method: string, path: string): string {
  const kind = path.startsWith('/schedule-groups') ? 'ScheduleGroup' : path.startsWith('/schedules') ? 'Schedule' : path.startsWith('/tags/') ? 'Tags' : 'Unknown';
  const one = /^\/(schedule-groups|schedules)\/[^/]+/.test(path);
  if (kind === 'Tags') return method === 'GET' ? 'ListTagsForResource' : method === 'POST' ? 'TagResource' : 'UntagResource';
  if (!one) return `List${kind}s`;
  return { GET: `Get${kind}`, POST: `Create${kind}`, PUT: `Update${kind}`, DELETE: `Delete${kind}` }[method] ?? `${method}${kind}`;
}

function forward(target: URL, account: string, req: IncomingMessage, body: Buffer, res: ServerResponse, dropAfter: boolean): void {
  const headers = { ...req.headers, host: target.host, 'x-moto-account-id': account, 'content-length': String(body.length) };
  const upstream = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
    const chunks: Buffer[] = [];
    answer.on('data', (c: Buffer) => chunks.push(c));
    answer.on('end', () => {
      // The server has done the work; the client never hears of it.
      if (dropAfter) return req.socket.destroy();
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.end(Buffer.concat(chunks));
    });
  });
  upstream.on('error', () => req.socket.destroy());
  upstream.end(body);
}

/** moto 5.2.1 cannot start an execution through an alias (see the header): start it on the state machine. */
function unqualifyAlias(body: Buffer): Buffer {
  const input = JSON.parse(body.toString('utf8')) as { stateMachineArn?: string };
  const m = /^(arn:[^:]+:states:[^:]+:\d{12}:stateMachine:[^:]+):([^:]*[^0-9:][^:]*)$/.exec(input.stateMachineArn ?? '');
  if (!m) return body;
  return Buffer.from(JSON.stringify({ ...input, stateMachineArn: m[1] }));
}

function injectFault(kind: FaultKind, call: AwsCall, req: IncomingMessage, res: ServerResponse): void {
  if (kind === 'drop-before') return void req.socket.destroy();
  const [code, message, status] =
    kind === 'throttle'
      ? [call.service === 'iam' || call.service === 'sts' ? 'Throttling' : 'ThrottlingException', 'Rate exceeded', call.service === 'scheduler' ? 429 : 400]
      : kind === 'server-error'
        ? [call.service === 'scheduler' ? 'InternalServerException' : 'InternalFailure', 'We encountered an internal error. Please try again.', 500]
        : kind === 'role-not-assumable'
          ? call.service === 'scheduler'
            ? ['ValidationException', 'The execution role you provide must allow AWS EventBridge Scheduler to assume the role.', 400]
            : ['AccessDeniedException', 'Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role.', 400]
          : ['AccessDeniedException', 'stopped by the test after its last allowed write', 400];
  if (call.service === 'iam' || call.service === 'sts') {
    res.writeHead(status as number, { 'content-type': 'text/xml' });
    res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>proxy</RequestId></ErrorResponse>`);
  } else if (call.service === 'scheduler') {
    res.writeHead(status as number, { 'content-type': 'application/json', 'x-amzn-errortype': code as string });
    res.end(JSON.stringify({ Message: message }));
  } else {
    res.writeHead(status as number, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify({ __type: code, message }));
  }
}
