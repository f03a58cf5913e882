import { Command } from 'commander';
import { runTail } from '../../tail.js';
import type { CliContext } from '../context.js';
import { addFilterOptions, addOutputOptions, addStreamOptions } from '../shared-options.js';
import { endpointsOf, envOf, lintTimers, loggerFor, parseStreamOptions, requireApiKey, tailConfigOf } from '../tail-setup.js';

/** `binance-orders tail`: follow the account's order updates. */
export function makeTailCommand(ctx: CliContext): Command {
  const cmd = new Command('tail').description('follow order updates of a Binance Futures account as they happen');
  addStreamOptions(cmd);
  addFilterOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Credentials come from the environment or ./.env: BINANCE_API_KEY (required), BINANCE_API_SECRET.

Examples:
  binance-orders tail                           pretty lines on a terminal
  binance-orders tail --json | jq .status       JSON lines into a pipe
  binance-orders tail -m coinm --events all     every COIN-M event
  binance-orders tail --symbol BTCUSDT --status FILLED,CANCELED`,
  );
  cmd.action(async (raw: unknown) => {
    const opts = parseStreamOptions(raw);
    const env = await envOf(opts, ctx);
    const apiKey = requireApiKey(env);
    const endpoints = endpointsOf(opts, env);
    const log = loggerFor(opts, ctx);
    for (const secret of [apiKey, env.BINANCE_API_SECRET ?? '']) log.addSecret(secret);
    const config = tailConfigOf(opts, ctx, { endpoints, apiKey });
    lintTimers(config.timers, log);
    if (endpoints.status === 'unverified') {
      log.warn(`the ${endpoints.market} ${endpoints.network} endpoints are unverified; if no events arrive, see the README's endpoint table`);
    }
    await runTail(config, { stdout: ctx.stdout, log, signal: ctx.signal, now: Date.now, random: Math.random });
  });
  return cmd;
}
