import { Command } from 'commander';
import { z } from 'zod';
import { Duration } from '../../config/duration.js';
import { describeIssues, statusList } from '../../config/schema.js';
import { ORDER_STATUSES } from '../../events/statuses.js';
import { oddKeyWarning } from '../../config/key-shape.js';
import { UsageError } from '../../errors/errors.js';
import { TERMINAL_STATUSES } from '../../reconcile/order-status.js';
import type { CliContext } from '../context.js';
import { addOutputOptions, addStreamOptions } from '../shared-options.js';
import { endpointsOf, envOf, loggerFor, parseStreamOptions, reconcileSettingsOf, requireApiKey, tailConfigOf } from '../tail-setup.js';

const WaitOptions = z.object({
  until: statusList(ORDER_STATUSES, ['terminal'])
    .prefault('terminal')
    .transform((names) => new Set([...names].flatMap((name) => (name === 'TERMINAL' ? [...TERMINAL_STATUSES] : [name])))),
  timeout: Duration.optional(),
});

/** The order argument: digits name an orderId (or a clientOrderId made of digits), anything else a clientOrderId. */
function orderRefOf(text: string, symbols: ReadonlySet<string> | undefined) {
  const id = text.trim();
  if (id.length === 0) throw new UsageError('give the orderId or clientOrderId of the order to wait for');
  if (symbols !== undefined && symbols.size !== 1) throw new UsageError('--symbol takes one symbol for wait');
  const symbol = symbols ? [...symbols][0] : undefined;
  return { ...(/^\d+$/.test(id) ? { orderId: Number(id) } : {}), clientOrderId: id, ...(symbol ? { symbol } : {}) };
}

/** `binance-orders wait`: block until one order reaches a status. */
export function makeWaitCommand(ctx: CliContext): Command {
  const cmd = new Command('wait')
    .description('wait until an order reaches a status, print that update, exit 0 (4: timeout, 5: other final status)')
    .argument('<order>', 'orderId or clientOrderId')
    .option('--symbol <symbol>', "the order's symbol (lets the order be checked over REST on every market)")
    .option('--until <statuses>', 'statuses that end the wait, comma separated, or terminal', 'terminal')
    .option('--timeout <duration>', 'give up after this long (exit 4), e.g. 30s, 5m');
  addStreamOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
With BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE the order is also checked over REST at start and after
every reconnect; without, wait follows the stream only.

Examples:
  binance-orders wait 215456451001 --until FILLED --timeout 2m
  binance-orders wait my-client-id --symbol BTCUSDT --json | jq .avgPrice`,
  );
  cmd.action(async (orderText: string, raw: Record<string, unknown>) => {
    const opts = parseStreamOptions(raw);
    const parsed = WaitOptions.safeParse(raw);
    if (!parsed.success) throw new UsageError(describeIssues(parsed.error));
    const env = await envOf(opts, ctx);
    const apiKey = requireApiKey(env);
    const endpoints = endpointsOf(opts, env);
    const log = loggerFor(opts, ctx);
    const oddKey = oddKeyWarning('BINANCE_API_KEY', apiKey);
    if (oddKey) log.warn(oddKey);
    log.addSecret(apiKey);
    const order = orderRefOf(orderText, opts.symbol);
    const { runWait } = await import('../../run/wait.js');
    await runWait(
      { tail: tailConfigOf(opts, ctx, { endpoints, apiKey }), order, until: parsed.data.until, timeoutMs: parsed.data.timeout, reconcile: await reconcileSettingsOf(opts, env, log) },
      { stdout: ctx.stdout, log, signal: ctx.signal, now: Date.now, random: Math.random },
    );
  });
  return cmd;
}
