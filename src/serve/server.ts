/**
 * The local Step Functions endpoint: an HTTP server on loopback speaking the API's JSON 1.0
 * protocol over the embedded engine. Requests are independent (executions run in the background
 * while others start); a malformed request gets the API's error, never a crash; `close()` stops
 * running executions and closes every connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StateMachineDefinition, StateMachineType } from '../model/asl.js';
import type { MockConfigFile } from '../engine/index.js';
import { toAslJson } from '../compile/compile.js';
import { checkDefinition } from './definitions.js';
import { ApiError, errors } from './errors.js';
import { ExecutionStore } from './executions.js';
import { MachineStore } from './machines.js';
import { MockConfigSource } from './mock-config.js';
import { HANDLERS, type Context } from './operations.js';
import { readRequest, sendError, sendResult } from './protocol.js';
import { checkRequest, NOT_SERVED } from './shapes.js';
import { TaskTokens } from './task-tokens.js';

export interface EndpointOptions {
  /** Default 8083 (Step Functions Local's); 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the endpoint is for this machine. */
  host?: string;
  region?: string;
  account?: string;
  partition?: string;
  /** A Step Functions Local MockConfigFile.json; read again when it changes. */
  mockConfig?: string;
  /** Test cases known without a file (the project's scenarios); the file's win. */
  baseMockConfig?: MockConfigFile;
  /** Real seconds per second of execution time: 1 (default) waits like AWS, 0 never waits. */
  timeScale?: number;
  /** Finished executions kept (default 1000); older ones are forgotten. */
  retain?: number;
  /** Executions running at once (default 10,000) before StartExecution answers ExecutionLimitExceeded. */
  maxRunning?: number;
  /** State machines to create at start (a project's workflows). */
  stateMachines?: { name: string; definition: StateMachineDefinition | string; type?: StateMachineType; tags?: Record<string, string>; roleArn?: string }[];
}

export interface LocalEndpoint {
  /** `http://127.0.0.1:8083` */
  readonly url: string;
  readonly port: number;
  /** The state machines created at start. */
  readonly stateMachineArns: readonly string[];
  /** Executions running now. */
  running(): number;
  /** Stops running executions (ABORTED), closes connections; resolves when the port is free. */
  close(): Promise<void>;
}

export async function startEndpoint(options: EndpointOptions = {}): Promise<LocalEndpoint> {
  const scope = { partition: options.partition ?? 'aws', region: options.region ?? 'us-east-1', account: options.account ?? '123456789012' };
  const machines = new MachineStore(scope);
  const tokens = new TaskTokens();
  const mocks = new MockConfigSource(options.mockConfig, options.baseMockConfig);
  const executions = new ExecutionStore(scope, machines, mocks, tokens, {
    timeScale: options.timeScale ?? 1,
    retain: options.retain ?? 1000,
    maxRunning: options.maxRunning ?? 10_000,
  });

  const created: string[] = [];
  for (const m of options.stateMachines ?? []) {
    const text = typeof m.definition === 'string' ? m.definition : toAslJson(m.definition);
    const type = m.type ?? 'STANDARD';
    const parsed = checkDefinition(text, type);
    const roleArn = m.roleArn ?? `arn:${scope.partition}:iam::${scope.account}:role/service-role/StepFunctions-${m.name}-role`;
    const { machine } = machines.create({ name: m.name, definition: text, parsed, roleArn, type, tags: Object.entries(m.tags ?? {}) });
    created.push(machine.arn);
  }

  const server = createServer((req, res) => void handle(req, res, { machines, executions, tokens }));
  server.keepAliveTimeout = 5000;
  // Unparseable HTTP never reaches the handler: answer it and drop the connection.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8083, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    stateMachineArns: created,
    running: () => executions.runningCount,
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await executions.stopAll();
        server.closeAllConnections();
        await closed;
      })()),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, state: Omit<Context, 'headers'>): Promise<void> {
  try {
    const request = await readRequest(req);
    const handler = HANDLERS[request.operation];
    if (!handler) {
      if (NOT_SERVED.includes(request.operation)) throw errors.invalidAction(`${request.operation} is not served by the local endpoint (activities, Map Runs and redrive are not)`);
      throw errors.invalidAction(`Unknown operation '${request.operation}'`);
    }
    checkRequest(request.operation, request.body);
    sendResult(res, await handler(request.body, { ...state, headers: request.headers }));
  } catch (error) {
    if (error instanceof ApiError) return safely(() => sendError(res, error));
    // A bug in stepwright: the client gets InternalFailure, the endpoint keeps serving.
    process.stderr.write(`stepwright serve: internal error\n${(error as Error)?.stack ?? String(error)}\n`);
    safely(() => sendError(res, errors.internalFailure(`stepwright internal error: ${(error as Error)?.message ?? String(error)}`)));
  }
}

function safely(write: () => void): void {
  try {
    write();
  } catch {
    // the client went away
  }
}
