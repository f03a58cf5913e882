import { createHmac, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { ERRORS, type Reply, missingParameter } from './rest-reply.js';

/** Binance's default recvWindow when a signed request names none. */
const DEFAULT_RECV_WINDOW_MS = 5_000;

/** What a signed (USER_DATA) request carries, as the signature check needs it. */
export interface SignedRequest {
  /** The query string as sent, without the leading "?". */
  readonly rawQuery: string;
  readonly query: URLSearchParams;
  /** The secret of the request's API key; without it (or a public key) the signature is required but not verified. */
  readonly secret: string | undefined;
  /** The Ed25519 public key registered for the request's API key; its signatures are base64. */
  readonly publicKey?: KeyObject | undefined;
  readonly serverTimeMs: number;
}

/**
 * Binance's checks for a signed request: `timestamp` and `signature` present, the timestamp no more
 * than 1000 ms ahead of server time and no older than recvWindow, and the signature the hex
 * HMAC-SHA256 (or, for a key registered with a public key, the base64 Ed25519 signature) of every
 * parameter before it. Returns the rejection, or undefined when it passes.
 */
export function checkSignature(request: SignedRequest): Reply | undefined {
  const { query, serverTimeMs } = request;
  const timestamp = Number(query.get('timestamp') ?? Number.NaN);
  if (!Number.isInteger(timestamp)) return missingParameter('timestamp');
  const signature = query.get('signature');
  if (!signature) return missingParameter('signature');
  const recvWindowMs = Number(query.get('recvWindow') ?? DEFAULT_RECV_WINDOW_MS);
  if (timestamp >= serverTimeMs + 1000) return ERRORS.aheadOfServer();
  if (serverTimeMs - timestamp > recvWindowMs) return ERRORS.outsideRecvWindow();
  const signed = request.rawQuery.replace(/&?signature=[^&]*$/, '');
  if (request.publicKey !== undefined) {
    // URLSearchParams already decoded %2B/%2F/%3D; an unencoded "+" arrives as a space and fails, as on Binance.
    return verify(null, Buffer.from(signed), request.publicKey, Buffer.from(signature, 'base64')) ? undefined : ERRORS.badSignature();
  }
  if (request.secret === undefined) return undefined;
  const expected = createHmac('sha256', request.secret).update(signed).digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return ERRORS.badSignature();
  return undefined;
}
