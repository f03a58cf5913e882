import { Command } from 'commander';
import type { CliContext } from '../context.js';

/** `binance-orders verify`: prove keys, REST and the stream route end to end with one cancelled order. */
export function makeVerifyCommand(ctx: CliContext): Command {
  const cmd = new Command('verify')
    .description('place a tiny post-only order far from the market, see its events on the stream, cancel it: PASS or FAIL with the cause')
    .option('-m, --market <market>', 'usdm or coinm', 'usdm')
    .option('--testnet', 'use the futures testnet (the intended use)')
    .option('--demo-trading', "use Binance's demo-trading hosts (usdm; hosts unverified)")
    .option('--mainnet-i-understand', 'allow mainnet: the order is real, tiny, post-only and cancelled at once')
    .option('--symbol <symbol>', 'symbol to trade (default BTCUSDT, or BTCUSD_PERP on coinm)')
    .option('--event-timeout <duration>', 'how long each order event may take to arrive', '10s')
    .option('--rest-url <url>', 'replace the REST scheme://host[:port] (env BINANCE_REST_URL)')
    .option('--ws-url <url>', 'replace the stream scheme://host[:port]; a URL containing {listenKey} is used whole (env BINANCE_WS_URL)')
    .option('--env-file <path>', 'read credentials from this file instead of ./.env')
    .option('--json', 'print the report as one JSON object on stdout')
    .option('-q, --quiet', 'print only the verdict on failure')
    .option('-v, --verbose', 'log details on stderr');
  cmd.addHelpText(
    'after',
    `
Needs BINANCE_API_KEY and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE). Exit 0 on PASS, 3 when the key,
signature or clock is rejected, 1 for any other failure.

Examples:
  binance-orders verify --testnet
  binance-orders verify --testnet --symbol ETHUSDT --json | jq .pass`,
  );
  cmd.action(async (raw: Record<string, unknown>) => (await import('../actions/verify.js')).verify(raw, ctx));
  return cmd;
}
