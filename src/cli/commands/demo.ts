import { Command } from 'commander';
import { z } from 'zod';
import { resolveEndpoints } from '../../exchange/endpoints.js';
import { UsageError } from '../../errors/errors.js';
import { runTail } from '../../run/tail.js';
import type { CliContext } from '../context.js';
import { startSimService } from '../sim-service.js';
import { addFilterOptions, addOutputOptions } from '../shared-options.js';
import { loggerFor, parseStreamOptions, statusLineFor, tailConfigOf } from '../tail-setup.js';

const DemoOptions = z.object({
  count: z.coerce.number({ message: 'must be a whole number above 0' }).int({ message: 'must be a whole number above 0' }).positive({ message: 'must be a whole number above 0' }).optional(),
  rate: z.coerce.number().positive({ message: 'must be a number of events per second above 0' }).max(100_000).default(4),
});

/** `binance-orders demo`: the real tail pipeline against the built-in simulated exchange. */
export function makeDemoCommand(ctx: CliContext): Command {
  const cmd = new Command('demo').description('run tail against a simulated exchange on 127.0.0.1: no keys, no network');
  cmd.option('--count <n>', 'stop after this many printed events').option('--rate <events/s>', 'simulated order lifecycle steps per second', '4');
  addFilterOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText('after', '\nExamples:\n  binance-orders demo\n  binance-orders demo --count 20 --json | jq -c \'{symbol, status, filledQty}\'');
  cmd.action(async (raw: Record<string, unknown>) => {
    const parsed = DemoOptions.safeParse(raw);
    if (!parsed.success) throw new UsageError(`--${String(parsed.error.issues[0]?.path[0])}: ${parsed.error.issues[0]?.message}`);
    const { count, rate } = parsed.data;
    const opts = parseStreamOptions(raw);
    const status = statusLineFor(opts, ctx);
    const log = loggerFor(opts, ctx, status);
    // The flow holds while no client listens, so the first lines are the start of order lives.
    const service = await startSimService({ port: 0, ratePerSec: rate, log });
    try {
      const { sim } = service;
      const endpoints = resolveEndpoints('usdm', 'mainnet', { restUrl: sim.restUrl, wsUrl: sim.wsUrl });
      log.info(`demo: simulated exchange on ${sim.restUrl}; ${rate} order lifecycle steps/s; Ctrl-C to stop`);
      const config = { ...tailConfigOf(opts, ctx, { endpoints, apiKey: sim.apiKey }), count };
      await runTail(config, { stdout: status && ctx.stdout.isTTY ? status.guard(ctx.stdout) : ctx.stdout, log, signal: ctx.signal, now: Date.now, random: Math.random, status });
    } finally {
      await service.close();
    }
  });
  return cmd;
}
