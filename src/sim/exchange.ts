import { createPublicKey } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, type ControlMethods, createControlHandler } from './control.js';
import type { SimFillInput, SimOrderInput } from './control-input.js';
import { type SimState, createControlMethods } from './control-methods.js';
import { FailRules, type SimFailRule } from './fail-rules.js';
import { FaultInjector, type SimFault, type SimFaultResult } from './faults.js';
import { listenKeyExpired } from './fixtures.js';
import { type SimFlow, type SimFlowOptions, startFlow } from './flow.js';
import { ListenKeyRegistry, randomListenKey } from './listen-keys.js';
import { SIM_MARKETS, type SimMarket } from './market.js';
import type { SimOrder } from './order-types.js';
import { SimOrderBook } from './orders.js';
import type { Random } from './random.js';
import { type SimRequest, createRestHandler } from './rest.js';
import { type SimConnection, type SimRefusal, SocketHub } from './ws.js';
import { Waiters } from './waiters.js';

/** How to start a simulated exchange. Every field is optional. */
export interface SimOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Accepted X-MBX-APIKEY values; any other gets HTTP 401 -2015. @default [SIM_API_KEY] */
  apiKeys?: string[];
  /** Secret per API key, to verify signed requests (order queries); a key without one has its signature required but not checked. @default { [SIM_API_KEY]: SIM_API_SECRET } */
  apiSecrets?: Record<string, string>;
  /** Ed25519 public key (PEM) per API key registered that way: its requests must carry a valid Ed25519 signature. @default {} */
  apiPublicKeys?: Record<string, string>;
  /** The exchange's clock minus the client's (`now`): server time and the -1021 checks use it. @default 0 */
  clockSkewMs?: number;
  /** A key not extended (POST or PUT) within this many ms expires: listenKeyExpired goes to its sockets. @default 3_600_000 */
  listenKeyTtlMs?: number;
  /** Interval between server ping frames on each socket. @default 180_000 */
  pingIntervalMs?: number;
  /** The server closes (1001) every socket at this age, like Binance's 24 h cap. @default 86_400_000 */
  maxConnectionAgeMs?: number;
  /** Issues listenKeys. @default 64 random alphanumeric characters */
  keyFactory?: () => string;
  /** Clock for event times, request times and server time. @default Date.now */
  now?: () => number;
  /** Randomness for generated clientOrderIds. @default Math.random */
  random?: Random;
  /** Told one line per control action (order placed, fault applied); lines never hold a key or secret. @default none */
  log?: (line: string) => void;
  /**
   * Each API key opens its own account, as sub-accounts do: its own listenKey per market, and its own
   * sockets to push to through `account(apiKey)`. Order data stays shared. @default false (every key opens the same account)
   */
  separateAccounts?: boolean;
  /** Binance's REQUEST_WEIGHT limit per IP: once a clock minute used this much, requests get HTTP 429 -1003 with Retry-After. @default no limit */
  weightLimitPerMinute?: number;
}

/** One account of an exchange started with `separateAccounts`: what tests do to it alone. */
export interface SimAccount {
  /** The account's active listenKey on the market, if any. */
  activeKey(market: SimMarket): string | undefined;
  /** Sends to the account's sockets on the market; returns sockets reached. */
  push(market: SimMarket, payload: object | string): number;
  /** Clean close, with a close frame, of the account's sockets on every market. @default code 1001 */
  drop(code?: number): void;
}

