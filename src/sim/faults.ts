import type { FailRules } from './fail-rules.js';
import type { ListenKeyRegistry } from './listen-keys.js';
import { REST_PREFIX, SIM_MARKETS, type SimMarket } from './market.js';
import type { SocketHub } from './ws.js';

/**
 * One misbehaviour to inject, as `POST /_sim/faults` takes it and `sim.fault()` applies it. Kinds
 * that take `market` act on that market's sockets or keys only; without it, on every market.
 */
export type SimFault =
  /** Every socket's TCP connection ends with no close frame, as a dropped link looks (1006 at the client). */
  | { kind: 'drop'; market?: SimMarket }
  /** Every socket's TCP connection is aborted with a RST (ECONNRESET at the client). */
  | { kind: 'reset'; market?: SimMarket }
  /** Clean close with a close frame and `code` (default 1001, "going away"). */
  | { kind: 'close'; market?: SimMarket; code?: number }
  /** The server freezes for `ms`: no frames, no pings, no pong, nothing read; TCP stays up. */
  | { kind: 'stall'; ms: number }
  /** listenKeyExpired (`times` times, default 1) on the key's sockets, then the key is gone: PUT answers -1125. */
  | { kind: 'expire-key'; market?: SimMarket; times?: number }
  /** The key is forgotten with no event: its sockets stay open and silent, PUT answers -1125. */
  | { kind: 'invalidate-key'; market?: SimMarket }
  /** For `ms`, WebSocket upgrades are refused with `status` (default 503) and, if given, `Retry-After: retryAfter` seconds. */
  | { kind: 'refuse'; ms: number; status?: number; retryAfter?: number }
  /** The next `count` REST calls (default 1), or the market's, answer `status` 429 (or 418) -1003 with `Retry-After: retryAfter` (default 1) seconds. */
  | { kind: 'rate-limit'; market?: SimMarket; count?: number; retryAfter?: number; status?: 429 | 418 }
  /** `{"event":{"e":"serverShutdown","E":…}}` on every socket; after `ms`, if given, the server closes those sockets (not ones opened since) with 1001. */
  | { kind: 'server-shutdown'; market?: SimMarket; ms?: number }
  /** One malformed frame (or `frame`, verbatim) to the sockets of the active key. */
  | { kind: 'bad-frame'; market?: SimMarket; frame?: string }
  /** The exchange's clock runs `ms` ahead of (negative: behind) the client's; 0 puts it back. */
  | { kind: 'clock-skew'; ms: number };

/** Every fault kind, in the order the docs list them. */
export const SIM_FAULT_KINDS = [
  'drop',
  'reset',
  'close',
  'stall',
  'expire-key',
  'invalidate-key',
  'refuse',
  'rate-limit',
  'server-shutdown',
  'bad-frame',
  'clock-skew',
] as const satisfies readonly SimFault['kind'][];

/** What a fault did. */
export interface SimFaultResult {
  readonly kind: SimFault['kind'];
  /** Sockets it reached, for kinds that act on sockets. */
  readonly sockets?: number;
  /** Markets whose listenKey it expired or invalidated. */
  readonly markets?: readonly SimMarket[];
}

/** A fault that could not apply, e.g. expire-key with no active key; `field` names the input at fault. */
export class SimFaultConflict extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'SimFaultConflict';
  }
}

/** What the injector needs from the exchange around it. */
export interface FaultParts {
  readonly hub: SocketHub;
  readonly keys: ListenKeyRegistry;
  readonly failRules: FailRules;
  readonly now: () => number;
  /** Sends listenKeyExpired on the market's active key `times` times, then revokes it. */
  readonly expireKey: (market: SimMarket, times: number) => void;
  readonly setClockSkew: (skewMs: number) => void;
}

/** The frame bad-frame sends by default: an ORDER_TRADE_UPDATE cut off mid-object. */
const TRUNCATED_FRAME = '{"e":"ORDER_TRADE_UPDATE","T":1,"E":2,"o":{"s":"BTCUSDT","X":"NE';

/** Applies faults; owns the timers of the timed ones (stall, refuse, server-shutdown). */
export class FaultInjector {
  readonly #parts: FaultParts;
  readonly #timers = new Map<'stall' | 'refuse' | 'server-shutdown', NodeJS.Timeout>();

  constructor(parts: FaultParts) {
    this.#parts = parts;
  }

