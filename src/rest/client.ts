import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { AuthRejectedError, ExchangeError } from '../errors/errors.js';
import { retryAfterMs } from './retry-after.js';

/** Binance codes that mean the key itself is refused; retrying cannot fix them. */
const AUTH_CODES = new Set([-2014, -2015]);

const authHint = (keyName: string) =>
  `check that ${keyName} belongs to this network (mainnet vs --testnet), has futures enabled, and allows this IP`;

export interface RestClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Headers and body must each arrive within this. @default 10_000 */
  timeoutMs?: number;
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
): ExchangeError {
  const { code, msg } = errorBody(text);
  const what = `${method} ${path} answered HTTP ${status}${code === undefined ? '' : ` ${code}`}${msg ? ` "${msg}"` : ''}`;
  if (status === 401 || (code !== undefined && AUTH_CODES.has(code))) {
    return new AuthRejectedError(`the exchange rejected the API key: ${what}; ${authHint(keyName)}`, status, code);
  }
  if (status === 429 || status === 418) {
    const waitMs = retryAfterMs(header(headers, 'retry-after'), msg, nowMs);
    return new ExchangeError(`rate limited: ${what}`, status, code, waitMs, 'RATE_LIMITED');
  }
  return new ExchangeError(what, status, code, undefined);
}

/** Creates a client bound to one base URL and API key. */
export function createRestClient({ baseUrl, apiKey, timeoutMs = 10_000, dispatcher, now = Date.now, onResponse, apiKeyName }: RestClientOptions): RestClient {
  return {
    async call(method, path, schema, { query, signal } = {}) {
      const url = `${baseUrl}${path}${query ? `?${query}` : ''}`;
      const res = await request(url, {
        method,
        headers: { 'X-MBX-APIKEY': apiKey },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal,
        ...(dispatcher ? { dispatcher } : {}),
      });
      const text = await res.body.text();
      onResponse?.(res.statusCode, res.headers);
      if (res.statusCode >= 400) throw toExchangeError(method, path, res.statusCode, text, res.headers, now(), apiKeyName);
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
