import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FailRules } from './fail-rules.js';
import type { ListenKeyRegistry } from './listen-keys.js';
import { SIM_MARKETS, marketOfRestPrefix, type SimMarket } from './market.js';
import { exchangeInfo, premiumIndex, type MarketDataQuery } from './market-data.js';
import { accountInfo, balance, leverageBracket, positionRisk } from './account-route.js';
import { type OrderQuery, allOrders, openOrders, queryOrder } from './order-routes.js';
import { cancelOrder, placeOrder } from './order-writes.js';
import type { SimOrderBook } from './orders.js';
import { ERRORS, type Reply, error, ok } from './rest-reply.js';
import { checkSignature } from './signing.js';
import { sendSlowly } from './slow-reply.js';

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
  readonly orders: SimOrderBook;
  readonly apiKeys: ReadonlySet<string>;
  /** Secret per API key, for verifying signed requests. */
  readonly apiSecrets: ReadonlyMap<string, string>;
  /** Ed25519 public key per API key registered that way; it wins over a secret. */
  readonly apiPublicKeys: ReadonlyMap<string, KeyObject>;
  readonly failRules: FailRules;
  readonly now: () => number;
  /** The exchange's own clock, which may be skewed from `now`: /v1/time and the timestamp checks use it. */
  readonly serverNow: () => number;
  /** Closes the sockets of a deleted key. */
  readonly closeKeySockets: (market: SimMarket, key: string) => void;
  /** Called once per request, after it was answered. */
  readonly record: (request: SimRequest) => void;
  /** The account an API key opens: its own with separate accounts, else undefined (the one shared account). */
  readonly accountOf?: (apiKey: string | undefined) => string | undefined;
  /** Once this much weight was used in a clock minute, requests get HTTP 429 -1003 until the next. @default no limit */
  readonly weightLimitPerMinute?: number;
}

interface RouteRequest {
  readonly market: SimMarket;
  readonly apiKey: string | undefined;
  readonly rawQuery: string;
  readonly query: URLSearchParams;
}

type Route = (request: RouteRequest, context: RestContext) => Reply;

interface RouteEntry {
  readonly markets: readonly SimMarket[];
  readonly methods: Readonly<Record<string, Route>>;
}

/** Listen keys are USER_STREAM: the API key header only, no parameters or signature required. */
const listenKeyRoutes: Record<string, Route> = {
  POST: ({ market, apiKey }, context) => authorize(apiKey, context) ?? ok({ listenKey: context.keys.create(market, context.accountOf?.(apiKey)) }),
  PUT: ({ market, apiKey }, context) => {
    const rejection = authorize(apiKey, context);
    if (rejection) return rejection;
    const key = context.keys.keepAlive(market, context.accountOf?.(apiKey));
    if (key === undefined) return ERRORS.unknownListenKey();
    return ok(market === 'usdm' ? { listenKey: key } : {});
  },
  DELETE: ({ market, apiKey }, context) => {
    const rejection = authorize(apiKey, context);
    if (rejection) return rejection;
    const key = context.keys.revoke(market, context.accountOf?.(apiKey));
    if (key === undefined) return ERRORS.unknownListenKey();
    context.closeKeySockets(market, key);
    return ok({});
  },
};

/** Order queries are USER_DATA and order entry TRADE: API key plus a valid signature. */
const signed =
  (handler: (query: OrderQuery) => Reply): Route =>
  (request, context) => {
    const serverTimeMs = context.serverNow();
    const rejection =
      authorize(request.apiKey, context) ??
      checkSignature({
        rawQuery: request.rawQuery,
        query: request.query,
        secret: context.apiSecrets.get(request.apiKey ?? ''),
        publicKey: context.apiPublicKeys.get(request.apiKey ?? ''),
        serverTimeMs,
      });
    return rejection ?? handler({ market: request.market, query: request.query, orders: context.orders, nowMs: serverTimeMs });
  };

/** Market data is NONE/MARKET_DATA: no key needed. */
const open =
  (handler: (query: MarketDataQuery) => Reply): Route =>
  (request, context) =>
    handler({ market: request.market, query: request.query, orders: context.orders, nowMs: context.serverNow() });

const FUTURES: readonly SimMarket[] = ['usdm', 'coinm'];

