import { commandOptions, EndpointOptions, FilterOptions, MarketsOption, OutputOptions, parseOptions } from '../../config/schema.js';
import { ConfigError } from '../../errors/errors.js';
import { ACCOUNT_PATHS } from '../../exchange/endpoints.js';
import { loadChalk } from '../../output/color.js';
import type { CliContext } from '../context.js';
import { loadCredentials, NO_SIGNING_CREDENTIALS } from '../credentials.js';
import { loggerFor, outputOf } from '../output-setup.js';
import { endpointsOf } from '../stream-setup.js';

const { output, json, color, quiet, verbose } = OutputOptions.shape;

const OrdersOptions = commandOptions({
  ...EndpointOptions.shape,
  market: MarketsOption.prefault('usdm'),
  symbol: FilterOptions.shape.symbol,
  output,
  json,
  color,
  quiet,
  verbose,
}, (opts) => (opts.output === 'raw' ? '-o raw prints stream frames; orders has none: use pretty or json' : undefined));

/** `orders`: the open orders of every market asked for, as a table or JSON lines. */
export async function orders(raw: unknown, ctx: CliContext): Promise<void> {
  const opts = parseOptions(OrdersOptions, raw);
  const { env, credentials } = await loadCredentials(opts.envFile, ctx);
  const endpoints = opts.market.map((market) => endpointsOf(opts, env, market));
  const apiKey = credentials.requireApiKey();
  const log = loggerFor(opts, ctx);
  const signer = await credentials.signer();
  if (!signer) throw new ConfigError(`orders signs its request, but ${NO_SIGNING_CREDENTIALS}: export one or put it in ./.env`);
  const [{ byPlacement, fetchOpenOrders }, { createSignedClient }] = await Promise.all([import('../../account/open-orders.js'), import('../../rest/signed-client.js')]);
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
  const all = lists.flat().sort(byPlacement);
  const { output: mode, colorLevel } = outputOf(opts, ctx);
  if (all.length === 0) {
    log.info(`orders: no open orders on ${opts.market.join(', ')}${opts.symbol ? ` for ${[...opts.symbol].join(', ')}` : ''}`);
    return;
  }
  const [{ formatOrdersTable }, { formatJson }] = await Promise.all([import('../../output/orders-table.js'), import('../../output/json.js')]);
  const lines = mode === 'pretty' ? formatOrdersTable(all, await loadChalk(colorLevel), Date.now(), opts.market.length > 1) : all.map((o) => formatJson(o.event));
  ctx.stdout.write(`${lines.join('\n')}\n`);
}
