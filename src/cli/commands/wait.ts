import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addOutputOptions, addStreamOptions } from '../shared-options.js';

/** `binance-orders wait`: block until one order reaches a status. */
export function makeWaitCommand(ctx: CliContext): Command {
  const cmd = new Command('wait')
    .description('wait until an order reaches a status, print that update, exit 0 (4: timeout, 5: other final status)')
    .argument('<order>', 'orderId or clientOrderId')
    .option('--symbol <symbol>', "the order's symbol (lets the order be checked over REST on every market)")
    .option('--until <statuses>', 'statuses that end the wait, comma separated, or terminal', 'terminal')
    .option('--timeout <duration>', 'give up after this long (exit 4), e.g. 30s, 5m');
  addStreamOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
With BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE the order is also checked over REST at start and after
every reconnect; without, wait follows the stream only.

Examples:
  binance-orders wait 215456451001 --until FILLED --timeout 2m
  binance-orders wait my-client-id --symbol BTCUSDT --json | jq .avgPrice`,
  );
  cmd.action(async (order: string, raw: Record<string, unknown>) => (await import('../actions/wait.js')).wait(order, raw, ctx));
  return cmd;
}
