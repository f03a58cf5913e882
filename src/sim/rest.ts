import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FailRules } from './fail-rules.js';
import type { ListenKeyRegistry } from './listen-keys.js';
import { marketOfRestPrefix, type SimMarket } from './market.js';

/** One REST request as the simulator saw it. */
export interface SimRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** Query parameters (last value wins); `{}` when there were none. */
  readonly query: Readonly<Record<string, string>>;
  /** The X-MBX-APIKEY header, if sent. */
  readonly apiKey: string | undefined;
  readonly atMs: number;
  /** HTTP status answered; 0 when the connection was destroyed with no answer. */
  readonly status: number;
}

/** What the REST routes need from the exchange around them. */
export interface RestContext {
  readonly keys: ListenKeyRegistry;
  readonly apiKeys: ReadonlySet<string>;
  readonly failRules: FailRules;
  readonly now: () => number;
  /** Closes the sockets of a deleted key. */
  readonly closeKeySockets: (market: SimMarket, key: string) => void;
  /** Called once per request, after it was answered. */
  readonly record: (request: SimRequest) => void;
}

interface Reply {
  readonly status: number;
  readonly body: object | string;
  readonly headers?: Record<string, string>;
}

type Route = (market: SimMarket, apiKey: string | undefined, context: RestContext) => Reply;

const error = (status: number, code: number, msg: string): Reply => ({ status, body: { code, msg } });
const ok = (body: object): Reply => ({ status: 200, body });

/** Binance's bodies for the errors the routes produce (fixtures rest-error-*.json). */
const ERRORS = {
  unknownListenKey: () => error(400, -1125, 'This listenKey does not exist.'),
  rejectedApiKey: () => error(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
  badApiKeyFormat: () => error(401, -2014, 'API-key format invalid.'),
};

/** Listen keys are USER_STREAM: the API key header only, no parameters or signature required. */
const listenKeyRoutes: Record<string, Route> = {
  POST: (market, apiKey, context) => authorize(apiKey, context) ?? ok({ listenKey: context.keys.create(market) }),
  PUT: (market, apiKey, context) => {
    const rejection = authorize(apiKey, context);
    if (rejection) return rejection;
    const key = context.keys.keepAlive(market);
    if (key === undefined) return ERRORS.unknownListenKey();
    return ok(market === 'usdm' ? { listenKey: key } : {});
  },
  DELETE: (market, apiKey, context) => {
    const rejection = authorize(apiKey, context);
    if (rejection) return rejection;
    const key = context.keys.revoke(market);
    if (key === undefined) return ERRORS.unknownListenKey();
    context.closeKeySockets(market, key);
    return ok({});
  },
};

const ROUTES: Record<string, Record<string, Route>> = {
  '/v1/listenKey': listenKeyRoutes,
  '/v1/time': { GET: (_market, _apiKey, context) => ok({ serverTime: context.now() }) },
};

/** Builds the node:http request listener for the simulator's REST API. */
export function createRestHandler(context: RestContext): (request: IncomingMessage, response: ServerResponse) => void {
  const weight = new WeightCounter();
  return function handleRequest(request, response) {
    request.resume();
    const url = new URL(request.url ?? '/', 'http://sim.invalid');
    const method = request.method ?? 'GET';
    const apiKey = headerValue(request.headers['x-mbx-apikey']);
    const atMs = context.now();
    const record = (status: number) =>
      context.record({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), apiKey, atMs, status });

    const usedWeight = String(weight.add(atMs));
    const failure = context.failRules.take(method, url.pathname);
    if (failure?.destroy) {
      request.socket.destroy();
      record(0);
      return;
    }
    const reply = failure ? { status: failure.status, body: failure.body ?? {}, headers: failure.headers } : route(method, url.pathname, apiKey, context);
    send(response, reply, usedWeight);
    record(reply.status);
  };
}

function route(method: string, path: string, apiKey: string | undefined, context: RestContext): Reply {
  const match = /^(\/[a-z]+)(\/v\d+\/.+)$/.exec(path);
  const market = match?.[1] ? marketOfRestPrefix(match[1]) : undefined;
  const handler = market && match?.[2] ? ROUTES[match[2]]?.[method] : undefined;
  if (!market || !handler) return error(404, -1000, `No route for ${method} ${path}.`);
  return handler(market, apiKey, context);
}

/** Rejections for a missing, malformed or unknown API key; undefined when the key is accepted. */
function authorize(apiKey: string | undefined, context: RestContext): Reply | undefined {
  if (apiKey === undefined) return ERRORS.rejectedApiKey();
  if (!/^[A-Za-z0-9_-]+$/.test(apiKey)) return ERRORS.badApiKeyFormat();
  if (!context.apiKeys.has(apiKey)) return ERRORS.rejectedApiKey();
  return undefined;
}

function send(response: ServerResponse, reply: Reply, usedWeight: string): void {
  const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'X-MBX-USED-WEIGHT-1M': usedWeight,
    ...reply.headers,
  });
  response.end(body);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Request weight used in the current clock minute, as `X-MBX-USED-WEIGHT-1M` reports it (every route weighs 1). */
class WeightCounter {
  #minute = -1;
  #used = 0;

  add(atMs: number): number {
    const minute = Math.floor(atMs / 60_000);
    if (minute !== this.#minute) {
      this.#minute = minute;
      this.#used = 0;
    }
    return ++this.#used;
  }
}
