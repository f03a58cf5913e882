import { Duration } from '../../config/duration.js';
import { oddKeyWarning } from '../../config/key-shape.js';
import { commandOptions, FilterOptions, OutputOptions, parseOptions, statusList, StreamOptions } from '../../config/schema.js';
import { UsageError } from '../../errors/errors.js';
import { ORDER_STATUSES } from '../../events/statuses.js';
import { TERMINAL_STATUSES } from '../../reconcile/order-status.js';
import type { CliContext } from '../context.js';
import { loadCredentials } from '../credentials.js';
import { loggerFor } from '../output-setup.js';
import { endpointsOf, reconcileSettingsOf, tailConfigOf } from '../stream-setup.js';

const WaitOptions = commandOptions({
  ...StreamOptions.shape,
  ...OutputOptions.shape,
  symbol: FilterOptions.shape.symbol,
  until: statusList(ORDER_STATUSES, ['terminal'])
    .prefault('terminal')
    .transform((names) => new Set([...names].flatMap((name) => (name === 'TERMINAL' ? [...TERMINAL_STATUSES] : [name])))),
  timeout: Duration.optional(),
}, (opts) => (opts.symbol !== undefined && opts.symbol.size !== 1 ? '--symbol takes one symbol for wait' : undefined));

/** The order argument: digits name an orderId (or a clientOrderId made of digits), anything else a clientOrderId. */
function orderRefOf(text: string, symbols: ReadonlySet<string> | undefined) {
  const id = text.trim();
  if (id.length === 0) throw new UsageError('give the orderId or clientOrderId of the order to wait for');
  const symbol = symbols ? [...symbols][0] : undefined;
  return { ...(/^\d+$/.test(id) ? { orderId: Number(id) } : {}), clientOrderId: id, ...(symbol ? { symbol } : {}) };
}

/** `wait`: follow the stream until one order reaches a status. */
export async function wait(orderText: string, raw: unknown, ctx: CliContext): Promise<void> {
  const opts = parseOptions(WaitOptions, raw);
  const order = orderRefOf(orderText, opts.symbol);
  const { env, credentials } = await loadCredentials(opts.envFile, ctx);
  const apiKey = credentials.requireApiKey();
  const endpoints = endpointsOf(opts, env, opts.market);
  const log = loggerFor(opts, ctx);
  const oddKey = oddKeyWarning('BINANCE_API_KEY', apiKey);
  if (oddKey) log.warn(oddKey);
  const { runWait } = await import('../../run/wait.js');
  await runWait(
    { tail: tailConfigOf(opts, ctx, { endpoints, apiKey }), order, until: opts.until, timeoutMs: opts.timeout, reconcile: await reconcileSettingsOf(true, credentials, opts.symbol) },
    { stdout: ctx.stdout, log, signal: ctx.signal, now: Date.now, random: Math.random },
  );
}
