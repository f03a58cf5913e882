import type { IncomingMessage, ServerResponse } from 'node:http';
import { SimControlError, orderIdOf } from './control-input.js';
import type { SimFaultResult } from './faults.js';
import { SimFaultConflict } from './faults.js';

/** Every control route lives under this prefix, on the same port as the exchange. */
export const CONTROL_PREFIX = '/_sim/';

/** Control bodies are small JSON objects; anything larger is refused. */
const MAX_BODY_BYTES = 64 * 1024;

/** The exchange's control methods, as the HTTP routes call them; each validates its own input. */
export interface ControlMethods {
  placeOrder(input: unknown): object;
  getOrder(orderId: number): object;
  fillOrder(orderId: number, input: unknown): object;
  cancelOrder(orderId: number, input: unknown): object;
  fault(input: unknown): SimFaultResult;
  state(): object;
}

interface Answer {
  readonly status: number;
  readonly body: object;
}

/**
 * The `/_sim/` control API: JSON in, JSON out. Bad input gets a 400 whose body names the field
 * (`{"error":"…","field":"quantity"}`); an unknown order a 404, an order or key in the wrong state
 * a 409. No input can throw out of the handler.
 */
export function createControlHandler(methods: ControlMethods): (request: IncomingMessage, response: ServerResponse) => void {
  return function handleControl(request, response) {
    readBody(request)
      .then((body) => dispatch(methods, request.method ?? 'GET', new URL(request.url ?? '/', 'http://sim.invalid').pathname, body))
      .catch(answerError)
      .then((answer) => reply(response, answer));
  };
}

function dispatch(methods: ControlMethods, method: string, path: string, body: string): Answer {
  const segments = path.slice(CONTROL_PREFIX.length).split('/').filter(Boolean);
  const [resource, id, action] = segments;
  const allow = (expected: string) => {
    if (method !== expected) throw new SimControlError(`${method} ${path} is not supported; use ${expected}`, 'method', 405);
  };
  const input = () => parseJson(body);
  if (resource === 'state' && segments.length === 1) {
    allow('GET');
    return { status: 200, body: methods.state() };
  }
  if (resource === 'faults' && segments.length === 1) {
    allow('POST');
    return { status: 200, body: methods.fault(input()) };
  }
  if (resource === 'orders' && segments.length === 1) {
    allow('POST');
    return { status: 200, body: methods.placeOrder(input()) };
  }
  if (resource === 'orders' && id !== undefined && segments.length === 2) {
    allow('GET');
    return { status: 200, body: methods.getOrder(orderIdOf(id)) };
  }
  if (resource === 'orders' && id !== undefined && (action === 'fill' || action === 'cancel') && segments.length === 3) {
    allow('POST');
    const orderId = orderIdOf(id);
    return { status: 200, body: action === 'fill' ? methods.fillOrder(orderId, input()) : methods.cancelOrder(orderId, input()) };
  }
  throw new SimControlError(`no control route ${method} ${path}; see GET /_sim/state, POST /_sim/orders, POST /_sim/orders/<id>/fill|cancel, POST /_sim/faults`, 'path', 404);
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch (err) {
    throw new SimControlError(`the body is not JSON: ${(err as Error).message}`, 'body');
  }
}

function answerError(err: unknown): Answer {
  if (err instanceof SimControlError) return { status: err.status, body: { error: err.message, field: err.field } };
  if (err instanceof SimFaultConflict) return { status: 409, body: { error: err.message, field: err.field } };
  return { status: 500, body: { error: `the simulator could not do that: ${err instanceof Error ? err.message : String(err)}` } };
}

function reply(response: ServerResponse, answer: Answer): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** The request body as text; a body over MAX_BODY_BYTES is a 413 on `body`. */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new SimControlError(`the body is over ${MAX_BODY_BYTES} bytes`, 'body', 413));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}
