import { runMarkets, sharedWeights, type MarketRun } from './multi-market.js';
import { createStatusSummary } from '../output/status-summary.js';
import type { StatusLine } from '../output/status-line.js';
import type { TailConfig, TailIo } from './tail.js';

/** One (account, market) stream: its config, with `account` set. */
export interface AccountRun {
  config: TailConfig & { account: NonNullable<TailConfig['account']> };
  onFrame?: (text: string, listenKey: string | undefined) => void;
}

/**
 * Follows every (account, market) pair of an accounts file in one process: each stream with its own
 * key, supervisor and recovery, every event tagged with its account, all streams spending from one
 * REST weight queue (Binance's limit is per IP, not per key), with listenKey requests staggered.
 * An account that fails is reported with its name and the others go on; settles when all have
 * ended, rejecting with the first failure's exit code. A status line sums every stream up.
 */
export async function runAccounts(runs: readonly AccountRun[], io: Omit<TailIo, 'status'>, statusLine?: StatusLine): Promise<void> {
  const weights = io.weights ?? sharedWeights(io);
  const summary = statusLine ? createStatusSummary(runs.length, weights.budget) : undefined;
  const marketRuns: MarketRun[] = runs.map(({ config, onFrame }) => ({
    config,
    label: `${config.account.name}/${config.endpoints.market}`,
    ...(onFrame ? { onFrame } : {}),
    ...(summary ? { status: summary.track() } : {}),
  }));
  if (summary) statusLine?.startText(summary.describe);
  try {
    await runMarkets(marketRuns, { ...io, weights });
  } finally {
    statusLine?.stop();
  }
}
