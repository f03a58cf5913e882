import { BinanceOrdersError, type ExchangeError } from '../errors/errors.js';
import { formatDuration } from '../log/time-format.js';
import type { Logger } from '../log/log.js';
import type { ListenKeyApi } from '../rest/listen-key.js';
import { backoffDelayMs } from './backoff.js';
import { classify } from './classify.js';
import type { StreamTimers } from './timers.js';

/** A keepalive failing for a network reason is retried at most this far apart, well inside the key's 60 min. */
export const KEEPALIVE_RETRY_CAP_MS = 60_000;

export interface KeepaliveOptions {
  keys: Pick<ListenKeyApi, 'keepAlive'>;
  timers: Pick<StreamTimers, 'keepaliveMs' | 'keepaliveRetryMs' | 'rateLimitDefaultMs'>;
  log: Logger;
  /** The keepalive answered -1125: the key no longer exists. The scheduler has stopped itself. */
  onKeyGone: () => void;
  /** A keepalive error that ends the stream (a refused API key). The scheduler has stopped itself. */
  onFatal: (error: unknown) => void;
}

/** The listenKey renewal schedule: the only owner of its timer, its in-flight PUT and its failure count. */
export interface Keepalive {
  /** A key was just obtained (POST extends it too): the next PUT is a full interval away. */
  restart(): void;
  /** Clears the timer and aborts a PUT in flight. */
  stop(): void;
}

export function createKeepalive({ keys, timers, log, onKeyGone, onFatal }: KeepaliveOptions): Keepalive {
  let pending: { timer: NodeJS.Timeout; abort: AbortController } | undefined;
  let failures = 0;

  function schedule(delayMs: number) {
    stop();
    const abort = new AbortController();
    pending = { timer: setTimeout(() => void renew(abort), delayMs), abort };
  }

  async function renew(abort: AbortController) {
    try {
      await keys.keepAlive(abort.signal);
      if (abort.signal.aborted) return;
      log.debug('listenKey: keepalive sent');
      failures = 0;
      schedule(timers.keepaliveMs);
    } catch (error) {
      if (abort.signal.aborted) return;
      if (error instanceof BinanceOrdersError && (error as ExchangeError).binanceCode === -1125) {
        log.warn('listenKey: keepalive answered -1125 (key no longer exists); getting a new key');
        stop();
        onKeyGone();
        return;
      }
      const decision = classify({ kind: 'rest', error }, timers.rateLimitDefaultMs);
      if (decision.action === 'fatal') {
        stop();
        onFatal(decision.error);
        return;
      }
      failures++;
      const minDelayMs = decision.action === 'retry' ? (decision.minDelayMs ?? 0) : 0;
      // The backoff curve without jitter: one process renewing its own key has no herd to spread.
      const delayMs = Math.max(minDelayMs, backoffDelayMs(failures - 1, timers.keepaliveRetryMs, KEEPALIVE_RETRY_CAP_MS, () => 1));
      log.warn(`listenKey: keepalive failed (${error instanceof Error ? error.message : String(error)}); retrying in ${formatDuration(delayMs)}`);
      schedule(delayMs);
    }
  }

  function stop() {
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.abort.abort();
    pending = undefined;
  }

  return {
    restart() {
      failures = 0;
      schedule(timers.keepaliveMs);
    },
    stop,
  };
}
