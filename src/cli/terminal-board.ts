import type { ResolvedEndpoints } from '../exchange/endpoints.js';
import { EXIT, UsageError } from '../errors/errors.js';
import { escapeControls } from '../log/control-chars.js';
import { createLogger } from '../log/log.js';
import { scrub } from '../log/redact.js';
import { loadChalk, resolveColorLevel } from '../output/color.js';
import type { ReconcileSettings } from '../reconcile/attach.js';
import type { Signer } from '../rest/sign.js';
import type { StreamTimers } from '../stream/timers.js';
import type { CliContext } from './context.js';
import { NO_SIGNING_CREDENTIALS } from './credentials.js';

const NOT_A_TERMINAL =
  'board draws a full-screen view and needs a terminal on stdout; in a pipe use `binance-orders tail --json` (updates as they happen) or `binance-orders orders --json` (open orders now)';

/** Refuses before anything starts when stdout is not a terminal. */
export function requireTerminal(ctx: CliContext): void {
  if (ctx.stdout.isTTY !== true) throw new UsageError(NOT_A_TERMINAL);
}

/** What one board run follows, and with which credentials. */
export interface BoardTarget {
  endpoints: ResolvedEndpoints;
  apiKey: string;
  timers: StreamTimers;
  signer: () => Promise<Signer | undefined>;
  reconcile: boolean;
  noColorFlag: boolean;
}

/**
 * Runs the board on this process's terminal. Besides the board's own finally, the terminal is given
 * back on process exit (a second Ctrl-C exits at once) and on an error nothing caught, which is
 * then printed as one line.
 */
export async function showBoard(ctx: CliContext, target: BoardTarget): Promise<void> {
  const { BoardScreen, Notices, runBoard } = await import('../board/index.js');
  const notices = new Notices(Date.now);
  const log = createLogger({ write: notices.write, verbosity: 'normal', secrets: ctx.secrets });
  const signer = await target.signer();
  const reconcile: ReconcileSettings = !target.reconcile ? { mode: 'off' } : signer ? { mode: 'on', signer } : { mode: 'unavailable', reason: NO_SIGNING_CREDENTIALS };
  const chalk = await loadChalk(resolveColorLevel({ isTTY: true, env: ctx.env, noColorFlag: target.noColorFlag }));
  const screen = new BoardScreen({ output: ctx.stdout, input: ctx.stdin });
  const restore = () => screen.restore();
  const crash = (error: unknown) => {
    screen.restore();
    // Scrubbed like main.ts's fatal line: the error may quote the key or a URL.
    ctx.stderr.write(`${escapeControls(scrub(`binance-orders: unexpected error: ${error instanceof Error ? error.message : String(error)}`, ctx.secrets))}\n`);
    process.exit(EXIT.unexpected);
  };
  process.once('exit', restore);
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    await runBoard(
      { feed: { endpoints: target.endpoints, apiKey: target.apiKey, timers: target.timers, reconcile }, signer },
      { screen, chalk, log, notices, signal: ctx.signal, now: Date.now, random: Math.random },
    );
  } finally {
    process.off('exit', restore);
    process.off('uncaughtException', crash);
    process.off('unhandledRejection', crash);
  }
}
