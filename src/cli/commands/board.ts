import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addStreamOptions } from '../shared-options.js';

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
  cmd.action(async (raw: Record<string, unknown>) => (await import('../actions/board.js')).board(raw, ctx));
  return cmd;
}
