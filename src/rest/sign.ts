import { createHmac, createPrivateKey, sign, type KeyObject } from 'node:crypto';

/** How a request is signed: Binance accepts an HMAC secret, or an Ed25519 or RSA key registered with the API key. */
export type SignatureKind = 'hmac-sha256' | 'ed25519' | 'rsa';

/** Signs a request's parameter string; the result is ready to be the `signature` query value. */
export interface Signer {
  readonly kind: SignatureKind;
  sign(payload: string): string;
}

/** Binance's default acceptance window for a signed request. */
export const DEFAULT_RECV_WINDOW_MS = 5_000;

/** Hex HMAC-SHA256 of a payload: Binance's signature for HMAC keys (not case-sensitive). */
export function hmacSha256Hex(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** Signs with the API secret (HMAC-SHA256, hex). */
export function hmacSigner(secret: string): Signer {
  return { kind: 'hmac-sha256', sign: (payload) => hmacSha256Hex(payload, secret) };
}

/**
 * Signs with a private key: Ed25519 (pure, no digest) or RSASSA-PKCS1-v1_5 with SHA-256. Both give
 * base64, which holds `+`, `/` and `=`, so it is URL-encoded.
 */
export function privateKeySigner(key: KeyObject): Signer {
  const type = key.asymmetricKeyType;
  if (type !== 'ed25519' && type !== 'rsa') throw new RangeError(`unsupported private key type ${String(type)}; Binance takes Ed25519 or RSA`);
  return {
    kind: type,
    sign: (payload) => encodeURIComponent(sign(type === 'ed25519' ? null : 'sha256', Buffer.from(payload), key).toString('base64')),
  };
}

/** Parses a PEM private key; throws a RangeError that never quotes the key. */
export function parsePrivateKey(pem: string): KeyObject {
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch (err) {
    throw new RangeError(`not a PEM private key (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

/** Query parameters before signing; undefined values are left out. */
export type QueryParams = Readonly<Record<string, string | number | boolean | undefined>>;

/** `k=v&…` with every value URL-encoded, in the order given. */
export function encodeQuery(params: QueryParams): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

/**
 * The signed query string: the parameters, then `timestamp` and `recvWindow`, then the signature,
 * which Binance requires to be last because it covers everything before it. `timestampMs` should be
 * server time (local time plus the measured offset), or a skewed clock turns every call into -1021.
 */
export function signedQuery(params: QueryParams, signer: Signer, timestampMs: number, recvWindowMs = DEFAULT_RECV_WINDOW_MS): string {
  const payload = encodeQuery({ ...params, timestamp: Math.round(timestampMs), recvWindow: recvWindowMs });
  return `${payload}&signature=${signer.sign(payload)}`;
}
