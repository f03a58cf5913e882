import { Command } from 'commander';
import { z } from 'zod';
import { CountOption } from '../../config/schema.js';
import { resolveEndpoints } from '../../exchange/endpoints.js';
import { UsageError } from '../../errors/errors.js';
import { runTail } from '../../run/tail.js';
import { hmacSigner } from '../../rest/sign.js';
import type { CliContext } from '../context.js';
import { startSimService } from '../sim-service.js';
import { addFilterOptions, addOutputOptions } from '../shared-options.js';
import { addSinkOptions, attachSinks } from '../sink-setup.js';
import { loggerFor, parseStreamOptions, statusLineFor, tailConfigOf, timersOf } from '../tail-setup.js';
import { requireTerminal, showBoard } from './board.js';

const DemoOptions = z.object({
  board: z.boolean().default(false),
  count: CountOption.optional(),
  rate: z.coerce.number().positive({ message: 'must be a number of events per second above 0' }).max(100_000).default(4),
});

/** `binance-orders demo`: the real tail pipeline against the built-in simulated exchange. */
export function makeDemoCommand(ctx: CliContext): Command {
  const cmd = new Command('demo').description('run tail against a simulated exchange on 127.0.0.1: no keys, no network');
  cmd.option('--board', 'show the live full-screen board instead of printing lines (needs a terminal)');
  cmd.option('--count <n>', 'stop after this many printed events').option('--rate <events/s>', 'simulated order lifecycle steps per second', '4');
  addFilterOptions(cmd);
  addOutputOptions(cmd);
  addSinkOptions(cmd);
  cmd.addHelpText('after', '\nExamples:\n  binance-orders demo\n  binance-orders demo --board\n  binance-orders demo --count 20 --json | jq -c \'{symbol, status, filledQty}\'');
  cmd.action(async (raw: Record<string, unknown>) => {
    const parsed = DemoOptions.safeParse(raw);
    if (!parsed.success) throw new UsageError(`--${String(parsed.error.issues[0]?.path[0])}: ${parsed.error.issues[0]?.message}`);
    const { count, rate, board } = parsed.data;
    const opts = parseStreamOptions(raw);
    if (board) requireTerminal(ctx);
    const status = statusLineFor(opts, ctx);
    const log = loggerFor(opts, ctx, status);
    const sinks = await attachSinks(raw, { processEnv: ctx.env, env: ctx.env, log, secrets: [] });
    if (sinks) status?.addPart(sinks.summary);
    // The flow holds while no client listens, so the first lines are the start of order lives.
    const service = await startSimService({ port: 0, ratePerSec: rate, log });
    try {
      const { sim } = service;
      const endpoints = resolveEndpoints('usdm', 'mainnet', { restUrl: sim.restUrl, wsUrl: sim.wsUrl });
      if (board) {
        const signer = hmacSigner(sim.apiSecret);
        await showBoard(ctx, { endpoints, apiKey: sim.apiKey, timers: timersOf(opts), signer: async () => signer, reconcile: true, noColorFlag: !opts.color });
        return;
      }
      log.info(`demo: simulated exchange on ${sim.restUrl}; ${rate} order lifecycle steps/s; ${count === undefined ? 'Ctrl-C to stop' : `stops after ${count} event${count === 1 ? '' : 's'}`}`);
      const config = { ...tailConfigOf(opts, ctx, { endpoints, apiKey: sim.apiKey }), count };
      await runTail(config, {
        stdout: status && ctx.stdout.isTTY ? status.guard(ctx.stdout) : ctx.stdout,
        log,
        signal: ctx.signal,
        now: Date.now,
        random: Math.random,
        status,
        ...(sinks ? { onPrinted: sinks.deliver } : {}),
      });
    } finally {
      await sinks?.stop();
      await service.close();
    }
  });
  return cmd;
}