/** Paths after the market prefix; Portfolio Margin serves its UM orders under `/v1/um/…`. */
const ROUTES: Readonly<Record<string, RouteEntry>> = {
  '/v1/listenKey': { markets: SIM_MARKETS, methods: listenKeyRoutes },
  '/v1/time': { markets: SIM_MARKETS, methods: { GET: (_request, context) => ok({ serverTime: context.serverNow() }) } },
  '/v1/premiumIndex': { markets: FUTURES, methods: { GET: open(premiumIndex) } },
  '/v1/exchangeInfo': { markets: FUTURES, methods: { GET: open(exchangeInfo) } },
  '/v1/openOrders': { markets: FUTURES, methods: { GET: signed(openOrders) } },
  '/v1/order': { markets: FUTURES, methods: { GET: signed(queryOrder), POST: signed(placeOrder), DELETE: signed(cancelOrder) } },
  '/v1/allOrders': { markets: FUTURES, methods: { GET: signed(allOrders) } },
  '/v3/account': { markets: ['usdm'], methods: { GET: signed(accountInfo) } },
  '/v3/balance': { markets: ['usdm'], methods: { GET: signed(balance) } },
  '/v2/balance': { markets: ['usdm'], methods: { GET: signed(balance) } },
  '/v1/balance': { markets: ['coinm', 'pm'], methods: { GET: signed(balance) } },
  '/v3/positionRisk': { markets: ['usdm'], methods: { GET: signed(positionRisk('v3')) } },
  '/v2/positionRisk': { markets: ['usdm'], methods: { GET: signed(positionRisk('v2')) } },
  '/v1/positionRisk': { markets: ['coinm'], methods: { GET: signed(positionRisk('v2')) } },
  '/v1/leverageBracket': { markets: ['usdm', 'coinm'], methods: { GET: signed(leverageBracket) } },
  '/v2/leverageBracket': { markets: ['coinm'], methods: { GET: signed(leverageBracket) } },
  '/v1/account': { markets: ['coinm', 'pm'], methods: { GET: signed(accountInfo) } },
  '/v1/um/positionRisk': { markets: ['pm'], methods: { GET: signed(positionRisk('v2')) } },
  '/v1/um/openOrders': { markets: ['pm'], methods: { GET: signed(openOrders) } },
  '/v1/um/order': { markets: ['pm'], methods: { GET: signed(queryOrder), POST: signed(placeOrder), DELETE: signed(cancelOrder) } },
  '/v1/um/allOrders': { markets: ['pm'], methods: { GET: signed(allOrders) } },
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

    const failure = context.failRules.take(method, url.pathname, url.searchParams);
    if (failure?.destroy) {
      request.socket.destroy();
      record(0);
      return;
    }
    if (failure?.trickleMs !== undefined || failure?.bodyBytes !== undefined) {
      sendSlowly(response, failure);
      record(failure.status);
      return;
    }
    const limit = context.weightLimitPerMinute;
    const reply: Reply = failure
      ? { status: failure.status, body: failure.body ?? {}, headers: failure.headers }
      : limit !== undefined && weight.used(atMs) >= limit
        ? tooManyRequests(limit, atMs)
        : route(method, url, apiKey, context);
    send(response, reply, weight.add(atMs, reply.weight ?? 1));
    record(reply.status);
  };
}

/**
 * The two wallet (SAPI) endpoints ccxt's loadMarkets calls before any futures one. The simulated
 * account has no spot wallet and no margin pairs, so both answer an empty list.
 */
const WALLET_ROUTES: Readonly<Record<string, Route>> = {
  'GET /sapi/v1/capital/config/getall': signed(() => ok([], 10)),
  'GET /sapi/v1/margin/allPairs': ({ apiKey }, context) => authorize(apiKey, context) ?? ok([], 1),
};

function route(method: string, url: URL, apiKey: string | undefined, context: RestContext): Reply {
  const wallet = WALLET_ROUTES[`${method} ${url.pathname}`];
  // Wallet routes belong to no futures market; usdm only fills the field they never read.
  if (wallet) return wallet({ market: 'usdm', apiKey, rawQuery: url.search.slice(1), query: url.searchParams }, context);
  const match = /^(\/[a-z]+)(\/v\d+\/.+)$/.exec(url.pathname);
  const market = match?.[1] ? marketOfRestPrefix(match[1]) : undefined;
  const entry = match?.[2] ? ROUTES[match[2]] : undefined;
  const handler = market && entry?.markets.includes(market) ? entry.methods[method] : undefined;
  if (!market || !handler) return error(404, -1000, `No route for ${method} ${url.pathname}.`);
  return handler({ market, apiKey, rawQuery: url.search.slice(1), query: url.searchParams }, context);
}

/** Rejections for a missing, malformed or unknown API key; undefined when the key is accepted. */
function authorize(apiKey: string | undefined, context: RestContext): Reply | undefined {
  if (apiKey === undefined) return ERRORS.rejectedApiKey();
  if (!/^[A-Za-z0-9_-]+$/.test(apiKey)) return ERRORS.badApiKeyFormat();
  if (!context.apiKeys.has(apiKey)) return ERRORS.rejectedApiKey();
  return undefined;
}

function send(response: ServerResponse, reply: Reply, usedWeight: number): void {
  const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'X-MBX-USED-WEIGHT-1M': String(usedWeight),
    ...reply.headers,
  });
  response.end(body);
}

/** Binance's answer once the IP's weight for the minute is spent: 429, -1003, and the seconds to the next minute. */
function tooManyRequests(limit: number, atMs: number): Reply {
  const retryAfterSec = Math.ceil((60_000 - (atMs % 60_000)) / 1000);
  return {
    ...error(429, -1003, `Too many requests; current limit of IP(127.0.0.1) is ${limit} requests per minute. Please use the websocket for live updates to avoid polling the API.`),
    headers: { 'Retry-After': String(retryAfterSec) },
    weight: 0,
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Request weight used in the current clock minute, as `X-MBX-USED-WEIGHT-1M` reports it. */
class WeightCounter {
  #minute = -1;
  #used = 0;

  used(atMs: number): number {
    return Math.floor(atMs / 60_000) === this.#minute ? this.#used : 0;
  }

  add(atMs: number, weight: number): number {
    const minute = Math.floor(atMs / 60_000);
    if (minute !== this.#minute) {
      this.#minute = minute;
      this.#used = 0;
    }
    this.#used += weight;
    return this.#used;
  }
}
