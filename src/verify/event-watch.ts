import { streamUrl } from '../exchange/endpoints.js';
import { parseFrame } from '../events/parse.js';
import type { Market } from '../exchange/endpoints.js';
import type { OrderEvent } from '../events/types.js';
import { openConnection, type Connection } from '../stream/connection.js';
import type { RouteCandidate } from './routes.js';

/** An order update and the route that delivered it, with the local time it arrived. */
export interface SeenUpdate {
  readonly route: RouteCandidate;
  readonly event: OrderEvent;
  readonly atMs: number;
}

export interface EventWatchOptions {
  market: Market;
  listenKey: string;
  heartbeatMs: number;
  handshakeTimeoutMs: number;
  now: () => number;
}

/** Sockets on one or more stream routes, collecting the order updates each one delivers. */
export class EventWatch {
  readonly #options: EventWatchOptions;
  readonly #connections: Connection[] = [];
  readonly #seen: SeenUpdate[] = [];
  readonly #listeners = new Set<() => void>();

  constructor(options: EventWatchOptions) {
    this.#options = options;
  }

  /** Opens a socket on the route; resolves once it is open, rejects with why it is not. */
  open(route: RouteCandidate): Promise<void> {
    const { market, listenKey, heartbeatMs, handshakeTimeoutMs, now } = this.#options;
    return new Promise((resolve, reject) => {
      const conn = openConnection({
        id: this.#connections.length + 1,
        url: streamUrl(route.template, listenKey),
        heartbeatMs,
        handshakeTimeoutMs,
        now,
        onOpen: () => resolve(),
        onFrame: (text) => {
          const parsed = parseFrame(unwrapped(text), market);
          if (!parsed.ok || parsed.event.event !== 'order') return;
          this.#seen.push({ route, event: parsed.event, atMs: now() });
          for (const listener of this.#listeners) listener();
        },
        onEnd: (cause) => reject(new Error(cause.kind === 'handshake' ? `handshake refused (HTTP ${cause.status})` : `closed (${cause.kind})`)),
      });
      this.#connections.push(conn);
    });
  }

  /** The first update of `orderId` in `status`, on any route; undefined after `timeoutMs`. */
  async waitFor(orderId: number, status: string, timeoutMs: number): Promise<SeenUpdate | undefined> {
    const find = () => this.#seen.find((seen) => seen.event.orderId === orderId && seen.event.status === status);
    const already = find();
    if (already) return already;
    return new Promise((resolve) => {
      const done = (value: SeenUpdate | undefined) => {
        clearTimeout(timer);
        this.#listeners.delete(check);
        resolve(value);
      };
      const check = () => {
        const found = find();
        if (found) done(found);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      this.#listeners.add(check);
    });
  }

  close(): void {
    for (const conn of this.#connections) conn.dispose();
  }
}

/**
 * The event of a frame from a `stream`-mode route (`/private/stream?listenKey=…`, a diagnostic
 * alternative), which wraps it as `{"stream":…,"data":{…}}`; any other frame unchanged.
 */
function unwrapped(text: string): string {
  if (!text.startsWith('{"stream"')) return text;
  try {
    const { data } = JSON.parse(text) as { data?: unknown };
    return data !== null && typeof data === 'object' ? JSON.stringify(data) : text;
  } catch {
    return text;
  }
}
