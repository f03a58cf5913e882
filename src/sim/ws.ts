import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Socket } from 'node:net';
import type { ListenKeyRegistry } from './listen-keys.js';
import { type LiveState, type Subscriptions, answerLiveRequest } from './live-methods.js';
import type { SimMarket } from './market.js';
import { writeTextFrames } from './burst.js';
import { Waiters } from './waiters.js';

/** How refused WebSocket upgrades are answered. */
export interface SimRefusal {
  /** HTTP status of the refusal. @default 503 */
  status: number;
  /** Sent as Retry-After when given. */
  retryAfterSec?: number;
}

/** One accepted user-data socket, as tests see it. */
export interface SimConnection {
  /** Increasing from 1 in the order sockets were accepted. */
  readonly id: number;
  /** The market whose route was used; undefined on a route that carries no user data. */
  readonly market: SimMarket | undefined;
  /** The key named in the URL, if any; it need not be valid. */
  readonly listenKey: string | undefined;
  /** Request path and query, as the client sent them. */
  readonly path: string;
  readonly openedAtMs: number;
}

/** What the socket hub needs from the exchange around it. */
export interface SocketHubOptions {
  readonly keys: ListenKeyRegistry;
  readonly pingIntervalMs: number;
  readonly maxConnectionAgeMs: number;
  readonly now: () => number;
}

/** What a stream URL asks for. */
export interface Route {
  /** The market whose user data the route carries; undefined on a route that carries none. */
  readonly market: SimMarket | undefined;
  /** The first listenKey the URL names, if any. */
  readonly listenKey: string | undefined;
  /** Stream mode (`…/stream…`): every event goes out as `{"stream":<listenKey>,"data":<event>}`. */
  readonly envelope: boolean;
  /** Each stream the URL names (listenKeys, market streams), with its `events` allow-list; undefined means every event. */
  readonly streams: ReadonlyMap<string, ReadonlySet<string> | undefined>;
}

/** Counts of what the hub sent, for `GET /_sim/state`. */
export interface SimFrameCounts {
  /** Every frame written to a socket, replies included. */
  readonly frames: number;
  /** Event frames per event type (`e`), one per socket reached. */
  readonly events: Readonly<Record<string, number>>;
}

interface LiveSocket extends LiveState {
  readonly connection: SimConnection;
  readonly route: Route;
  readonly socket: WebSocket;
  /** The TCP socket under `socket`, for bursts that bypass per-message sends. */
  readonly tcp: Duplex;
  readonly pinger: NodeJS.Timeout;
  readonly maxAge: NodeJS.Timeout;
}

/**
 * Resolves a WebSocket request path to a user-data route, the way fstream, dstream and the PM
 * route treat it: `/private/ws?listenKey=` (raw events) and `/private/stream?listenKey=…` or
 * `/private/stream?streams=…` (the stream/data envelope) on USDⓈ-M, `/ws/<key>` on COIN-M,
 * `/pm/ws/<key>` on Portfolio Margin. Paths on Binance's stream hosts that carry no user data (the
 * retired `/ws/<key>` on fstream, `/stream`, the path form `/private/ws/<key>`, …) still complete
 * the handshake and then stay silent; a COIN-M route holding a USDⓈ-M key is that same silence.
 * Anything else is a 404.
 */
export function resolveRoute(path: string): Route | undefined {
  const url = new URL(path, 'ws://sim.invalid');
  const segments = url.pathname.split('/').filter(Boolean);
  const [first, second, third] = segments;
  if (first === 'private' && (second === 'ws' || second === 'stream') && segments.length === 2) {
    return route('usdm', second === 'stream', privateStreams(url.searchParams));
  }
  if (first === 'ws' && second && segments.length === 2) return route('coinm', false, new Map([[second, undefined]]));
  if (first === 'pm' && second === 'ws' && third && segments.length === 3) return route('pm', false, new Map([[third, undefined]]));
  const silentRoots = new Set(['ws', 'stream', 'private', 'public', 'market', 'pm', 'pm-classic']);
  if (first && silentRoots.has(first)) {
    const named = url.searchParams.get('listenKey') ?? segments[2] ?? second;
    return route(undefined, segments.includes('stream'), new Map(named === undefined ? [] : [[named, undefined]]));
  }
  return undefined;
}

function route(market: SimMarket | undefined, envelope: boolean, streams: Map<string, ReadonlySet<string> | undefined>): Route {
  return { market, listenKey: streams.keys().next().value, envelope, streams };
}

/**
 * The streams of a `/private` URL: each `listenKey` with the `events` that follows it
 * (`?listenKey=K1&events=A/B&listenKey=K2&events=C`), plus every name in `streams=` (how the official
 * SDK reconnects).
 */
function privateStreams(params: URLSearchParams): Map<string, ReadonlySet<string> | undefined> {
  const streams = new Map<string, ReadonlySet<string> | undefined>();
  let last: string | undefined;
  for (const [name, value] of params) {
    if (name === 'listenKey' && value) {
      streams.set(value, undefined);
      last = value;
    } else if (name === 'events' && value && last !== undefined) {
      streams.set(last, new Set(value.split('/')));
    } else if (name === 'streams') {
      for (const stream of value.split('/').filter(Boolean)) streams.set(stream, undefined);
    }
  }
  return streams;
}

