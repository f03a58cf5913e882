import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addFilterOptions, addOutputOptions, addSinkOptions, addStreamOptions } from '../shared-options.js';

/** `binance-orders tail`: follow the account's order updates. */
export function makeTailCommand(ctx: CliContext): Command {
  const cmd = new Command('tail').description('follow order updates of a Binance Futures account as they happen');
  addStreamOptions(cmd);
  addFilterOptions(cmd);
  addOutputOptions(cmd);
  cmd.option('--count <n>', 'stop after this many printed events');
  cmd.option('--since <when>', 'first print orders changed since then over signed REST (90m, 2h, 14:30, 2026-12-01T14:30Z), then follow');
  addSinkOptions(cmd);
  cmd.option('--record <file>', 'append every received frame with its receive time to this file (NDJSON, owner-only; see replay)');
  cmd.option('--no-reconcile', 'do not recover updates missed during reconnects over signed REST');
  cmd.option('--accounts <file>', 'follow every account and market listed in this JSON file, credentials from the variables it names (see docs/accounts.md)');
  cmd.addHelpText(
    'after',
    `
Credentials come from the environment or ./.env: BINANCE_API_KEY (required), and BINANCE_API_SECRET or
BINANCE_PRIVATE_KEY_FILE (an Ed25519 PEM) to recover updates missed during reconnects.

Pretty lines (on a terminal; JSON lines when stdout is a pipe or file):
  14:03:07.123 + BTCUSDT  BUY  LIMIT  FILLED  0.010/0.010  104250.10@104250.10000  #8389765 my-id fill 0.010 @ 104250.10
  time (local; --utc for UTC), mark, symbol, side, type, status, filled/quantity, price@average fill price,
  #orderId, client order id, this event's fill. A dated line starts each day.
  Marks: + fill  x cancel/expiry/reject  * new  ~ amend  ! liquidation/warning  > triggered  $ balance  = config
  [reconciled]: recovered over REST after a gap; [rest]: history printed by --since.
  A narrow terminal leaves out the client order id, then the ids, then the fill detail.

Examples:
  binance-orders tail                           pretty lines on a terminal
  binance-orders tail --json | jq .status       JSON lines into a pipe
  binance-orders tail -m coinm --events all     every COIN-M event
  binance-orders tail -m usdm,coinm             both markets in one output, each line tagged
  binance-orders tail --symbol BTCUSDT --status FILLED,CANCELED
  binance-orders tail --since 2h                what changed in the last two hours, then follow
  binance-orders tail --record incident.ndjson  keep the frames for 'binance-orders replay'
  binance-orders tail --accounts desk.json      every sub-account in one output, each line tagged
  binance-orders tail --status FILLED --exec 'notify-send "$BINANCE_ORDERS_SYMBOL filled"'
  binance-orders tail --webhook env:SLACK_WEBHOOK_URL --webhook-format slack
  binance-orders tail --nats nats://127.0.0.1:4222  JetStream, one message per update across tailers`,
  );
  cmd.action(async (raw: Record<string, unknown>) => (await import('../actions/tail.js')).tail(raw, cmd, ctx));
  return cmd;
}
