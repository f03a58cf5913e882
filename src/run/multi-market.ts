import { getMaxListeners, setMaxListeners } from 'node:events';
import { BinanceOrdersError, EXIT } from '../errors/errors.js';
import { withPrefix } from '../log/log.js';
import { formatDuration } from '../log/time-format.js';
import { WeightBudget } from '../rest/weight.js';
import { WeightQueue } from '../rest/weight-queue.js';
import { runTail, type TailConfig, type TailIo } from './tail.js';

/** One market of a tail run: its config and the hook that records its frames. */
export interface MarketRun {
  config: TailConfig;
  onFrame?: (text: string, listenKey: string | undefined) => void;
  /** Names the stream in log lines and the final summary. @default the market */
  label?: string;
  /** This stream's share of the status display. */
  status?: TailIo['status'];
}

/** listenKey requests of several streams leave at least this far apart, so a shared outage does not end in one burst. */
export const LISTEN_KEY_STAGGER_MS = 20;

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Follows several markets (of one account or many) in one process by composing runTail: one per
 * stream, each with its own listenKey, supervisor and recovery, all writing whole lines to the same
 * stdout, so the output is merged in arrival order and pretty lines carry the market. Every stream
 * spends from one REST weight queue, as Binance counts weight per IP. A stream that fails is
 * reported on stderr at once and the others go on; the returned promise settles when every stream
 * has ended, rejecting with the first failure's exit code if any failed. `count` stops them all after that many
 * printed events.
 */
export async function runMarkets(runs: readonly MarketRun[], io: TailIo, count?: number): Promise<void> {
  const [only] = runs;
  if (runs.length === 1 && only && only.label === undefined) return runTail({ ...only.config, count }, { ...io, ...(only.onFrame ? { onFrame: only.onFrame } : {}) });
  const weights = io.weights ?? sharedWeights(io);
  // Each stream listens on the shared stdout (error, drain) and stop signal: that is one listener per
  // stream, not a leak, so Node's leak warning would only put noise on stderr past ten streams.
  const listeners = runs.length + 10;
  if (io.stdout.getMaxListeners() < listeners) io.stdout.setMaxListeners(listeners);
  if (getMaxListeners(io.signal) < listeners) setMaxListeners(listeners, io.signal);
  const labelOf = (run: MarketRun) => run.label ?? run.config.endpoints.market;
  const others = runs.some((run) => run.label !== undefined) ? 'streams' : 'markets';
  // --count counts the merged output: the streams share one counter and stop together.
  const stopAll = new AbortController();
  const signal = AbortSignal.any([io.signal, stopAll.signal]);
  if (getMaxListeners(signal) < listeners) setMaxListeners(listeners, signal);
  let printed = 0;
  const onPrinted: TailIo['onPrinted'] = (e) => {
    io.onPrinted?.(e);
    if (count !== undefined && ++printed >= count) stopAll.abort();
  };
  const outcomes = await Promise.allSettled(
    runs.map(async (run) => {
      const { config, onFrame, status } = run;
      const log = withPrefix(io.log, `${labelOf(run)}: `);
      try {
        await runTail({ tagMarket: true, ...config }, { ...io, log, signal, onPrinted, weights, ...(onFrame ? { onFrame } : {}), ...(status ? { status } : {}) });
      } catch (err) {
        log.error(`stopped: ${messageOf(err)}; the other ${others} go on`);
        throw err;
      }
    }),
  );
  const failed = runs.filter((_run, i) => outcomes[i]?.status === 'rejected').map(labelOf);
  const first = outcomes.find((outcome) => outcome.status === 'rejected');
  if (first === undefined) return;
  const cause = first.reason as unknown;
  const exitCode = cause instanceof BinanceOrdersError ? cause.exitCode : EXIT.unexpected;
  const code = cause instanceof BinanceOrdersError ? cause.code : 'EXCHANGE';
  throw new BinanceOrdersError(`${failed.join(', ')} ended with an error (reported above); the other ${others} ran until stopped`, code, exitCode, { cause });
}

/** One weight queue for every stream of the process, telling stderr when it holds calls back. */
export function sharedWeights(io: Pick<TailIo, 'log' | 'now'>, budget = new WeightBudget()): WeightQueue {
  return new WeightQueue(budget, {
    now: io.now,
    staggerMs: LISTEN_KEY_STAGGER_MS,
    onPause: (delayMs, waiting, budget) =>
      io.log.warn(
        `rest: this IP's request weight is spent or rate limited (${budget.used} of ${budget.limitPerMinute} used this minute, ${budget.reserve} kept for other tools); ` +
          `${waiting} request(s) wait ${formatDuration(delayMs)} instead of risking a 429`,
      ),
  });
}