  /** Applies one fault now; a timed fault replaces one of its kind still running. Throws SimFaultConflict when it cannot apply. */
  apply(fault: SimFault): SimFaultResult {
    const { hub, keys, failRules, now } = this.#parts;
    switch (fault.kind) {
      case 'drop':
        return { kind: fault.kind, sockets: hub.reset(fault.market) };
      case 'reset':
        return { kind: fault.kind, sockets: hub.abort(fault.market) };
      case 'close':
        return { kind: fault.kind, sockets: hub.drop(fault.code ?? 1001, fault.market) };
      case 'stall':
        hub.stall(true);
        this.#after('stall', fault.ms, () => hub.stall(false));
        return { kind: fault.kind, sockets: hub.connections().length };
      case 'expire-key': {
        const markets = this.#keyed(fault.market);
        for (const market of markets) this.#parts.expireKey(market, fault.times ?? 1);
        return { kind: fault.kind, markets };
      }
      case 'invalidate-key': {
        const markets = this.#keyed(fault.market);
        for (const market of markets) keys.revoke(market);
        return { kind: fault.kind, markets };
      }
      case 'refuse':
        hub.refuseConnections(true, { status: fault.status ?? 503, ...(fault.retryAfter === undefined ? {} : { retryAfterSec: fault.retryAfter }) });
        this.#after('refuse', fault.ms, () => hub.refuseConnections(false));
        return { kind: fault.kind };
      case 'rate-limit': {
        const status = fault.status ?? 429;
        const retryAfterSec = fault.retryAfter ?? 1;
        failRules.add({
          ...(fault.market === undefined ? {} : { path: new RegExp(`^${REST_PREFIX[fault.market]}/`) }),
          status,
          body: rateLimitBody(status, now() + retryAfterSec * 1000),
          headers: { 'Retry-After': String(retryAfterSec) },
          times: fault.count ?? 1,
        });
        return { kind: fault.kind };
      }
      case 'server-shutdown': {
        // Only the sockets told of the shutdown are closed: a client that replaced them in time keeps its new one.
        const announced = this.#announceShutdown(fault.market);
        if (fault.ms !== undefined) this.#after('server-shutdown', fault.ms, () => hub.dropConnections(announced, 1001));
        return { kind: fault.kind, sockets: announced.length };
      }
      case 'bad-frame': {
        const sockets = (fault.market === undefined ? SIM_MARKETS : [fault.market]).reduce(
          (reached, market) => reached + hub.push(market, fault.frame ?? TRUNCATED_FRAME),
          0,
        );
        return { kind: fault.kind, sockets };
      }
      case 'clock-skew':
        this.#parts.setClockSkew(fault.ms);
        return { kind: fault.kind };
    }
  }

  /** Sends `{"event":{"e":"serverShutdown","E":…}}` verbatim on every open socket, or one market's; returns sockets reached. */
  announceShutdown(market?: SimMarket): number {
    return this.#announceShutdown(market).length;
  }

  /** Clears every pending timer. */
  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Sends the serverShutdown frame; returns the ids of the sockets reached. */
  #announceShutdown(market: SimMarket | undefined): number[] {
    return this.#parts.hub.announce({ event: { e: 'serverShutdown', E: this.#parts.now() } }, market);
  }

  /** The markets with an active key among those the fault names; a conflict when there is none. */
  #keyed(market: SimMarket | undefined): SimMarket[] {
    const markets = (market === undefined ? SIM_MARKETS : [market]).filter((candidate) => this.#parts.keys.active(candidate) !== undefined);
    if (markets.length === 0) throw new SimFaultConflict(`no active ${market ?? ''}${market ? ' ' : ''}listenKey: a client must POST one first`, 'market');
    return markets;
  }

  #after(name: 'stall' | 'refuse' | 'server-shutdown', ms: number, end: () => void): void {
    clearTimeout(this.#timers.get(name));
    this.#timers.set(
      name,
      setTimeout(() => {
        this.#timers.delete(name);
        end();
      }, ms),
    );
  }
}

/** Binance's -1003 bodies: 429 asks to slow down, 418 says the IP is banned until a time. */
function rateLimitBody(status: number, untilMs: number): object {
  if (status === 418) return { code: -1003, msg: `Way too many requests; IP(127.0.0.1) banned until ${untilMs}. Please use the websocket for live updates to avoid bans.` };
  return { code: -1003, msg: 'Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.' };
}
