import { ExchangeError } from './errors.js';

/** The known causes of -2015 (and 401), in the order they are usually found. */
export const REJECTED_KEY_HINT =
  '-2015 means the exchange refused this key for this call. Known causes: (1) futures are not enabled on the key ' +
  '(API Management → Edit restrictions → Enable Futures; keys made before the futures account existed may need to be recreated); ' +
  '(2) the key has an IP allow-list without this machine\'s IP (the message often names the IP it saw); ' +
  '(3) a testnet key on mainnet or the reverse (--testnet selects the futures testnet; Spot testnet keys from testnet.binance.vision never work on futures)';

const HINTS_BY_BINANCE_CODE: Readonly<Record<number, string>> = {
  [-2015]: REJECTED_KEY_HINT,
  [-2014]: '-2014 "API-key format invalid": the key was cut or padded when copied, or it belongs to the other network (testnet vs mainnet); copy it again and check --testnet',
  [-1022]: '-1022: the signature does not match: BINANCE_API_SECRET is not the secret of this API key (or was copied with spaces); copy the secret again',
  [-1021]: '-1021: the request time is outside the recvWindow: the local clock is off; enable time sync (e.g. timedatectl set-ntp true) and run doctor again',
  [-1003]: '-1003: too many requests from this IP; wait until the ban in the message ends before running anything against the exchange',
};

const HINTS_BY_ERRNO: Readonly<Record<string, string>> = {
  ENOTFOUND: 'the host name does not resolve: check its spelling (--rest-url/--ws-url), your DNS resolver and the network connection',
  EAI_AGAIN: 'DNS did not answer in time: check the resolver and the network connection',
  ECONNREFUSED: 'nothing accepts connections there: check the host and port of any override, or a local firewall',
  ECONNRESET: 'the connection was cut: a proxy or firewall may be in the way; try again, then try another network',
  ETIMEDOUT: 'no answer in time: a firewall, proxy or the network drops the traffic',
  UND_ERR_CONNECT_TIMEOUT: 'no answer in time: a firewall, proxy or the network drops the traffic',
  UND_ERR_HEADERS_TIMEOUT: 'the server accepted the connection but did not answer in time; try again, then try another network',
  UND_ERR_SOCKET: 'the connection was cut before an answer: a proxy or firewall may be in the way',
  TimeoutError: 'no answer in time: a firewall, proxy or the network drops the traffic',
  CERT_HAS_EXPIRED: 'the certificate is expired, or the local clock is far off: check the clock and any TLS-intercepting proxy',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'a self-signed certificate: something (a proxy, antivirus) intercepts TLS',
  SELF_SIGNED_CERT_IN_CHAIN: 'a self-signed certificate in the chain: something (a proxy, antivirus) intercepts TLS',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate cannot be verified: something intercepts TLS, or the CA store is incomplete',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another host: an override points at the wrong host, or a proxy intercepts TLS',
};

/** The hint for an error, from its Binance code or its errno/undici code. */
export function hintFor(err: unknown): string | undefined {
  if (err instanceof ExchangeError) {
    if (err.binanceCode !== undefined && HINTS_BY_BINANCE_CODE[err.binanceCode]) return HINTS_BY_BINANCE_CODE[err.binanceCode];
    if (err.status === 401) return REJECTED_KEY_HINT;
    if (err.status === 429 || err.status === 418) return HINTS_BY_BINANCE_CODE[-1003];
    if (err.status >= 500) return 'the exchange had a problem answering; try again in a minute';
    if (err.status === 403) return 'HTTP 403: refused by the exchange\'s firewall (WAF), often for the region or IP; try another network';
    return undefined;
  }
  const e = err as { code?: unknown; name?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : undefined;
  return code === undefined ? undefined : HINTS_BY_ERRNO[code];
}