/** A running simulated Binance Futures exchange on loopback. */
export interface SimExchange {
  /** e.g. http://127.0.0.1:PORT */
  readonly restUrl: string;
  /** e.g. ws://127.0.0.1:PORT */
  readonly wsUrl: string;
  /** An API key the exchange accepts (the first of `apiKeys`). */
  readonly apiKey: string;
  /** Its secret, for signed requests. */
  readonly apiSecret: string;
  /** Every REST request, in arrival order. */
  readonly requests: readonly SimRequest[];
  /** Sockets open right now. */
  connections(): SimConnection[];
  /** Resolves with the first connection whose id is greater than `after`; without it, the newest open one or else the next. @default timeoutMs 5000 */
  waitForConnection(opts?: { timeoutMs?: number; after?: number }): Promise<SimConnection>;
  /** Resolves with the first request, already seen or still to come, that matches. @default timeoutMs 5000 */
  waitForRequest(pred: (request: SimRequest) => boolean, timeoutMs?: number): Promise<SimRequest>;
  /** The market's active listenKey, if any. */
  activeKey(market: SimMarket): string | undefined;
  /** How many sockets a push to the market would reach right now. */
  subscribers(market: SimMarket): number;
  /** Sends to every open socket of that market whose key is active; returns sockets reached. A string goes out verbatim. */
  push(market: SimMarket, payload: object | string): number;
  /**
   * Writes `count` text frames, `frameAt(i)` each, to every socket a push would reach, as fast as
   * each socket drains (encoded in bulk, no per-message send): for load tests. Resolves with the
   * sockets reached once every frame was handed to the OS.
   */
  burst(market: SimMarket, count: number, frameAt: (index: number) => string): Promise<number>;
  /**
   * Sends `{"event":{"e":"serverShutdown","E":…}}` on the market's sockets, as a Binance server does
   * before it goes away (the same frame as the server-shutdown fault); the sockets stay open, so a client can
   * replace them first. Returns sockets reached.
   */
  announceShutdown(market: SimMarket): number;
  /** Clean close, with a close frame carrying `reason`, of every socket. @default code 1001 */
  drop(code?: number, reason?: string): void;
  /** Destroys every socket's TCP connection with no close frame. */
  reset(): void;
  /** While on: answer no ping, read nothing and send nothing on existing and new sockets. */
  stall(on: boolean): void;
  /** While on: new WebSocket upgrades get HTTP 503, or the status and Retry-After given. */
  refuseConnections(on: boolean, refusal?: SimRefusal): void;
  /** Sends listenKeyExpired `times` times (default 1) on the market's sockets, then invalidates the key; throws if none is active. */
  expireKey(market: SimMarket, opts?: { times?: number }): void;
  /** Answers the next matching REST request(s) with this failure instead. */
  failNext(rule: SimFailRule): void;
  /** Moves the exchange's clock to `now() + skewMs`, as a client clock drifting away would look. */
  setClockSkew(skewMs: number): void;
  /** The account an API key opens (see `separateAccounts`). */
  account(apiKey: string): SimAccount;
  /** Orders and fills; pushes go to this exchange's sockets. */
  readonly orders: SimOrderBook;
  /**
   * Places an order as if from Binance's web UI and returns it (`orderId`, `status`, …), as
   * `POST /_sim/orders` does: a MARKET order, or a LIMIT order crossing the last price, fills at once.
   * Throws SimControlError naming the field on bad input.
   */
  placeOrder(input: SimOrderInput): SimOrder;
  /** The order with this id, on whichever market has it, as `GET /_sim/orders/<id>` does. */
  getOrder(orderId: number): SimOrder;
  /** Fills an open order (all that is left, or `quantity`, at its price or `price`), as `POST /_sim/orders/<id>/fill` does. */
  fillOrder(orderId: number, input?: SimFillInput): SimOrder;
  /** Cancels an open order, as `POST /_sim/orders/<id>/cancel` does. */
  cancelOrder(orderId: number, input?: { market?: SimMarket }): SimOrder;
  /** Injects one fault, as `POST /_sim/faults` does; throws SimControlError on bad input or when it cannot apply. */
  fault(fault: SimFault): SimFaultResult;
  /** What `GET /_sim/state` reports. */
  state(): SimState;
  /** Starts a realistic order flow on one market's book; close() stops it. See SimFlowOptions. */
  startFlow(options: SimFlowOptions): SimFlow;
  /** Stops flows, closes every socket and the server, clears every timer. */
  close(): Promise<void>;
}

/** The API key the simulator accepts unless told otherwise; it opens nothing anywhere else. */
export const SIM_API_KEY = 'SimulatedExchangeApiKey00000000000000000000000000000000000000000';

/** The secret of SIM_API_KEY, for signing order queries. */
export const SIM_API_SECRET = 'sim-api-secret';

const DEFAULT_WAIT_MS = 5_000;

