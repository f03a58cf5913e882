import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { ListenKeyRegistry } from './listen-keys.js';
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

interface Route {
  readonly market: SimMarket | undefined;
  readonly listenKey: string | undefined;
  /** The `events` allow-list of a `/private` URL; undefined means every event. */
  readonly events: ReadonlySet<string> | undefined;
}

interface LiveSocket {
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
 * route treat it. Paths on Binance's stream hosts that carry no user data (the retired `/ws/<key>`
 * on fstream, `/stream`, `/private/ws/<key>`, …) still complete the handshake and then stay
 * silent; a COIN-M route holding a USDⓈ-M key is that same silence. Anything else is a 404.
 */
export function resolveRoute(path: string): Route | undefined {
  const url = new URL(path, 'ws://sim.invalid');
  const segments = url.pathname.split('/').filter(Boolean);
  const [first, second, third] = segments;
  const eventsParam = url.searchParams.get('events');
  const events = eventsParam ? new Set(eventsParam.split('/')) : undefined;
  if (first === 'private' && second === 'ws' && segments.length === 2) {
    return { market: 'usdm', listenKey: url.searchParams.get('listenKey') ?? undefined, events };
  }
  if (first === 'ws' && second && segments.length === 2) {
    return { market: 'coinm', listenKey: second, events: undefined };
  }
  if (first === 'pm' && second === 'ws' && third && segments.length === 3) {
    return { market: 'pm', listenKey: third, events: undefined };
  }
  const silentRoots = new Set(['ws', 'stream', 'private', 'public', 'market', 'pm', 'pm-classic']);
  if (first && silentRoots.has(first)) {
    return { market: undefined, listenKey: url.searchParams.get('listenKey') ?? segments[2] ?? second, events };
  }
  return undefined;
}

/**
 * The user-data WebSocket side of the simulator: accepts upgrades, pings, delivers pushes to
 * sockets whose key is the market's active key, and injects the network faults tests ask for.
 */
export class SocketHub {
  readonly #options: SocketHubOptions;
  readonly #server = new WebSocketServer({ noServer: true, clientTracking: false });
  readonly #live = new Map<number, LiveSocket>();
  readonly #history: SimConnection[] = [];
  readonly #opened = new Waiters<SimConnection>();
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
    const activeKeys = this.#options.keys.activeKeys(market);
    if (activeKeys.size === 0 || this.#stalled) return 0;
    return [...this.#live.values()].filter(
      (live) => live.socket.readyState === WebSocket.OPEN && live.route.market === market && activeKeys.has(live.route.listenKey ?? ''),
    ).length;
  }

  /** Sends to every open socket on the market's route whose key is an active key of the market (of every account); returns sockets reached. */
  push(market: SimMarket, payload: object | string): number {
    const activeKeys = this.#options.keys.activeKeys(market);
    if (activeKeys.size === 0) return 0;
    return this.#send(payload, (route) => route.market === market && activeKeys.has(route.listenKey ?? ''));
  }

  /**
   * Writes `count` pre-serialized text frames to every socket a push would reach, as fast as each
   * socket drains; resolves with the sockets reached once every frame was handed to the OS.
   */
  async burst(market: SimMarket, count: number, frameAt: (index: number) => string): Promise<number> {
    const activeKeys = this.#options.keys.activeKeys(market);
    if (activeKeys.size === 0 || this.#stalled) return 0;
    const targets = [...this.#live.values()].filter(
      (live) => live.socket.readyState === WebSocket.OPEN && live.route.market === market && activeKeys.has(live.route.listenKey ?? ''),
    );
    await Promise.all(targets.map((live) => writeTextFrames(live.tcp, count, frameAt)));
    return targets.length;
  }

  /** Sends to the sockets on the market's route that hold `key`, valid or not; returns sockets reached. */
  pushToKey(market: SimMarket, key: string, payload: object | string): number {
    return this.#send(payload, (route) => route.market === market && route.listenKey === key);
  }

  /** Clean close, with a close frame, of the sockets on the market's route that hold `key`. */
  closeKey(market: SimMarket, key: string, code: number): void {
    for (const live of this.#live.values()) {
      if (live.route.market === market && live.route.listenKey === key) live.socket.close(code);
    }
  }

  /** Clean close, with a close frame (and its reason, at most 123 bytes), of every socket. */
  drop(code: number, reason?: string): void {
    for (const live of this.#live.values()) live.socket.close(code, reason);
  }

  /** Destroys every TCP socket with no close frame, as a network cut would. */
  reset(): void {
    for (const live of this.#live.values()) live.socket.terminate();
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

  /** While on, new upgrades are answered with HTTP 503, or the status (and Retry-After) given. */
  refuseConnections(on: boolean, refusal: SimRefusal = { status: 503 }): void {
    this.#refusal = on ? refusal : undefined;
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
      pinger: setInterval(() => this.#ping(socket), this.#options.pingIntervalMs),
      maxAge: setTimeout(() => socket.close(1001), this.#options.maxConnectionAgeMs),
    };
    this.#live.set(connection.id, live);
    this.#history.push(connection);
    socket.on('error', ignoreSocketError);
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

  #send(payload: object | string, selects: (route: Route) => boolean): number {
    if (this.#stalled) return 0;
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const eventType = typeof payload === 'string' ? undefined : eventTypeOf(payload);
    let reached = 0;
    for (const live of this.#live.values()) {
      if (live.socket.readyState !== WebSocket.OPEN || !selects(live.route)) continue;
      if (eventType !== undefined && live.route.events && !live.route.events.has(eventType)) continue;
      live.socket.send(text);
      reached++;
    }
    return reached;
  }
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
