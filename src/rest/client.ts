import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { AuthRejectedError, EndpointRetiredError, ExchangeError, RestTransferError } from '../errors/errors.js';
import { otherRestHosts } from '../exchange/endpoints.js';
import { formatDuration } from '../log/time-format.js';
import { retryAfterMs } from './retry-after.js';

/** Binance codes that mean the key itself is refused; retrying cannot fix them. */
const AUTH_CODES = new Set([-2014, -2015]);

/**
 * The largest REST body read (16 MiB). Binance's largest answers (exchangeInfo, a full page of
 * allOrders) are a few MB at most; without a cap a hostile or broken server could fill memory.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const authHint = (keyName: string) =>
  `check that ${keyName} belongs to this network (mainnet vs --testnet), has futures enabled, and allows this IP`;

export interface RestClientOptions {
  baseUrl: string;
  apiKey: string;
  /** The whole call, from connecting to the last byte of the body, must finish within this. @default 10_000 */
  timeoutMs?: number;
  /** A body larger than this is not read: no Binance answer comes near it. @default MAX_BODY_BYTES */
  maxBodyBytes?: number;
  dispatcher?: Dispatcher;
  now?: () => number;
  /** Sees every response's status and headers, e.g. to read X-MBX-USED-WEIGHT-1M. */
  onResponse?: (status: number, headers: ResponseHeaders) => void;
  /** Where the key came from, for the hint of a refusal. @default 'BINANCE_API_KEY' */
  apiKeyName?: string;
}

/** Response headers as undici gives them: lower-case names. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface CallOptions {
  query?: string;
  signal?: AbortSignal;
}

/** A thin JSON client for one REST base: adds X-MBX-APIKEY, maps Binance errors to ExchangeError. */
export interface RestClient {
  call<S extends z.ZodType>(method: HttpMethod, path: string, schema: S, options?: CallOptions): Promise<z.infer<S>>;
}

interface BinanceErrorBody {
  code?: number;
  msg?: string;
}

function errorBody(text: string): BinanceErrorBody {
  try {
    const body: unknown = JSON.parse(text);
    if (body !== null && typeof body === 'object') {
      const { code, msg } = body as Record<string, unknown>;
      return { code: typeof code === 'number' ? code : undefined, msg: typeof msg === 'string' ? msg : undefined };
    }
  } catch {
    // not JSON: a proxy or WAF page; the status says enough
  }
  return {};
}

/** One header's value (the first, if repeated); names are lower-case. */
export function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Turns an error response into the matching ExchangeError, with the retry hint it carries. */
export function toExchangeError(
  method: string,
  path: string,
  status: number,
  text: string,
  headers: ResponseHeaders,
  nowMs: number,
  keyName = 'BINANCE_API_KEY',
  baseUrl = '',
): ExchangeError {
  const { code, msg } = errorBody(text);
  const what = `${method} ${path} answered HTTP ${status}${code === undefined ? '' : ` ${code}`}${msg ? ` "${msg}"` : ''}`;
  if (status === 401 || (code !== undefined && AUTH_CODES.has(code))) {
    return new AuthRejectedError(`the exchange rejected the API key: ${what}; ${authHint(keyName)}${otherHostHint(baseUrl)}`, status, code);
  }
  if (status === 410) {
    return new EndpointRetiredError(
      `${what}: the exchange has retired this endpoint (HTTP 410 Gone); check the endpoint table in the README for the current route, and for a newer binance-orders`,
      status,
      code,
    );
  }
  if (status === 429 || status === 418) {
    const waitMs = retryAfterMs(header(headers, 'retry-after'), msg, nowMs);
    return new ExchangeError(`rate limited: ${what}`, status, code, waitMs, 'RATE_LIMITED');
  }
  return new ExchangeError(what, status, code, undefined);
}

/** The other documented REST host(s) to try when a key is refused on a host whose documentation conflicts. */
function otherHostHint(baseUrl: string): string {
  const others = otherRestHosts(baseUrl);
  return others.length === 0 ? '' : `; a testnet key may instead belong to ${others.join(' or ')} (try --rest-url ${others[0]})`;
}

/** Reads a body up to `maxBytes`; a longer one is abandoned, not buffered. */
async function readCapped(body: AsyncIterable<Buffer>, declared: string | undefined, maxBytes: number, what: string): Promise<string> {
  // A declared length over the cap stops at the first chunk; leaving the loop destroys the body.
  const declaredTooLarge = declared !== undefined && Number(declared) > maxBytes;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (declaredTooLarge || size > maxBytes) throw new RestTransferError(`${what} answered a body larger than ${maxBytes} bytes; not read`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Creates a client bound to one base URL and API key. */
export function createRestClient({
  baseUrl,
  apiKey,
  timeoutMs = 10_000,
  maxBodyBytes = MAX_BODY_BYTES,
  dispatcher,
  now = Date.now,
  onResponse,
  apiKeyName,
}: RestClientOptions): RestClient {
  /** One request and its whole body under one deadline: a server that trickles bytes cannot hold a call open. */
  async function exchange(method: HttpMethod, path: string, url: string, signal: AbortSignal | undefined) {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const signals = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    try {
      const res = await request(url, {
        method,
        headers: { 'X-MBX-APIKEY': apiKey },
        signal: signals,
        ...(dispatcher ? { dispatcher } : {}),
      });
      const text = await readCapped(res.body, header(res.headers, 'content-length'), maxBodyBytes, `${method} ${path}`);
      return { res, text };
    } catch (error) {
      if (deadline.signal.aborted && !signal?.aborted) {
        throw new RestTransferError(`${method} ${path}: no complete answer within ${formatDuration(timeoutMs)}`);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async call(method, path, schema, { query, signal } = {}) {
      const url = `${baseUrl}${path}${query ? `?${query}` : ''}`;
      const { res, text } = await exchange(method, path, url, signal);
      onResponse?.(res.statusCode, res.headers);
      if (res.statusCode >= 400) throw toExchangeError(method, path, res.statusCode, text, res.headers, now(), apiKeyName, baseUrl);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new ExchangeError(`${method} ${path} answered HTTP ${res.statusCode} with a body that is not JSON`, res.statusCode, undefined, undefined);
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        throw new ExchangeError(`${method} ${path} answered an unexpected body: ${parsed.error.issues[0]?.message ?? 'invalid'}`, res.statusCode, undefined, undefined);
      }
      return parsed.data;
    },
  };
}
