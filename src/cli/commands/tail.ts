import { Command } from 'commander';
import { loadEnv } from '../../config/env.js';
import { networkOf } from '../../config/schema.js';
import { resolveEndpoints } from '../../endpoints.js';
import { ConfigError } from '../../errors.js';
import { runTail } from '../../tail.js';
import type { CliContext } from '../context.js';
import { addFilterOptions, addOutputOptions, addStreamOptions } from '../shared-options.js';
import { lintTimers, loggerFor, parseStreamOptions, statusLineFor, tailConfigOf } from '../tail-setup.js';

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
    const env = await loadEnv({ cwd: ctx.cwd, envFile: opts.envFile, env: ctx.env });
    const apiKey = env.BINANCE_API_KEY?.trim();
    if (!apiKey) {
      throw new ConfigError('BINANCE_API_KEY is not set: export it or put it in ./.env (see .env.example); there is no flag for it, so it never shows in the process list');
    }
    const endpoints = resolveEndpoints(opts.market, networkOf(opts), {
      restUrl: opts.restUrl ?? env.BINANCE_REST_URL,
      wsUrl: opts.wsUrl ?? env.BINANCE_WS_URL,
    });
    const status = statusLineFor(opts, ctx);
    const log = loggerFor(opts, ctx, status);
    for (const secret of [apiKey, env.BINANCE_API_SECRET ?? '']) log.addSecret(secret);
    const config = tailConfigOf(opts, ctx, { endpoints, apiKey });
    lintTimers(config.timers, log);
    if (endpoints.status === 'unverified') {
      log.warn(`the ${endpoints.market} ${endpoints.network} endpoints are unverified; if no events arrive, see the README's endpoint table`);
    }
    await runTail(config, { stdout: status && ctx.stdout.isTTY ? status.guard(ctx.stdout) : ctx.stdout, log, signal: ctx.signal, now: Date.now, random: Math.random, status });
  });
  return cmd;
}
