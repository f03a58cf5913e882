import { BinanceOrdersError, type ExchangeError } from '../errors/errors.js';

/** Why a connection ended, or why one could not be made. */
export type DisconnectCause =
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'socket-error'; message: string }
  | { kind: 'handshake'; status: number; retryAfterMs?: number | undefined }
  | { kind: 'stale'; silentMs: number }
  | { kind: 'key-expired'; via: 'event' | 'keepalive' }
  | { kind: 'rest'; error: unknown };

/** What the supervisor does next. */
export type Decision =
  | { action: 'retry'; minDelayMs?: number }
  | { action: 'renew-key' }
  | { action: 'fatal'; error: BinanceOrdersError };

/**
 * The one place a disconnect becomes a decision. Everything is retried forever except a refused API
 * key and a retired endpoint (HTTP 410), which no amount of waiting fixes.
 */
export function classify(cause: DisconnectCause, rateLimitDefaultMs: number): Decision {
  switch (cause.kind) {
    // 1000 normal, 1001 going away (Binance's 24 h cut, server restarts), 1006 abnormal (no close frame).
    case 'closed':
      return { action: 'retry' };
    // ECONNRESET, ECONNREFUSED, DNS failures: the network, not us.
    case 'socket-error':
      return { action: 'retry' };
    // An HTTP answer instead of an upgrade (503 while the exchange restarts, 429 when reconnecting too
    // fast): wait at least what its Retry-After asks, as for REST.
    case 'handshake':
      return cause.retryAfterMs === undefined ? { action: 'retry' } : { action: 'retry', minDelayMs: cause.retryAfterMs };
    // The liveness deadline passed and we terminated the socket ourselves.
    case 'stale':
      return { action: 'retry' };
    // listenKeyExpired, or a keepalive PUT answered -1125: only a fresh key brings events back.
    case 'key-expired':
      return { action: 'renew-key' };
    case 'rest':
      return classifyRest(cause.error, rateLimitDefaultMs);
  }
}

function classifyRest(error: unknown, rateLimitDefaultMs: number): Decision {
  if (!(error instanceof BinanceOrdersError)) return { action: 'retry' }; // network: undici socket/timeout errors
  switch (error.code) {
    case 'AUTH_REJECTED':
    // HTTP 410: the endpoint is gone for good; asking again every few seconds would only hide that.
    case 'ENDPOINT_RETIRED':
      return { action: 'fatal', error };
    // 429 and 418: wait what the exchange asks, or a safe default; hammering on turns a 429 into an IP ban.
    case 'RATE_LIMITED':
      return { action: 'retry', minDelayMs: (error as ExchangeError).retryAfterMs ?? rateLimitDefaultMs };
    default:
      return { action: 'retry' };
  }
}
