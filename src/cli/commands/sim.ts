import { Command } from 'commander';
import type { CliContext } from '../context.js';

/** `binance-orders sim`: the simulated exchange as a standalone server for any client, in any language. */
export function makeSimCommand(ctx: CliContext): Command {
  const cmd = new Command('sim').description('run a simulated Binance Futures exchange on 127.0.0.1 for your own bot and tests');
  cmd
    .option('--port <n>', 'port to listen on; 0 takes a free one', '0')
    .option('--host <address>', 'loopback address to listen on', '127.0.0.1')
    .option('--allow-remote', 'let --host be a non-loopback address (anyone who reaches it can drive the control API)')
    .option('--rate <steps/s>', 'background USDⓈ-M order lifecycle steps per second; 0 for none', '1')
    .option('--seed <n>', 'seed the background flow and generated clientOrderIds, to replay a run')
    .option('--faults <schedule>', 'faults on a timer: kind[:arg][/market]@<duration> or @every <duration>, comma separated')
    .option('-q, --quiet', 'print only errors on stderr, not each control action and fault');
  cmd.addHelpText(
    'after',
    `
Prints one JSON line on stdout once listening, {"restUrl","wsUrl","apiKey","apiSecret"}; logs go to
stderr. Orders and faults are driven over HTTP under /_sim/ (see docs/sim.md). Ctrl-C stops it.

Examples:
  binance-orders sim --rate 0 > sim.json &
  curl -s -XPOST "$(jq -r .restUrl sim.json)/_sim/orders" -d '{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","quantity":"0.010","price":"100000"}'
  binance-orders sim --faults 'drop@30s,expire-key@5m,stall:20s@every 7m'`,
  );
  cmd.action(async (raw: Record<string, unknown>) => (await import('../actions/sim.js')).sim(raw, ctx));
  return cmd;
}
