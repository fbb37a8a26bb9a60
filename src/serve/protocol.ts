/**
 * The AWS JSON 1.0 protocol as Step Functions speaks it: every call is `POST /` with
 * `X-Amz-Target: AWSStepFunctions.<Operation>`, `Content-Type: application/x-amz-json-1.0` and a
 * JSON object body; replies are JSON with timestamps as epoch seconds, and errors are
 * `{ "__type", "message" }` with the type also in `x-amzn-ErrorType`. Written on Node's `http`
 * module: the protocol is a few lines, and no server library speaks it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, errors } from './errors.js';

export const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPES = ['application/x-amz-json-1.0', 'application/x-amz-json-1.1'];
/** AWS's largest request: 1 MB, headers and all. */
export const MAX_REQUEST_BYTES = 1_048_576;

export interface ApiRequest {
  operation: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

/** Reads and checks one request; protocol mistakes become ApiErrors (never a crash). */
export async function readRequest(req: IncomingMessage): Promise<ApiRequest> {
  const raw = await readBody(req);
  if (req.method !== 'POST') throw errors.invalidAction(`Step Functions takes POST requests, not ${req.method ?? '(none)'}`);
  const target = headerValue(req.headers['x-amz-target']);
  if (!target) throw errors.missingAction();
  if (!target.startsWith(TARGET_PREFIX) || target.length === TARGET_PREFIX.length) {
    throw errors.invalidAction(`X-Amz-Target must be ${TARGET_PREFIX}<Operation>, not '${target}'`);
  }
  const contentType = (headerValue(req.headers['content-type']) ?? '').split(';')[0]!.trim().toLowerCase();
  if (!CONTENT_TYPES.includes(contentType)) {
    throw errors.validationMessage(`Content-Type must be application/x-amz-json-1.0, not '${contentType || '(none)'}'`);
  }
  let body: unknown;
  const text = raw.toString('utf8');
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (e) {
    throw errors.validationMessage(`The request body is not valid JSON: ${(e as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw errors.validationMessage('The request body must be a JSON object');
  return { operation: target.slice(TARGET_PREFIX.length), body: body as Record<string, unknown>, headers: req.headers };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) tooLarge = true; // keep reading, so the reply reaches the client
    else chunks.push(chunk);
  }
  if (tooLarge) throw errors.validationMessage(`The request is ${size} bytes; Step Functions accepts at most ${MAX_REQUEST_BYTES}`);
  return Buffer.concat(chunks);
}

export function sendResult(res: ServerResponse, result: unknown): void {
  send(res, 200, encode(result ?? {}));
}

export function sendError(res: ServerResponse, error: ApiError): void {
  send(res, error.status, JSON.stringify({ __type: error.type, message: error.message }), { 'x-amzn-ErrorType': error.type });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  res.end(body);
}

/** JSON with Dates as epoch seconds (with milliseconds), the protocol's default timestamp format. */
export function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export { ApiError };