/**
 * The user-data WebSocket side of the simulator: accepts upgrades, pings, answers live methods,
 * delivers pushes to sockets subscribed to the market's active key, and injects the network
 * faults tests ask for.
 */
export class SocketHub {
  readonly #options: SocketHubOptions;
  readonly #server = new WebSocketServer({ noServer: true, clientTracking: false });
  readonly #live = new Map<number, LiveSocket>();
  readonly #history: SimConnection[] = [];
  readonly #opened = new Waiters<SimConnection>();
  readonly #eventCounts = new Map<string, number>();
  #frames = 0;
  #nextId = 1;
  #stalled = false;
  #refusal: SimRefusal | undefined;

  constructor(options: SocketHubOptions) {
    this.#options = options;
  }

  /** Handles an HTTP upgrade request from the REST server. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.#refusal) return rejectUpgrade(socket, this.#refusal.status, this.#refusal.retryAfterSec);
    const route = resolveRoute(request.url ?? '/');
    if (!route) return rejectUpgrade(socket, 404);
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, socket, route, request.url ?? '/'));
  }

  /** Sockets open right now, oldest first. */
  connections(): SimConnection[] {
    return [...this.#live.values()].map((live) => live.connection);
  }

  /** The streams each open socket receives, by connection id. */
  subscriptionsOf(id: number): string[] {
    return [...(this.#live.get(id)?.subscriptions.keys() ?? [])];
  }

  /** What the hub has sent so far. */
  counts(): SimFrameCounts {
    return { frames: this.#frames, events: Object.fromEntries(this.#eventCounts) };
  }

  /**
   * Resolves with the first connection whose id is greater than `after`; without `after`, the newest
   * open connection or else the next one to open.
   */
  waitForConnection(timeoutMs: number, after?: number): Promise<SimConnection> {
    const open = this.connections();
    const existing = after === undefined ? open.at(-1) : this.#history.find((connection) => connection.id > after);
    if (existing) return Promise.resolve(existing);
    const floor = after ?? 0;
    return this.#opened.wait((connection) => connection.id > floor, timeoutMs, `a connection with id > ${floor}`);
  }

  /** How many sockets a push to the market would reach right now. */
  subscribers(market: SimMarket): number {
    return this.#stalled ? 0 : this.#holdingActiveKey(market).length;
  }

  /** Sends to every open socket on the market's route subscribed to an active key of the market (of any account); returns sockets reached. */
  push(market: SimMarket, payload: object | string): number {
    return this.#deliver(market, this.#options.keys.activeKeys(market), payload);
  }

  /**
   * Writes `count` pre-serialized text frames to every socket a push would reach, as fast as each
   * socket drains; resolves with the sockets reached once every frame was handed to the OS.
   */
  async burst(market: SimMarket, count: number, frameAt: (index: number) => string): Promise<number> {
    if (this.#stalled) return 0;
    const targets = this.#holdingActiveKey(market);
    await Promise.all(targets.map((live) => writeTextFrames(live.tcp, count, frameAt)));
    this.#frames += count * targets.length;
    return targets.length;
  }

  /** Sends to the sockets on the market's route subscribed to `key`, valid or not; returns sockets reached. */
  pushToKey(market: SimMarket, key: string, payload: object | string): number {
    return this.#deliver(market, new Set([key]), payload);
  }

  /** Sends a connection-level frame (such as serverShutdown) verbatim to every open socket, or those of one market; returns the ids of the sockets reached. */
  announce(payload: object, market?: SimMarket): number[] {
    if (this.#stalled) return [];
    const text = JSON.stringify(payload);
    const reached: number[] = [];
    for (const live of this.#selected(market)) {
      if (live.socket.readyState !== WebSocket.OPEN) continue;
      this.#write(live, text);
      reached.push(live.connection.id);
    }
    return reached;
  }

  /** Clean close, with a close frame, of the sockets with these ids that are still open. */
  dropConnections(ids: readonly number[], code: number): void {
    for (const id of ids) this.#live.get(id)?.socket.close(code);
  }

  /** Clean close, with a close frame, of the sockets on the market's route subscribed to `key`. */
  closeKey(market: SimMarket, key: string, code: number): void {
    for (const live of this.#live.values()) {
      if (live.route.market === market && live.subscriptions.has(key)) live.socket.close(code);
    }
  }

  /** Clean close, with a close frame (and its reason, at most 123 bytes), of every socket, or of one market's; returns sockets closed. */
  drop(code: number, market?: SimMarket, reason?: string): number {
    const selected = this.#selected(market);
    for (const live of selected) live.socket.close(code, reason);
    return selected.length;
  }

  /** Ends every TCP connection, or one market's, with no close frame, as a network cut would; returns sockets cut. */
  reset(market?: SimMarket): number {
    const selected = this.#selected(market);
    for (const live of selected) live.socket.terminate();
    return selected.length;
  }

  /** Aborts every TCP connection, or one market's, with a TCP RST (ECONNRESET at the client); returns sockets aborted. */
  abort(market?: SimMarket): number {
    const selected = this.#selected(market);
    for (const live of selected) (live.tcp as Socket).resetAndDestroy();
    return selected.length;
  }

  /**
   * A frozen server: stops reading (so no pong and no close reply) and stops writing on existing
   * and new sockets, while the TCP connections stay up.
   */
  stall(on: boolean): void {
    this.#stalled = on;
    for (const live of this.#live.values()) {
      if (on) live.socket.pause();
      else live.socket.resume();
    }
  }

  /** True while stalled. */
  get stalled(): boolean {
    return this.#stalled;
  }

  /** While on, new upgrades are answered with HTTP 503, or the status (and Retry-After) given. */
  refuseConnections(on: boolean, refusal: SimRefusal = { status: 503 }): void {
    this.#refusal = on ? refusal : undefined;
  }

  /** The refusal in force, if upgrades are being refused. */
  get refusal(): SimRefusal | undefined {
    return this.#refusal;
  }

  /** Terminates every socket, clears its timers and rejects pending waits. */
  close(): void {
    this.#opened.rejectAll(new Error('sim: closed'));
    for (const live of this.#live.values()) {
      clearInterval(live.pinger);
      clearTimeout(live.maxAge);
      live.socket.terminate();
    }
    this.#server.close();
  }

  #selected(market: SimMarket | undefined): LiveSocket[] {
    return [...this.#live.values()].filter((live) => market === undefined || live.route.market === market);
  }

  #holdingActiveKey(market: SimMarket): LiveSocket[] {
    const activeKeys = this.#options.keys.activeKeys(market);
    return [...this.#live.values()].filter(
      (live) => live.socket.readyState === WebSocket.OPEN && live.route.market === market && subscribedKey(live, activeKeys) !== undefined,
    );
  }

  /**
   * Sends to each open socket on the market's route subscribed to one of `keys`, once per socket,
   * skipping sockets whose `events` allow-list for that key leaves the event out; returns sockets reached.
   */
  #deliver(market: SimMarket, keys: ReadonlySet<string>, payload: object | string): number {
    if (this.#stalled || keys.size === 0) return 0;
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const eventType = typeof payload === 'string' ? undefined : eventTypeOf(payload);
    let reached = 0;
    for (const live of this.#live.values()) {
      if (live.socket.readyState !== WebSocket.OPEN || live.route.market !== market) continue;
      const key = subscribedKey(live, keys);
      if (key === undefined) continue;
      const events = live.subscriptions.get(key);
      if (eventType !== undefined && events && !events.has(eventType)) continue;
      // A string is a test's own frame (e.g. a malformed one) and goes out verbatim, envelope or not.
      this.#write(live, live.route.envelope && typeof payload !== 'string' ? `{"stream":${JSON.stringify(key)},"data":${text}}` : text);
      if (eventType !== undefined) this.#eventCounts.set(eventType, (this.#eventCounts.get(eventType) ?? 0) + 1);
      reached++;
    }
    return reached;
  }

  #write(live: LiveSocket, text: string): void {
    live.socket.send(text);
    this.#frames++;
  }

  #accept(socket: WebSocket, tcp: Duplex, route: Route, path: string): void {
    const connection: SimConnection = {
      id: this.#nextId++,
      market: route.market,
      listenKey: route.listenKey,
      path,
      openedAtMs: this.#options.now(),
    };
    const live: LiveSocket = {
      connection,
      route,
      socket,
      tcp,
      subscriptions: new Map(route.streams) as Subscriptions,
      properties: new Map(),
      pinger: setInterval(() => this.#ping(socket), this.#options.pingIntervalMs),
      maxAge: setTimeout(() => socket.close(1001), this.#options.maxConnectionAgeMs),
    };
    this.#live.set(connection.id, live);
    this.#history.push(connection);
    socket.on('error', ignoreSocketError);
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.#write(live, JSON.stringify(answerLiveRequest(String(data), live)));
    });
    socket.on('close', () => {
      clearInterval(live.pinger);
      clearTimeout(live.maxAge);
      this.#live.delete(connection.id);
    });
    if (this.#stalled) socket.pause();
    this.#opened.offer(connection);
  }

  #ping(socket: WebSocket): void {
    if (!this.#stalled && socket.readyState === WebSocket.OPEN) socket.ping();
  }
}

/** The first of `keys` the socket is subscribed to, if any. */
function subscribedKey(live: LiveSocket, keys: ReadonlySet<string>): string | undefined {
  for (const key of live.subscriptions.keys()) if (keys.has(key)) return key;
  return undefined;
}

function eventTypeOf(payload: object): string | undefined {
  const type = (payload as { e?: unknown }).e;
  return typeof type === 'string' ? type : undefined;
}

// A client's protocol error makes ws close the socket; 'close' follows and does the cleanup.
function ignoreSocketError(): void {}

function rejectUpgrade(socket: Duplex, status: number, retryAfterSec?: number): void {
  const retryAfter = retryAfterSec === undefined ? '' : `Retry-After: ${retryAfterSec}\r\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${retryAfter}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}
