import { createLogger, type Logger } from '../../src/log/log.js';
import type { Destination } from '../../src/sinks/destination.js';
import { createSinkHub, type SinkHub } from '../../src/sinks/hub.js';
import { orderEvent } from './sink-items.js';
import { waitFor } from './wait.js';

/** A sink hub over real destinations, its stderr captured by line. */
export interface SinkRun {
  readonly hub: SinkHub;
  readonly log: Logger;
  readonly logs: string[];
  /** Delivers order updates with these ids, as the pipeline would after printing them. */
  orders(...orderIds: number[]): void;
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/** A logger that keeps its lines, for destinations tested on their own. */
export function capturingLogger(): { log: Logger; logs: string[] } {
  const logs: string[] = [];
  const log = createLogger({ write: (text) => logs.push(...text.split('\n').filter((line) => line !== '')), verbosity: 'verbose' });
  return { log, logs };
}

/** Starts a hub over the destinations `make` builds with the captured logger. */
export function startSinks(make: (log: Logger) => Destination[], options: { queueCapacity?: number } = {}): SinkRun {
  const { log, logs } = capturingLogger();
  const hub = createSinkHub(make(log), { log, now: Date.now, ...options });
  return {
    hub,
    log,
    logs,
    orders: (...orderIds) => {
      for (const orderId of orderIds) hub.deliver(orderEvent({ orderId }), 'default');
    },
    waitForLog: (pattern, timeoutMs = 10_000) =>
      waitFor(`a log line matching ${pattern} (have ${logs.join(' | ')})`, () => logs.find((line) => pattern.test(line)), timeoutMs),
  };
}