/** Starts a simulated exchange (REST and user-data WebSocket on one port) and resolves once it listens. */
export async function createSimExchange(opts: SimOptions = {}): Promise<SimExchange> {
  const now = opts.now ?? Date.now;
  let clockSkewMs = opts.clockSkewMs ?? 0;
  const requests: SimRequest[] = [];
  const requestSeen = new Waiters<SimRequest>();
  const failRules = new FailRules();
  const keys = new ListenKeyRegistry({
    ttlMs: opts.listenKeyTtlMs ?? 3_600_000,
    keyFactory: opts.keyFactory ?? randomListenKey,
    onExpired: (market, key) => hub.pushToKey(market, key, listenKeyExpired(market, key, now())),
  });
  const hub = new SocketHub({
    keys,
    pingIntervalMs: opts.pingIntervalMs ?? 180_000,
    maxConnectionAgeMs: opts.maxConnectionAgeMs ?? 86_400_000,
    now,
  });
  const flows = new Set<SimFlow>();
  const orders = new SimOrderBook({ publish: (market, payload) => hub.push(market, payload), now, random: opts.random ?? Math.random });
  const expireKey = (market: SimMarket, times: number) => {
    const key = keys.active(market);
    if (key === undefined) throw new Error(`sim: no active ${market} listenKey to expire`);
    for (let i = 0; i < times; i++) hub.pushToKey(market, key, listenKeyExpired(market, key, now()));
    keys.revoke(market);
  };
  const injector = new FaultInjector({
    hub,
    keys,
    failRules,
    now,
    expireKey,
    setClockSkew: (skewMs) => {
      clockSkewMs = skewMs;
    },
  });
  const apiKeys = opts.apiKeys ?? [SIM_API_KEY];
  const apiSecrets = opts.apiSecrets ?? { [SIM_API_KEY]: SIM_API_SECRET };

  const control = createControlMethods({
    orders,
    hub,
    keys,
    injector,
    log: opts.log ?? (() => {}),
    restRequests: () => requests.length,
    clockSkewMs: () => clockSkewMs,
  });
  const controlHandler = createControlHandler(control as ControlMethods);

  const restHandler = createRestHandler({
      keys,
      orders,
      apiKeys: new Set(apiKeys),
      apiSecrets: new Map(Object.entries(apiSecrets)),
      apiPublicKeys: new Map(Object.entries(opts.apiPublicKeys ?? {}).map(([key, pem]) => [key, createPublicKey(pem)])),
      failRules,
      now,
      serverNow: () => now() + clockSkewMs,
      closeKeySockets: (market, key) => hub.closeKey(market, key, 1000),
      ...(opts.separateAccounts ? { accountOf: (apiKey: string | undefined) => apiKey } : {}),
      ...(opts.weightLimitPerMinute === undefined ? {} : { weightLimitPerMinute: opts.weightLimitPerMinute }),
      record: (request) => {
        requests.push(request);
        requestSeen.offer(request);
      },
    });
  const server = createServer((request, response) =>
    (request.url ?? '').startsWith(CONTROL_PREFIX) ? controlHandler(request, response) : restHandler(request, response),
  );
  server.on('upgrade', (request, socket, head) => hub.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPort = `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    restUrl: `http://${hostPort}`,
    wsUrl: `ws://${hostPort}`,
    apiKey: apiKeys[0] ?? SIM_API_KEY,
    apiSecret: apiSecrets[apiKeys[0] ?? SIM_API_KEY] ?? '',
    requests,
    connections: () => hub.connections(),
    waitForConnection: ({ timeoutMs = DEFAULT_WAIT_MS, after } = {}) => hub.waitForConnection(timeoutMs, after),
    waitForRequest: (pred, timeoutMs = DEFAULT_WAIT_MS) => {
      const seen = requests.find(pred);
      return seen ? Promise.resolve(seen) : requestSeen.wait(pred, timeoutMs, 'a matching REST request');
    },
    activeKey: (market) => keys.active(market),
    subscribers: (market) => hub.subscribers(market),
    push: (market, payload) => hub.push(market, payload),
    burst: (market, count, frameAt) => hub.burst(market, count, frameAt),
    announceShutdown: (market) => injector.announceShutdown(market),
    drop: (code = 1001, reason) => hub.drop(code, undefined, reason),
    reset: () => hub.reset(),
    stall: (on) => hub.stall(on),
    refuseConnections: (on, refusal) => hub.refuseConnections(on, refusal),
    expireKey: (market, { times = 1 } = {}) => expireKey(market, times),
    failNext: (rule) => failRules.add(rule),
    account: (apiKey) => {
      const account = opts.separateAccounts ? apiKey : undefined;
      return {
        activeKey: (market) => keys.active(market, account),
        push: (market, payload) => {
          const key = keys.active(market, account);
          return key === undefined ? 0 : hub.pushToKey(market, key, payload);
        },
        drop: (code = 1001) => {
          for (const market of SIM_MARKETS) {
            const key = keys.active(market, account);
            if (key !== undefined) hub.closeKey(market, key, code);
          }
        },
      };
    },
    setClockSkew: (skewMs) => {
      clockSkewMs = skewMs;
    },
    orders,
    ...control,
    startFlow: (options) => {
      const flow = startFlow(orders, options);
      flows.add(flow);
      void flow.done.then(() => flows.delete(flow));
      return flow;
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const flow of flows) flow.stop();
        injector.close();
        keys.close();
        hub.close();
        requestSeen.rejectAll(new Error('sim: closed'));
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
