import { Command } from 'commander';
import { NO_SIGNING_CREDENTIALS, signerFromEnv } from '../credentials.js';
import type { ResolvedEndpoints } from '../../exchange/endpoints.js';
import { EXIT, UsageError } from '../../errors/errors.js';
import { createLogger, type Logger } from '../../log/log.js';
import { loadChalk, resolveColorLevel } from '../../output/color.js';
import type { ReconcileSettings } from '../../reconcile/attach.js';
import type { Signer } from '../../rest/sign.js';
import type { StreamTimers } from '../../stream/timers.js';
import type { CliContext } from '../context.js';
import { addStreamOptions } from '../shared-options.js';
import { endpointsOf, envOf, parseStreamOptions, requireApiKey, timersOf } from '../tail-setup.js';

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
  /** Reads the signer once the log exists (so its secrets are registered before anything can print). */
  signer: (log: Logger) => Promise<Signer | undefined>;
  reconcile: boolean;
  noColorFlag: boolean;
}

/**
 * Runs the board on this process's terminal. Besides the board's own finally, the terminal is given
 * back on process exit (a second Ctrl-C exits at once) and on an error nothing caught, which is
 * then printed as one line.
 */
export async function showBoard(ctx: CliContext, target: BoardTarget): Promise<void> {
  const { BoardScreen, Notices, runBoard } = await import('../../board/index.js');
  const notices = new Notices(Date.now);
  const log = createLogger({ write: notices.write, verbosity: 'normal' });
  log.addSecret(target.apiKey);
  const signer = await target.signer(log);
  const reconcile: ReconcileSettings = !target.reconcile ? { mode: 'off' } : signer ? { mode: 'on', signer } : { mode: 'unavailable', reason: NO_SIGNING_CREDENTIALS };
  const chalk = await loadChalk(resolveColorLevel({ isTTY: true, env: ctx.env, noColorFlag: target.noColorFlag }));
  const screen = new BoardScreen({ output: ctx.stdout, input: ctx.stdin });
  const restore = () => screen.restore();
  const crash = (error: unknown) => {
    screen.restore();
    ctx.stderr.write(`binance-orders: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
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

/** `binance-orders board`: the live full-screen view of open orders, positions and fills. */
export function makeBoardCommand(ctx: CliContext): Command {
  const cmd = new Command('board').description('a live full-screen view: open orders with fill bars, positions, recent fills, connection state');
  addStreamOptions(cmd);
  cmd.option('--no-reconcile', 'do not recover updates missed during reconnects over signed REST').option('--no-color', 'no colours (NO_COLOR=1 does the same)');
  cmd.addHelpText(
    'after',
    `
Keys: q or Ctrl-C quit, / filter by symbol, p pause, ? help.

Credentials come from the environment or ./.env: BINANCE_API_KEY (required), and BINANCE_API_SECRET or
BINANCE_PRIVATE_KEY_FILE to start from the open orders and positions now (without, the board starts
empty and fills in from the stream).

Examples:
  binance-orders board
  binance-orders board -m coinm --testnet
  binance-orders demo --board                   the same view on a simulated exchange, no keys`,
  );
  cmd.action(async (raw: Record<string, unknown>) => {
    const opts = parseStreamOptions(raw);
    requireTerminal(ctx);
    const env = await envOf(opts, ctx);
    const endpoints = endpointsOf(opts, env);
    const apiKey = requireApiKey(env);
    await showBoard(ctx, {
      endpoints,
      apiKey,
      timers: timersOf(opts),
      signer: (log) => signerFromEnv(env, log),
      reconcile: opts.reconcile,
      noColorFlag: !opts.color,
    });
  });
  return cmd;
}
