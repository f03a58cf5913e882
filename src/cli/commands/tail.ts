import { Command } from 'commander';
import { z } from 'zod';
import { CountOption, describeIssues } from '../../config/schema.js';
import { parseSince } from '../../config/since.js';
import type { ReconcileSettings } from '../../reconcile/attach.js';
import { oddKeyWarning } from '../../config/key-shape.js';
import { UsageError } from '../../errors/errors.js';
import { runAccounts } from '../../run/accounts.js';
import { runMarkets } from '../../run/multi-market.js';
import { accountRunsOf, loadAccounts } from '../accounts-setup.js';
import type { CliContext } from '../context.js';
import { addFilterOptions, addOutputOptions, addStreamOptions } from '../shared-options.js';
import { addSinkOptions, attachSinks } from '../sink-setup.js';
import {
  endpointsOf,
  envOf,
  lintTimers,
  loggerFor,
  marketsOf,
  parseStreamOptions,
  reconcileSettingsOf,
  requireApiKey,
  statusLineFor,
  tailConfigOf,
} from '../tail-setup.js';

const TailOnlyOptions = z.object({
  record: z.string().min(1).optional(),
  accounts: z.string().min(1).optional(),
  count: CountOption.optional(),
  since: z.string().optional(),
});

/** --since as local epoch ms, checked with the other flags. */
function sinceOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const since = parseSince(text, Date.now());
  if ('error' in since) throw new UsageError(`--since: ${since.error}`);
  return since.ms;
}

/** --since reads history over signed REST, so it needs what gap recovery needs. */
function withSince(sinceMs: number | undefined, reconcile: ReconcileSettings): ReconcileSettings {
  if (sinceMs === undefined) return reconcile;
  if (reconcile.mode === 'off') throw new UsageError('--since reads order history over REST, which --no-reconcile turns off');
  if (reconcile.mode === 'unavailable') throw new UsageError(`--since reads order history over signed REST, but ${reconcile.reason}; set one in the environment or ./.env`);
  return { ...reconcile, sinceMs };
}

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
  cmd.action(async (raw: Record<string, unknown>) => {
    const tailOnly = TailOnlyOptions.safeParse(raw);
    if (!tailOnly.success) throw new UsageError(describeIssues(tailOnly.error));
    const { record, accounts, count } = tailOnly.data;
    if (accounts !== undefined) {
      if (count !== undefined || tailOnly.data.since !== undefined) throw new UsageError('--count and --since follow one account; leave them out with --accounts');
      return tailAccounts(accounts, raw, record, cmd, ctx);
    }
    const markets = marketsOf(raw.market);
    const opts = parseStreamOptions({ ...raw, market: markets[0] });
    const sinceMs = sinceOf(tailOnly.data.since);
    const env = await envOf(opts, ctx);
    // Flags first: a wrong --ws-url is worth knowing about before the key is even looked for.
    const endpoints = markets.map((market) => endpointsOf(opts, env, market));
    const apiKey = requireApiKey(env);
    // One status line describes one stream; with several markets the gap reports speak instead.
    const status = markets.length === 1 ? statusLineFor(opts, ctx) : undefined;
    const log = loggerFor(opts, ctx, status);
    for (const secret of [apiKey, env.BINANCE_API_SECRET ?? '']) log.addSecret(secret);
    const reconcile = withSince(sinceMs, await reconcileSettingsOf(opts, env, log));
    const configs = endpoints.map((resolved) => ({ ...tailConfigOf(opts, ctx, { endpoints: resolved, apiKey }), reconcile }));
    if (markets.length > 1 && configs[0]?.endpoints.overridden.ws && (opts.wsUrl ?? env.BINANCE_WS_URL ?? '').includes('{listenKey}')) {
      throw new UsageError('a --ws-url containing {listenKey} names one market\'s route; with several markets give scheme://host[:port] only');
    }
    if (markets.length > 1 && configs[0]?.output === 'raw') log.warn('-o raw prints frames unchanged, without their market; use -o json to tell markets apart');
    for (const config of configs) {
      lintTimers(config.timers, log);
      if (config.endpoints.status === 'unverified') {
        log.warn(`the ${config.endpoints.market} ${config.endpoints.network} endpoints are unverified; if no events arrive, see the README's endpoint table`);
      }
    }
    const sinks = await attachSinks(raw, { processEnv: ctx.env, env, log, secrets: [apiKey, env.BINANCE_API_SECRET ?? ''] });
    if (sinks) status?.addPart(sinks.summary);
    const recorder = record === undefined ? undefined : await (await import('../../record/recorder.js')).openRecorder(record, log, Date.now);
    // After every flag is checked, so that a bad flag stays the one line a run that cannot start prints.
    const oddKey = oddKeyWarning('BINANCE_API_KEY', apiKey);
    if (oddKey) log.warn(oddKey);
    try {
      await runMarkets(
        configs.map((config) => ({ config, ...(recorder ? { onFrame: (text: string, listenKey: string | undefined) => recorder.write(config.endpoints.market, text, listenKey) } : {}) })),
        {
          stdout: status && ctx.stdout.isTTY ? status.guard(ctx.stdout) : ctx.stdout,
          log,
          signal: ctx.signal,
          now: Date.now,
          random: Math.random,
          ...(status ? { status } : {}),
          ...(sinks ? { onPrinted: sinks.deliver } : {}),
        },
        count,
      );
    } finally {
      await sinks?.stop();
      await recorder?.close();
    }
  });
  return cmd;
}

/** `tail --accounts <file>`: every (account, market) of the file in one process. */
async function tailAccounts(path: string, raw: Record<string, unknown>, record: string | undefined, cmd: Command, ctx: CliContext): Promise<void> {
  if (cmd.getOptionValueSource('market') === 'cli') throw new UsageError('--accounts takes the markets from the file; leave out --market');
  if (record !== undefined) throw new UsageError('--record follows one account; with --accounts, record each account with its own tail');
  const opts = parseStreamOptions({ ...raw, market: undefined });
  const accounts = await loadAccounts(path, opts, ctx);
  const status = statusLineFor(opts, ctx);
  const log = loggerFor(opts, ctx, status);
  const runs = await accountRunsOf(accounts, opts, ctx, log);
  const secrets = accounts.flatMap((a) => [a.apiKey, a.signingEnv.BINANCE_API_SECRET ?? '', a.signingEnv.BINANCE_PRIVATE_KEY_FILE ?? '']);
  const sinks = await attachSinks(raw, { processEnv: ctx.env, env: await envOf(opts, ctx), log, secrets });
  if (sinks) status?.addPart(sinks.summary);
  const io = {
    stdout: status && ctx.stdout.isTTY ? status.guard(ctx.stdout) : ctx.stdout,
    log,
    signal: ctx.signal,
    now: Date.now,
    random: Math.random,
    ...(sinks ? { onPrinted: sinks.deliver } : {}),
  };
  try {
    await runAccounts(runs, io, status);
  } finally {
    await sinks?.stop();
  }
}
