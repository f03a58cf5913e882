import { Option, type Command } from 'commander';
import { DEFAULT_SUBJECT_TEMPLATE } from '../sinks/nats-message.js';
import { WEBHOOK_FORMATS } from '../sinks/webhook-format.js';

/*
 * The flags several commands share, in groups. Each group has a zod schema of the same name in
 * config/schema.ts (sink-setup.ts for the sinks), from which each command's one schema is composed.
 */

/** Output and verbosity flags shared by every command that prints events. */
export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-o, --output <mode>', 'pretty, json (one object per line) or raw (frames as received); default: pretty on a terminal, json otherwise'))
    .option('--json', 'same as -o json')
    .option('--no-color', 'no colours in pretty output (NO_COLOR=1 does the same)')
    .option('--utc', 'pretty times in UTC instead of local time')
    .option('-q, --quiet', 'print only errors on stderr')
    .option('-v, --verbose', 'log state changes and details on stderr')
    .option('--status-line', 'on a terminal, keep one line on stderr with the connection state, last event, connection and key age, reconnects');
}

/** Event selection flags. */
export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--events <list>', 'order, trade-lite, account, margin-call, account-config, algo, strategy, grid, conditional-reject, or all', 'order')
    .option('--symbol <list>', 'only these symbols, comma separated (e.g. BTCUSDT,ETHUSDT)')
    .option('--side <side>', 'only BUY or SELL')
    .option('--status <list>', 'only these order statuses (e.g. FILLED,CANCELED)');
}

/** Market, network, endpoint and credential-file flags: everything that says which account and where. */
export function addEndpointOptions(cmd: Command): Command {
  return cmd
    .option('-m, --market <market>', 'usdm (also usdt-m, um), coinm (coin-m, cm) or pm (portfolio-margin); tail and orders take several: usdm,coinm', 'usdm')
    .option('--testnet', 'use the futures testnet (usdm, coinm)')
    .option('--demo-trading', "use Binance's demo-trading hosts (usdm; hosts unverified)")
    .option('--rest-url <url>', 'replace the REST scheme://host[:port] (env BINANCE_REST_URL)')
    .option('--ws-url <url>', 'replace the stream scheme://host[:port]; a URL containing {listenKey} is used whole (env BINANCE_WS_URL)')
    .option('--env-file <path>', 'read credentials from this file instead of ./.env');
}

/** Market, network, endpoint and timing flags of a live stream. */
export function addStreamOptions(cmd: Command): Command {
  return addEndpointOptions(cmd)
    .option('--keepalive <duration>', 'listenKey keepalive interval (keys live 60m)', '30m')
    .option('--heartbeat <duration>', 'ping interval; a link silent one more interval is replaced', '30s')
    .option('--max-connection-age <duration>', 'replace a connection this old (Binance cuts at 24h)', '23h')
    .option('--reconnect-min <duration>', 'first reconnect backoff step (full jitter)', '250ms')
    .option('--reconnect-max <duration>', 'reconnect backoff cap', '30s')
    .option('--close-listen-key', 'DELETE the listenKey on exit (stops every other consumer of the account too)');
}

/** --exec, --webhook and --nats with their settings, for a command that prints events. */
export function addSinkOptions(cmd: Command): Command {
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  return cmd
    .option('--exec <command>', 'run this shell command for each event, its JSON line on stdin (one at a time, in order)')
    .option('--exec-timeout <duration>', 'kill a --exec command still running after this long', '30s')
    .option('--webhook <url>', 'POST each event to this URL, or to the URL in variable NAME with env:NAME; repeatable', collect)
    .addOption(new Option('--webhook-format <format>', 'body of each --webhook POST').choices(WEBHOOK_FORMATS).default('json'))
    .option('--nats <url>', 'publish each event to NATS JetStream (nats://host:4222, tls://…; credentials from NATS_CREDS, NATS_USER/NATS_PASSWORD or NATS_TOKEN)')
    .option('--nats-subject <template>', 'subject of each message; {account} {market} {event} {symbol}', DEFAULT_SUBJECT_TEMPLATE)
    .option('--nats-stream <name>', 'JetStream stream, created when missing', 'BINANCE_ORDERS')
    .option('--sink-queue <events>', 'events each sink keeps while its destination is slow or down; then the oldest are dropped', '10000')
    .option('--sink-drain <duration>', 'on SIGINT/SIGTERM, how long sinks may take to deliver what is queued', '5s');
}
