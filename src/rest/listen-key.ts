import { z } from 'zod';
import { ExchangeError } from '../errors/errors.js';
import type { RestClient } from './client.js';
import type { WeightQueue } from './weight-queue.js';

/**
 * What a listenKey can plausibly be before it goes into a URL and a log line: Binance's are 64
 * alphanumeric characters; anything outside 16 to 256 of [A-Za-z0-9_-] is an exchange (or proxy) error.
 */
export const PLAUSIBLE_LISTEN_KEY = /^[A-Za-z0-9_-]{16,256}$/;

const CreateBody = z.looseObject({
  listenKey: z.string().regex(PLAUSIBLE_LISTEN_KEY, { error: 'the listenKey is not a plausible key (16 to 256 letters, digits, - or _)' }),
});
// USDⓈ-M answers a keepalive with the extended key, COIN-M and PM with {}.
const AnyBody = z.looseObject({});

/** The three listenKey calls of one market. USER_STREAM security: API key header only, no signature. */
export interface ListenKeyApi {
  /** POST: returns the account's active key (extended by 60 min) or a new one. */
  create(signal?: AbortSignal): Promise<string>;
  /** PUT with no parameters: extends the active key by 60 min; -1125 when it no longer exists. */
  keepAlive(signal?: AbortSignal): Promise<void>;
  /** DELETE: ends the stream for every consumer of the account. Only on explicit request. */
  close(signal?: AbortSignal): Promise<void>;
}

/** Every listenKey call weighs 1. */
const LISTEN_KEY_WEIGHT = 1;

/**
 * Binds the listenKey calls to a REST client and the market's listenKey path. With the process's
 * weight queue, each call waits for its weight there, ahead of recovery queries (a stream comes
 * before what it missed), and creates are staggered across accounts.
 */
export function listenKeyApi(rest: RestClient, path: string, weights?: WeightQueue): ListenKeyApi {
  async function send<S extends z.ZodType>(method: 'POST' | 'PUT' | 'DELETE', schema: S, signal: AbortSignal | undefined): Promise<z.infer<S>> {
    await weights?.take(LISTEN_KEY_WEIGHT, { signal, staggered: method === 'POST', urgent: true });
    try {
      return await rest.call(method, path, schema, { signal });
    } catch (error) {
      // The ban is the IP's: every other account's calls wait too. Without a Retry-After the supervisor's backoff paces the retry.
      if (error instanceof ExchangeError && error.code === 'RATE_LIMITED' && error.retryAfterMs !== undefined) weights?.pauseFor(error.retryAfterMs);
      throw error;
    }
  }
  return {
    create: async (signal) => (await send('POST', CreateBody, signal)).listenKey,
    keepAlive: async (signal) => {
      await send('PUT', AnyBody, signal);
    },
    close: async (signal) => {
      await send('DELETE', AnyBody, signal);
    },
  };
}

/** listenKey calls whose first create() is already on its way. */
export interface ListenKeyApiAhead extends ListenKeyApi {
  /** Aborts the create sent ahead if no create() took it over (the stream stopped before it started); idempotent. */
  abandon(): void;
}

/**
 * Sends a create now and hands it to the first create() call, so that the request travels while the
 * caller gets ready to use the key (loads the socket, parser and printer). The signal of that call
 * then aborts it, as it would its own request.
 */
export function createAhead(keys: ListenKeyApi): ListenKeyApiAhead {
  const ahead = new AbortController();
  let sent: Promise<string> | undefined = keys.create(ahead.signal);
  // Whoever takes it over sees its failure; until then it must not count as unhandled.
  sent.catch(() => {});
  return {
    create(signal) {
      const first = sent;
      sent = undefined;
      if (first === undefined) return keys.create(signal);
      if (signal?.aborted) ahead.abort(signal.reason);
      else signal?.addEventListener('abort', () => ahead.abort(signal.reason), { once: true });
      return first;
    },
    keepAlive: (signal) => keys.keepAlive(signal),
    close: (signal) => keys.close(signal),
    abandon() {
      if (sent === undefined) return;
      sent = undefined;
      ahead.abort();
    },
  };
}
