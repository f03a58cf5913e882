import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addEndpointOptions } from '../shared-options.js';

/** `binance-orders orders`: the account's open orders now, one signed REST call per market, then exit. */
export function makeOrdersCommand(ctx: CliContext): Command {
  const cmd = new Command('orders').description('list the open orders of a Binance Futures account now, then exit');
  addEndpointOptions(cmd);
  cmd
    .option('--symbol <list>', 'only these symbols, comma separated (one REST call each instead of one for all)')
    .option('-o, --output <mode>', 'pretty (an aligned table) or json; default: pretty on a terminal, json otherwise')
    .option('--json', 'one JSON object per line, with the keys of tail --json order lines (same as -o json)')
    .option('--no-color', 'no colours in the table (NO_COLOR=1 does the same)')
    .option('-q, --quiet', 'print only errors on stderr')
    .option('-v, --verbose', 'log details on stderr');
  cmd.addHelpText(
    'after',
    `
Needs BINANCE_API_KEY and, to sign the request, BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE.

Examples:
  binance-orders orders                            an aligned table, by symbol then age
  binance-orders orders -m usdm,coinm --symbol BTCUSDT
  binance-orders orders --json | jq -r .clientOrderId`,
  );
  cmd.action(async (raw: Record<string, unknown>) => (await import('../actions/orders.js')).orders(raw, ctx));
  return cmd;
}
