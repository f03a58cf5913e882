import { BinanceOrdersError, EXIT } from '../errors/errors.js';
import { withPrefix } from '../log/log.js';
import { runTail, type TailConfig, type TailIo } from './tail.js';

/** One market of a tail run: its config and the hook that records its frames. */
export interface MarketRun {
  config: TailConfig;
  onFrame?: (text: string) => void;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Follows several markets in one process by composing runTail: one per market, each with its own
 * listenKey, supervisor and recovery, all writing whole lines to the same stdout, so the output is
 * merged in arrival order and pretty lines carry the market. A market that fails is reported on
 * stderr at once and the others go on; the returned promise settles when every market has ended,
 * rejecting with the first failure's exit code if any failed.
 */
export async function runMarkets(runs: readonly MarketRun[], io: TailIo): Promise<void> {
  const [only] = runs;
  if (runs.length === 1 && only) return runTail(only.config, { ...io, ...(only.onFrame ? { onFrame: only.onFrame } : {}) });
  const outcomes = await Promise.allSettled(
    runs.map(async ({ config, onFrame }) => {
      const log = withPrefix(io.log, `${config.endpoints.market}: `);
      try {
        await runTail({ ...config, tagMarket: true }, { ...io, log, ...(onFrame ? { onFrame } : {}) });
      } catch (err) {
        log.error(`stopped: ${messageOf(err)}; the other markets go on`);
        throw err;
      }
    }),
  );
  const failed = runs.filter((_run, i) => outcomes[i]?.status === 'rejected').map((run) => run.config.endpoints.market);
  const first = outcomes.find((outcome) => outcome.status === 'rejected');
  if (first === undefined) return;
  const cause = first.reason as unknown;
  const exitCode = cause instanceof BinanceOrdersError ? cause.exitCode : EXIT.unexpected;
  const code = cause instanceof BinanceOrdersError ? cause.code : 'EXCHANGE';
  throw new BinanceOrdersError(`${failed.join(', ')} ended with an error (reported above); the other markets ran until stopped`, code, exitCode, { cause });
}
