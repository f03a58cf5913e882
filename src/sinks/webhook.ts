import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { rateLimitedWarn, type Logger } from '../log/log.js';
import { redactUrl } from '../log/redact.js';
import { retryAfterMs } from '../rest/retry-after.js';
import { backoffDelayMs } from '../stream/backoff.js';
import { deliverInOrder, type Destination, type Outcome } from './destination.js';
import type { SinkItem } from './item.js';
import { webhookBody } from './webhook-body.js';
import type { WebhookFormat } from './webhook-format.js';

export interface WebhookOptions {
  url: string;
  format: WebhookFormat;
  /** Telegram only: the chat the bot writes to. */
  chatId?: string | undefined;
  log: Logger;
  now: () => number;
  random: () => number;
  /** First retry step after a 5xx or a network error; full jitter, doubling. @default 500 */
  retryBaseMs?: number;
  /** Longest backoff between two tries. @default 60_000 */
  retryCapMs?: number;
  /** Longest a 429's Retry-After is honoured; a server asking for longer is retried after this. @default 300_000 */
  retryAfterCapMs?: number;
  /** A request without a complete answer by then counts as a network error. @default 10_000 */
  requestTimeoutMs?: number;
}

const WARNINGS_PER_MINUTE = 5;

// 408 Request Timeout and 425 Too Early say "try again"; every other 4xx refuses this event for good.
const RETRYABLE_4XX = new Set([408, 425]);

/** POSTs each event to one URL, in order: retries 5xx and network errors, honours 429's Retry-After, drops other 4xx. */
export function webhookDestination(options: WebhookOptions): Destination {
  const { url, format, chatId, log, now, random, retryBaseMs = 500, retryCapMs = 60_000, retryAfterCapMs = 300_000, requestTimeoutMs = 10_000 } = options;
  const label = `webhook ${redactUrl(url)}`;
  const warn = rateLimitedWarn(log, WARNINGS_PER_MINUTE, 60_000, now);
  // undici's messages can quote the URL; stderr may only ever show its redacted form.
  const describe = (err: unknown) => {
    const e = err as { code?: unknown; message?: unknown } | null;
    return typeof e?.code === 'string' ? e.code : String(e?.message ?? err).replaceAll(url, redactUrl(url));
  };

  async function deliverOne(item: SinkItem, signal: AbortSignal): Promise<Outcome> {
    const body = webhookBody(format, item, chatId);
    for (let attempt = 0; ; attempt++) {
      let waitMs: number;
      try {
        const response = await request(url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', 'user-agent': 'binance-orders' },
          signal,
          headersTimeout: requestTimeoutMs,
          bodyTimeout: requestTimeoutMs,
        });
        await response.body.dump();
        const status = response.statusCode;
        if (status >= 200 && status < 300) return 'delivered';
        if (status === 429) {
          const header = response.headers['retry-after'];
          const askedMs = retryAfterMs(Array.isArray(header) ? header[0] : header, undefined, now());
          waitMs = Math.min(retryAfterCapMs, askedMs ?? backoffDelayMs(attempt, retryBaseMs, retryCapMs, random));
          warn(`${label}: 429 Too Many Requests; waiting ${Math.round(waitMs / 1000)}s as asked`);
        } else if (status >= 500 || RETRYABLE_4XX.has(status)) {
          waitMs = backoffDelayMs(attempt, retryBaseMs, retryCapMs, random);
          warn(`${label}: HTTP ${status}; retrying (attempt ${attempt + 1})`);
        } else {
          warn(`${label}: HTTP ${status} refused the ${item.event.event} event; dropped it`);
          return 'failed';
        }
      } catch (err) {
        if (signal.aborted) return 'aborted';
        waitMs = backoffDelayMs(attempt, retryBaseMs, retryCapMs, random);
        warn(`${label}: ${describe(err)}; retrying (attempt ${attempt + 1})`);
      }
      try {
        await sleep(waitMs, undefined, { signal });
      } catch {
        return 'aborted';
      }
    }
  }

  return { label, run: (queue, signal) => deliverInOrder(queue, signal, deliverOne) };
}
