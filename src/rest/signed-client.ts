import { z } from 'zod';
import { formatDuration } from '../log/time-format.js';
import { AuthRejectedError, BinanceOrdersError, ExchangeError } from '../errors/errors.js';
import type { Logger } from '../log/log.js';
import { createRestClient, header, type HttpMethod } from './client.js';
import { encodeQuery, signedQuery, type QueryParams, type Signer } from './sign.js';
import { WeightBudget } from './weight.js';
import { WeightQueue } from './weight-queue.js';

const ServerTime = z.object({ serverTime: z.number() });

export interface SignedClientOptions {
  baseUrl: string;
  apiKey: string;
  /** The market's server-time endpoint; without one (Portfolio Margin) the local clock is used as is. */
  serverTimePath: string | undefined;
  signer: Signer;
  log: Logger;
  now?: () => number;
  /** How old a request may be when it reaches Binance. @default 5000 */
  recvWindowMs?: number;
  budget?: WeightBudget;
  /** The process's shared queue (several accounts or markets); it brings its own budget, so `budget` is then ignored. @default a queue of its own */
  weights?: WeightQueue;
  /** Headers and body deadline per request. @default 10_000 */
  timeoutMs?: number;
  /** Pause after a 429/418 that named no wait. @default 30_000 */
  rateLimitDefaultMs?: number;
  /** Where the key came from, for the hint of a refusal. @default 'BINANCE_API_KEY' */
  apiKeyName?: string;
}

export interface SignedCallOptions {
  /** The endpoint's request weight, for the budget. @default 1 */
  weight?: number;
  signal?: AbortSignal;
}

/** REST calls that need a signature (USER_DATA, TRADE), on server time, within the weight budget. */
export interface SignedClient {
  signed<S extends z.ZodType>(method: HttpMethod, path: string, schema: S, params?: QueryParams, options?: SignedCallOptions): Promise<z.infer<S>>;
  /** An unsigned MARKET_DATA call through the same budget. */
  unsigned<S extends z.ZodType>(path: string, schema: S, params?: QueryParams, options?: SignedCallOptions): Promise<z.infer<S>>;
  /** Measures server time minus local time, assuming a symmetric round trip. */
  syncClock(signal?: AbortSignal): Promise<number>;
  /** The last measured offset, undefined before the first call. */
  offsetMs(): number | undefined;
  readonly budget: WeightBudget;
}

const CLOCK_HINT = 'the system clock is off or jumps; enable time sync (NTP) and try again';
const SIGNATURE_HINT =
  'BINANCE_API_SECRET (or the key in BINANCE_PRIVATE_KEY_FILE) does not belong to BINANCE_API_KEY, or the API key was registered for another signature type (HMAC vs Ed25519)';

/** Turns -1022 and a -1021 that survived a clock re-sync into errors that say what to fix (exit 3). */
function explain(error: unknown, offsetMs: number | undefined): unknown {
  if (!(error instanceof ExchangeError)) return error;
  if (error.binanceCode === -1022) {
    return new AuthRejectedError(`the exchange rejected the request signature (-1022): ${SIGNATURE_HINT}`, error.status, -1022);
  }
  if (error.binanceCode === -1021) {
    const offset = offsetMs === undefined ? '' : ` (measured offset ${offsetMs >= 0 ? '+' : ''}${offsetMs} ms)`;
    return new AuthRejectedError(`the exchange rejected the request timestamp (-1021) even after re-measuring server time${offset}: ${CLOCK_HINT}`, error.status, -1021);
  }
  return error;
}

/** Creates a signed client for one market's REST base. */
export function createSignedClient(options: SignedClientOptions): SignedClient {
  const { serverTimePath, signer, log, now = Date.now, recvWindowMs = 5_000, rateLimitDefaultMs = 30_000 } = options;
  let offset: number | undefined;
  const serverNow = () => now() + (offset ?? 0);
  const weights =
    options.weights ??
    new WeightQueue(options.budget ?? new WeightBudget(), {
      now: serverNow,
      onPause: (delayMs, _waiting, spent) =>
        log.warn(`rest: request weight budget spent or rate limited (${spent.used} of ${spent.limitPerMinute} used this minute); pausing ${formatDuration(delayMs)}`),
    });
  const { budget } = weights;
  const rest = createRestClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    now,
    timeoutMs: options.timeoutMs,
    ...(options.apiKeyName ? { apiKeyName: options.apiKeyName } : {}),
    onResponse: (_status, headers) => budget.noteHeader(header(headers, 'x-mbx-used-weight-1m'), serverNow()),
  });

  /** Every call goes through here, so that a 429/418 stops the next ones until the ban ends. */
  async function send<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ExchangeError && error.code === 'RATE_LIMITED') weights.pauseFor(error.retryAfterMs ?? rateLimitDefaultMs);
      throw error;
    }
  }

  const waitForBudget = (weight: number, signal: AbortSignal | undefined) => weights.take(weight, { signal });

  async function syncClock(signal?: AbortSignal): Promise<number> {
    if (serverTimePath === undefined) {
      offset = 0;
      log.debug('rest: this market documents no server-time endpoint; signing with the local clock');
      return offset;
    }
    await waitForBudget(1, signal);
    const sentMs = now();
    const { serverTime } = await send(() => rest.call('GET', serverTimePath, ServerTime, { signal }));
    const receivedMs = now();
    offset = Math.round(serverTime - (sentMs + receivedMs) / 2);
    log.debug(`rest: server time offset ${offset >= 0 ? '+' : ''}${offset} ms`);
    return offset;
  }

  async function signed<S extends z.ZodType>(method: HttpMethod, path: string, schema: S, params: QueryParams = {}, { weight = 1, signal }: SignedCallOptions = {}) {
    if (offset === undefined) await syncClock(signal);
    for (let attempt = 1; ; attempt++) {
      await waitForBudget(weight, signal);
      const query = signedQuery(params, signer, serverNow(), recvWindowMs);
      try {
        return await send(() => rest.call(method, path, schema, { query, signal }));
      } catch (error) {
        if (attempt === 1 && error instanceof BinanceOrdersError && (error as ExchangeError).binanceCode === -1021) {
          log.warn(`rest: ${path} answered -1021 (timestamp outside the recvWindow); re-measuring server time and retrying once`);
          await syncClock(signal);
          continue;
        }
        throw explain(error, offset);
      }
    }
  }

  return {
    signed,
    async unsigned(path, schema, params = {}, { weight = 1, signal } = {}) {
      await waitForBudget(weight, signal);
      const query = encodeQuery(params);
      return send(() => rest.call('GET', path, schema, { query, signal }));
    },
    syncClock,
    offsetMs: () => offset,
    budget,
  };
}
