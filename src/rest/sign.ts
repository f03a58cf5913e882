import { createHmac } from 'node:crypto';

/** Binance's default acceptance window for a signed request. */
export const DEFAULT_RECV_WINDOW_MS = 5_000;

/** Hex HMAC-SHA256 of a payload: Binance's signature for HMAC keys. */
export function hmacSha256Hex(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * The query string of a signed (USER_DATA) GET: the parameters, then `timestamp` and `recvWindow`,
 * then `signature` last, as Binance requires. `timestampMs` should be server time (local time plus
 * the measured offset), or a skewed clock turns every call into -1021.
 */
export function signedQuery(params: Readonly<Record<string, string | number>>, secret: string, timestampMs: number, recvWindowMs = DEFAULT_RECV_WINDOW_MS): string {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  query.set('timestamp', String(Math.round(timestampMs)));
  query.set('recvWindow', String(recvWindowMs));
  const payload = query.toString();
  return `${payload}&signature=${hmacSha256Hex(payload, secret)}`;
}
