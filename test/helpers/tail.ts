import { PassThrough } from 'node:stream';
import { resolveEndpoints, type Market } from '../../src/exchange/endpoints.js';
import { selectKinds } from '../../src/events/filter.js';
import type { EventFilter } from '../../src/events/filter.js';
import { createLogger, type Verbosity } from '../../src/log/log.js';
import type { ReconcileSettings } from '../../src/reconcile/attach.js';
import type { StreamTransition } from '../../src/stream/supervisor.js';
import { DEFAULT_TIMERS, type StreamTimers } from '../../src/stream/timers.js';
import { runTail, type TailConfig, type TailIo } from '../../src/run/tail.js';
import { waitFor } from './wait.js';

/**
 * Timers scaled down so a whole lifecycle runs in a second or two. The link is found dead after about
 * two heartbeats of silence: 500 ms keeps a busy machine's pauses from passing for a dead link, and
 * handshakes keep their default deadline, which only a hung server should meet.
 */
export const FAST_TIMERS: StreamTimers = {
  ...DEFAULT_TIMERS,
  heartbeatMs: 500,
  keepaliveMs: 60_000,
  keepaliveRetryMs: 50,
  maxConnectionAgeMs: 60_000,
  backoffBaseMs: 10,
  backoffCapMs: 100,
  healthyAfterMs: 300,
  rateLimitDefaultMs: 200,
};

export interface TailHarness {
  /** stdout, one entry per line. */
  readonly lines: string[];
  /** stderr, one entry per line. */
  readonly logs: string[];
  /** The supervisor's transitions, in order. */
  readonly transitions: StreamTransition[];
  /** The stream the tail writes to, to count its listeners. */
  readonly stdout: PassThrough;
  /** The run's outcome: resolves on stop, rejects on a fatal error. */
  readonly done: Promise<void>;
  json(): Record<string, unknown>[];
  waitForLines(count: number, timeoutMs?: number): Promise<string[]>;
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Waits for a transition of kind `kind` that matches `check`, and returns it. */
  waitForTransition<K extends StreamTransition['kind']>(
    kind: K,
    check?: (t: Extract<StreamTransition, { kind: K }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<StreamTransition, { kind: K }>>;
  /** The transitions of kind `kind` so far. */
  transitionsOf<K extends StreamTransition['kind']>(kind: K): Extract<StreamTransition, { kind: K }>[];
  stop(): Promise<void>;
}

export interface StartTailOptions {
  restUrl: string;
  wsUrl: string;
  market?: Market;
  apiKey?: string;
  timers?: Partial<StreamTimers>;
  filter?: Partial<EventFilter>;
  output?: TailConfig['output'];
  closeListenKey?: boolean;
  verbosity?: Verbosity;
  random?: () => number;
  reconcile?: ReconcileSettings;
  status?: TailIo['status'];
}

/** Runs the real tail in this process against a simulator, capturing stdout and stderr by line. */
export function startTail(options: StartTailOptions): TailHarness {
  const lines: string[] = [];
  const logs: string[] = [];
  const transitions: StreamTransition[] = [];
  const transitionsOf = <K extends StreamTransition['kind']>(kind: K) =>
    transitions.filter((t): t is Extract<StreamTransition, { kind: K }> => t.kind === kind);
  const stdout = new PassThrough();
  let partial = '';
  stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  const controller = new AbortController();
  const log = createLogger({
    write: (text) => logs.push(...text.split('\n').filter((line) => line.length > 0)),
    verbosity: options.verbosity ?? 'verbose',
  });
  const config: TailConfig = {
    endpoints: resolveEndpoints(options.market ?? 'usdm', 'mainnet', { restUrl: options.restUrl, wsUrl: options.wsUrl }),
    apiKey: options.apiKey ?? 'SimulatedExchangeApiKey00000000000000000000000000000000000000000',
    timers: { ...FAST_TIMERS, ...options.timers },
    filter: { events: selectKinds(['order']), ...options.filter },
    output: options.output ?? 'json',
    colorLevel: 0,
    closeListenKey: options.closeListenKey ?? false,
    ...(options.reconcile ? { reconcile: options.reconcile } : {}),
  };
  const done = runTail(config, { stdout, log, signal: controller.signal, now: Date.now, random: options.random ?? Math.random, status: options.status, onTransition: (t) => transitions.push(t) });
  done.catch(() => {}); // observed through `done` by the tests that expect a failure
  /** A wait that fails with the run's last stderr lines, which usually say why. */
  const telling = <T>(wait: Promise<T>) =>
    wait.catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\nlast stderr lines of the tail:\n${logs.slice(-15).join('\n')}`);
    });
  return {
    lines,
    logs,
    transitions,
    stdout,
    done,
    json: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    waitForLines: (count, timeoutMs = 10_000) =>
      telling(waitFor(`${count} stdout lines (have ${lines.length})`, () => (lines.length >= count ? lines.slice(0, count) : undefined), timeoutMs)),
    waitForLog: (pattern, timeoutMs = 10_000) =>
      telling(waitFor(`a log line matching ${pattern}`, () => logs.find((line) => pattern.test(line)), timeoutMs)),
    waitForTransition: (kind, check = () => true, timeoutMs = 10_000) =>
      telling(waitFor(`a ${kind} transition`, () => transitionsOf(kind).find(check), timeoutMs)),
    transitionsOf,
    async stop() {
      controller.abort();
      await done.catch(() => {});
    },
  };
}
