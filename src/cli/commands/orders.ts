import { Command } from 'commander';
import { NO_SIGNING_CREDENTIALS, signerFromEnv } from '../credentials.js';
import { ACCOUNT_PATHS } from '../../exchange/endpoints.js';
import { ConfigError, UsageError } from '../../errors/errors.js';
import { loadChalk } from '../../output/color.js';
import { formatJson } from '../../output/json.js';
import { createSignedClient } from '../../rest/signed-client.js';
import type { CliContext } from '../context.js';
import { addEndpointOptions } from '../shared-options.js';
import { endpointsOf, envOf, loggerFor, marketsOf, outputOf, parseStreamOptions, requireApiKey } from '../tail-setup.js';

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
  cmd.action(async (raw: Record<string, unknown>) => {
    const markets = marketsOf(raw.market);
    const opts = parseStreamOptions({ ...raw, market: markets[0] });
    if (opts.output === 'raw') throw new UsageError('-o raw prints stream frames; orders has none: use pretty or json');
    const env = await envOf(opts, ctx);
    const endpoints = markets.map((market) => endpointsOf(opts, env, market));
    const apiKey = requireApiKey(env);
    const log = loggerFor(opts, ctx);
    log.addSecret(apiKey);
    const signer = await signerFromEnv(env, log);
    if (!signer) throw new ConfigError(`orders signs its request, but ${NO_SIGNING_CREDENTIALS}: export one or put it in ./.env`);
    // Loaded here so that tail's start-up never pays for this command.
    const { byPlacement, fetchOpenOrders } = await import('../../account/open-orders.js');
    const lists = await Promise.all(
      endpoints.map((resolved) => {
        const client = createSignedClient({
          baseUrl: resolved.restBase,
          apiKey,
          serverTimePath: ACCOUNT_PATHS[resolved.market].serverTime,
          signer,
          log,
        });
        return fetchOpenOrders(client, resolved.market, opts.symbol, ctx.signal);
      }),
    );
    const orders = lists.flat().sort(byPlacement);
    const { output, colorLevel } = outputOf(opts, ctx);
    if (orders.length === 0) {
      log.info(`orders: no open orders on ${markets.join(', ')}${opts.symbol ? ` for ${[...opts.symbol].join(', ')}` : ''}`);
      return;
    }
    const { formatOrdersTable } = await import('../../output/orders-table.js');
    const lines = output === 'pretty' ? formatOrdersTable(orders, await loadChalk(colorLevel), Date.now(), markets.length > 1) : orders.map((o) => formatJson(o.event));
    ctx.stdout.write(`${lines.join('\n')}\n`);
  });
  return cmd;
}
