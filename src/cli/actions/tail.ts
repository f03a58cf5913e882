import type { Command } from 'commander';
import { z } from 'zod';
import { oddKeyWarning } from '../../config/key-shape.js';
import {
  commandOptions,
  ConnectionOptions,
  CountOption,
  EndpointOptions,
  FilterOptions,
  filterOf,
  MarketsOption,
  OutputOptions,
  parseOptions,
} from '../../config/schema.js';
import { parseSince } from '../../config/since.js';
import { UsageError } from '../../errors/errors.js';
import type { ReconcileSettings } from '../../reconcile/attach.js';
// Imported with this module, unlike the other commands' runtimes, which load once their flags are
// valid: tail always runs the stream, and a second dynamic import cost its start-up about 2% more
// instructions up to the first connection.
import { runMarkets } from '../../run/multi-market.js';
import type { CliContext } from '../context.js';
import { loadCredentials } from '../credentials.js';
import { loggerFor, statusLineFor } from '../output-setup.js';
import { attachSinks, SinkOptions } from '../sink-setup.js';
import { endpointsOf, lintTimers, reconcileSettingsOf, tailConfigOf } from '../stream-setup.js';

/** --since as local epoch ms. */
const Since = z.string().transform((text, ctx) => {
  const since = parseSince(text, Date.now());
  if ('error' in since) {
    ctx.addIssue({ code: 'custom', message: since.error });
    return z.NEVER;
  }
  return since.ms;
});

const TailOptions = commandOptions({
  ...EndpointOptions.shape,
  market: MarketsOption.prefault('usdm'),
  ...ConnectionOptions.shape,
  ...FilterOptions.shape,
  ...OutputOptions.shape,
  ...SinkOptions.shape,
  count: CountOption.optional(),
  since: Since.optional(),
  record: z.string().min(1).optional(),
  reconcile: z.boolean().default(true),
  accounts: z.string().min(1).optional(),
},
  (opts) => (opts.accounts !== undefined && (opts.count !== undefined || opts.since !== undefined) ? '--count and --since follow one account; leave them out with --accounts' : undefined),
  (opts) => (opts.accounts !== undefined && opts.record !== undefined ? '--record follows one account; with --accounts, record each account with its own tail' : undefined),
);
type TailOptions = z.output<typeof TailOptions>;

/** --since reads history over signed REST, so it needs what gap recovery needs. */
function withSince(sinceMs: number | undefined, reconcile: ReconcileSettings): ReconcileSettings {
  if (sinceMs === undefined) return reconcile;
  if (reconcile.mode === 'off') throw new UsageError('--since reads order history over REST, which --no-reconcile turns off');
  if (reconcile.mode === 'unavailable') throw new UsageError(`--since reads order history over signed REST, but ${reconcile.reason}; set one in the environment or ./.env`);
  return { ...reconcile, sinceMs };
}

/** `tail`: one account on one or several markets, or every account of an accounts file. */
export async function tail(raw: unknown, cmd: Command, ctx: CliContext): Promise<void> {
  const opts = parseOptions(TailOptions, raw);
  if (opts.accounts !== undefined) {
    if (cmd.getOptionValueSource('market') === 'cli') throw new UsageError('--accounts takes the markets from the file; leave out --market');
    return tailAccounts(opts.accounts, opts, ctx);
  }
  const { env, credentials } = await loadCredentials(opts.envFile, ctx);
  // Flags first: a wrong --ws-url is worth knowing about before the key is even looked for.
  const endpoints = opts.market.map((market) => endpointsOf(opts, env, market));
  const apiKey = credentials.requireApiKey();
  const several = opts.market.length > 1;
  // One status line describes one stream; with several markets the gap reports speak instead.
  const status = several ? undefined : statusLineFor(opts, ctx);
  const log = loggerFor(opts, ctx, status);
  const reconcile = withSince(opts.since, await reconcileSettingsOf(opts.reconcile, credentials, opts.symbol));
  const configs = endpoints.map((resolved) => ({ ...tailConfigOf(opts, ctx, { endpoints: resolved, apiKey }), filter: filterOf(opts), reconcile }));
  if (several && configs[0]?.endpoints.overridden.ws && (opts.wsUrl ?? env.BINANCE_WS_URL ?? '').includes('{listenKey}')) {
    throw new UsageError('a --ws-url containing {listenKey} names one market\'s route; with several markets give scheme://host[:port] only');
  }
  if (several && configs[0]?.output === 'raw') log.warn('-o raw prints frames unchanged, without their market; use -o json to tell markets apart');
  for (const config of configs) {
    lintTimers(config.timers, log);
    if (config.endpoints.status === 'unverified') {
      log.warn(`the ${config.endpoints.market} ${config.endpoints.network} endpoints are unverified; if no events arrive, see the README's endpoint table`);
    }
  }
  const sinks = await attachSinks(opts, { ctx, env, log, secrets: credentials.values });
  if (sinks) status?.addPart(sinks.summary);
  const { record } = opts;
  const recorder = record === undefined ? undefined : await (await import('../../record/recorder.js')).openRecorder(record, ctx.cwd, log, Date.now);
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
      opts.count,
    );
  } finally {
    await sinks?.stop();
    await recorder?.close();
  }
}

/** `tail --accounts <file>`: every (account, market) of the file in one process. */
async function tailAccounts(path: string, opts: TailOptions, ctx: CliContext): Promise<void> {
  const [{ env }, { accountRunsOf, loadAccounts }] = await Promise.all([loadCredentials(opts.envFile, ctx), import('../accounts-setup.js')]);
  const accounts = await loadAccounts(path, env, ctx);
  const status = statusLineFor(opts, ctx);
  const log = loggerFor(opts, ctx, status);
  const runs = await accountRunsOf(accounts, opts, env, ctx, log);
  const sinks = await attachSinks(opts, { ctx, env, log, secrets: accounts.flatMap((account) => account.credentials.values) });
  if (sinks) status?.addPart(sinks.summary);
  const io = {
    stdout: status && ctx.stdout.isTTY ? status.guard(ctx.stdout) : ctx.stdout,
    log,
    signal: ctx.signal,
    now: Date.now,
    random: Math.random,
    ...(sinks ? { onPrinted: sinks.deliver } : {}),
  };
  const { runAccounts } = await import('../../run/accounts.js');
  try {
    await runAccounts(runs, io, status);
  } finally {
    await sinks?.stop();
  }
}
