import { Argument, Command } from 'commander';
import { z } from 'zod';
import { ExchangeError } from '../../errors/errors.js';
import { listenKeyApi } from '../../rest/listen-key.js';
import { redactKey } from '../../log/redact.js';
import { createRestClient } from '../../rest/client.js';
import type { CliContext } from '../context.js';
import { addEndpointOptions } from '../shared-options.js';
import { endpointsOf, envOf, loggerFor, parseStreamOptions, requireApiKey } from '../tail-setup.js';

const ACTIONS = ['create', 'keepalive', 'close'] as const;
type Action = (typeof ACTIONS)[number];

/** `binance-orders listen-key <create|keepalive|close>`: one listenKey REST call, for scripts and debugging. */
export function makeListenKeyCommand(ctx: CliContext): Command {
  const cmd = new Command('listen-key')
    .description('create, extend or close the account\'s listenKey with one REST call')
    .addArgument(new Argument('<action>', 'create: POST (returns the active key, extended 60m); keepalive: PUT; close: DELETE').choices(ACTIONS))
    .option('--show-key', 'print the full key instead of its redacted form (it grants read access to the account\'s stream)');
  addEndpointOptions(cmd);
  cmd.option('-q, --quiet', 'print only errors on stderr').option('-v, --verbose', 'log details on stderr');
  cmd.addHelpText(
    'after',
    `
Prints one JSON line on stdout. The key is redacted unless --show-key.
There is one listenKey per account and market, shared by every client: close ends the stream
for all of them, including the web UI and other bots.

Examples:
  binance-orders listen-key create
  binance-orders listen-key keepalive -m coinm
  binance-orders listen-key create --testnet --show-key | jq -r .listenKey`,
  );
  cmd.action(async (action: Action, raw: Record<string, unknown>) => {
    const opts = parseStreamOptions(raw);
    const showKey = z.boolean().default(false).parse(raw.showKey);
    const env = await envOf(opts, ctx);
    const apiKey = requireApiKey(env);
    const endpoints = endpointsOf(opts, env);
    const log = loggerFor(opts, ctx);
    log.addSecret(apiKey);
    log.addSecret(env.BINANCE_API_SECRET ?? '');
    const keys = listenKeyApi(createRestClient({ baseUrl: endpoints.restBase, apiKey }), endpoints.listenKeyPath);
    const where = { market: endpoints.market, network: endpoints.network };
    if (action === 'create') {
      const listenKey = await keys.create(ctx.signal);
      if (showKey) {
        log.warn('--show-key: whoever holds this key can read the account\'s order stream until it expires or is closed');
      } else {
        log.addSecret(listenKey);
      }
      ctx.stdout.write(`${JSON.stringify({ action, ...where, listenKey: showKey ? listenKey : redactKey(listenKey), validMinutes: 60 })}\n`);
      return;
    }
    if (action === 'keepalive') {
      await keys.keepAlive(ctx.signal).catch(withNoKeyHint);
      ctx.stdout.write(`${JSON.stringify({ action, ...where, extendedMinutes: 60 })}\n`);
      return;
    }
    log.warn('close: this ends the stream for every consumer of the account (web UI, bots, other tools), not just this one');
    await keys.close(ctx.signal).catch(withNoKeyHint);
    ctx.stdout.write(`${JSON.stringify({ action, ...where, closed: true })}\n`);
  });
  return cmd;
}

/** -1125 on PUT or DELETE means the account has no active key: say how to get one. */
function withNoKeyHint(err: unknown): never {
  if (err instanceof ExchangeError && err.binanceCode === -1125) {
    throw new ExchangeError(`${err.message}; the account has no active listenKey (it expired or was closed): run "binance-orders listen-key create"`, err.status, err.binanceCode, undefined);
  }
  throw err;
}
