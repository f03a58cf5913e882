import { z } from 'zod';
import { commandOptions, EndpointOptions, parseOptions, VerbosityOptions } from '../../config/schema.js';
import { ExchangeError } from '../../errors/errors.js';
import { redactKey } from '../../log/redact.js';
import type { CliContext } from '../context.js';
import { loadCredentials } from '../credentials.js';
import { loggerFor } from '../output-setup.js';
import { endpointsOf } from '../stream-setup.js';

export type ListenKeyAction = 'create' | 'keepalive' | 'close';

const ListenKeyOptions = commandOptions({
  showKey: z.boolean().default(false),
  ...EndpointOptions.shape,
  ...VerbosityOptions.shape,
});

/** `listen-key`: one listenKey REST call, its outcome as one JSON line. */
export async function listenKey(action: ListenKeyAction, raw: unknown, ctx: CliContext): Promise<void> {
  const opts = parseOptions(ListenKeyOptions, raw);
  const { env, credentials } = await loadCredentials(opts.envFile, ctx);
  const endpoints = endpointsOf(opts, env, opts.market);
  const log = loggerFor(opts, ctx);
  const keys = await credentials.listenKeys(endpoints);
  const where = { market: endpoints.market, network: endpoints.network };
  if (action === 'create') {
    const listenKey = await keys.create(ctx.signal);
    if (opts.showKey) log.warn('--show-key: whoever holds this key can read the account\'s order stream until it expires or is closed');
    ctx.stdout.write(`${JSON.stringify({ action, ...where, listenKey: opts.showKey ? listenKey : redactKey(listenKey), validMinutes: 60 })}\n`);
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
}

/** -1125 on PUT or DELETE means the account has no active key: say how to get one. */
function withNoKeyHint(err: unknown): never {
  if (err instanceof ExchangeError && err.binanceCode === -1125) {
    throw new ExchangeError(`${err.message}; the account has no active listenKey (it expired or was closed): run "binance-orders listen-key create"`, err.status, err.binanceCode, undefined);
  }
  throw err;
}
