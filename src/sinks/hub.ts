import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration } from '../log/time-format.js';
import type { StreamEvent } from '../events/types.js';
import type { Logger } from '../log/log.js';
import { formatJson } from '../output/json.js';
import type { Destination } from './destination.js';
import type { SinkEvent, SinkItem } from './item.js';
import { SinkQueue, type SinkCounts } from './queue.js';

export interface SinkHubOptions {
  log: Logger;
  now: () => number;
  /** Events waiting per destination before the oldest is dropped. @default 10_000 */
  queueCapacity?: number;
  /** A destination's drops are reported on stderr at most once per this interval. @default 10_000 */
  dropReportMs?: number;
}

/** The sinks of one run: each event fans out to every destination's own queue. */
export interface SinkHub {
  /** Hands an event that tail printed to every destination; never waits. */
  deliver(e: StreamEvent, account: string): void;
  /** Per destination, how its events ended so far. */
  counts(): { label: string; counts: SinkCounts }[];
  /** A few words for the status line: what is queued, dropped and refused across all sinks. */
  summary(): string;
  /**
   * Stops taking events and gives the destinations up to `graceMs` to deliver what is queued, then
   * cuts them off and reports on stderr how many events each could not deliver.
   */
  stop(graceMs: number): Promise<void>;
}

const CUT_OFF_MS = 1_000;

const events = (n: number) => `${n} event${n === 1 ? '' : 's'}`;

/** The listenKey of a key-expired event stays out of every sink, as it stays out of stdout. */
function sinkEventOf(e: StreamEvent): SinkEvent {
  if (e.event !== 'key-expired') return e;
  const { listenKey: _listenKey, ...rest } = e;
  return rest;
}

/** Starts every destination's run loop at once; each has its own queue, so none waits for another. */
export function createSinkHub(destinations: readonly Destination[], options: SinkHubOptions): SinkHub {
  const { log, now, queueCapacity = 10_000, dropReportMs = 10_000 } = options;
  const stopped = new AbortController();
  const sinks = destinations.map((destination) => {
    let reportedAtMs = -Infinity;
    const queue = new SinkQueue(queueCapacity, (dropped) => {
      if (now() - reportedAtMs < dropReportMs) return;
      reportedAtMs = now();
      log.warn(`${destination.label}: queue full (${queueCapacity} events); dropped the oldest, ${dropped} so far`);
    });
    const running = destination.run(queue, stopped.signal).catch((err: unknown) => {
      log.error(`${destination.label}: stopped delivering: ${err instanceof Error ? err.message : String(err)}`);
    });
    return { destination, queue, running };
  });

  return {
    deliver(e, account) {
      const event = sinkEventOf(e);
      const item: SinkItem = { event, line: formatJson(e), account };
      for (const { queue } of sinks) queue.push(item);
    },
    counts: () => sinks.map(({ destination, queue }) => ({ label: destination.label, counts: queue.snapshot() })),
    summary() {
      let pending = 0;
      let dropped = 0;
      let failed = 0;
      for (const { queue } of sinks) {
        const c = queue.snapshot();
        pending += c.pending;
        dropped += c.dropped;
        failed += c.failed;
      }
      return [`sinks ${pending} queued`, dropped > 0 ? `${dropped} dropped` : '', failed > 0 ? `${failed} failed` : ''].filter(Boolean).join(', ');
    },
    async stop(graceMs) {
      for (const { queue } of sinks) queue.close();
      const drained = Promise.all(sinks.map(({ running }) => running));
      const grace = new AbortController();
      await Promise.race([drained, sleep(graceMs, undefined, { signal: grace.signal }).catch(() => {})]);
      grace.abort();
      stopped.abort();
      // Cut off, a destination returns at once; one that does not (a close that hangs) is not waited for long.
      const cutOff = new AbortController();
      await Promise.race([drained, sleep(CUT_OFF_MS, undefined, { signal: cutOff.signal }).catch(() => {})]);
      cutOff.abort();
      for (const { destination, queue } of sinks) {
        const c = queue.snapshot();
        if (c.pending > 0) log.warn(`${destination.label}: ${events(c.pending)} not delivered (stopped after ${formatDuration(graceMs)})`);
        if (c.dropped > 0 || c.failed > 0) log.warn(`${destination.label}: ${c.delivered} delivered, ${c.dropped} dropped (queue full), ${c.failed} failed`);
        else log.debug(`${destination.label}: ${c.delivered} delivered`);
      }
    },
  };
}
