import { Command } from 'commander';
import { z } from 'zod';
import { openRecorder } from '../../record/recorder.js';
import { runTail } from '../../tail.js';
import type { CliContext } from '../context.js';
import { addFilterOptions, addOutputOptions, addStreamOptions } from '../shared-options.js';
import { endpointsOf, envOf, lintTimers, loggerFor, parseStreamOptions, requireApiKey, tailConfigOf } from '../tail-setup.js';

const TailOnlyOptions = z.object({ record: z.string().min(1).optional() });

/** `binance-orders tail`: follow the account's order updates. */
export function makeTailCommand(ctx: CliContext): Command {
  const cmd = new Command('tail').description('follow order updates of a Binance Futures account as they happen');
  addStreamOptions(cmd);
  addFilterOptions(cmd);
  addOutputOptions(cmd);
  cmd.option('--record <file>', 'append every received frame with its receive time to this file (NDJSON, owner-only; see replay)');
  cmd.addHelpText(
    'after',
    `
Credentials come from the environment or ./.env: BINANCE_API_KEY (required), BINANCE_API_SECRET.

Examples:
  binance-orders tail                           pretty lines on a terminal
  binance-orders tail --json | jq .status       JSON lines into a pipe
  binance-orders tail -m coinm --events all     every COIN-M event
  binance-orders tail --symbol BTCUSDT --status FILLED,CANCELED
  binance-orders tail --record incident.ndjson  keep the frames for 'binance-orders replay'`,
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
    const { record } = TailOnlyOptions.parse(raw);
    const recorder = record === undefined ? undefined : await openRecorder(record, log, Date.now);
    try {
      await runTail(config, {
        stdout: ctx.stdout,
        log,
        signal: ctx.signal,
        now: Date.now,
        random: Math.random,
        ...(recorder ? { onFrame: (text: string) => recorder.write(endpoints.market, text) } : {}),
      });
    } finally {
      await recorder?.close();
    }
  });
  return cmd;
}
