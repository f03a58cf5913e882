import { z } from 'zod';
import { commandOptions, CountOption, FilterOptions, filterOf, OutputOptions, parseOptions } from '../../config/schema.js';
import { resolveEndpoints } from '../../exchange/endpoints.js';
import { hmacSigner } from '../../rest/sign.js';
import { DEFAULT_TIMERS } from '../../stream/timers.js';
import type { CliContext } from '../context.js';
import { loggerFor, outputOf, statusLineFor } from '../output-setup.js';
import { startSimService } from '../sim-service.js';
import { attachSinks, SinkOptions } from '../sink-setup.js';
import { requireTerminal, showBoard } from '../terminal-board.js';

const DemoOptions = commandOptions({
  board: z.boolean().default(false),
  count: CountOption.optional(),
  rate: z.coerce.number().positive({ message: 'must be a number of events per second above 0' }).max(100_000).default(4),
  ...FilterOptions.shape,
  ...OutputOptions.shape,
  ...SinkOptions.shape,
});

/** `demo`: the tail pipeline (or the board) against a simulated exchange started in this process. */
export async function demo(raw: unknown, ctx: CliContext): Promise<void> {
  const opts = parseOptions(DemoOptions, raw);
  const { count, rate, board } = opts;
  if (board) requireTerminal(ctx);
  const status = statusLineFor(opts, ctx);
  const log = loggerFor(opts, ctx, status);
  const sinks = await attachSinks(opts, { ctx, env: ctx.env, log, secrets: [] });
  if (sinks) status?.addPart(sinks.summary);
  // The flow holds while no client listens, so the first lines are the start of order lives.
  const service = await startSimService({ port: 0, ratePerSec: rate, log });
  try {
    const { sim } = service;
    const endpoints = resolveEndpoints('usdm', 'mainnet', { restUrl: sim.restUrl, wsUrl: sim.wsUrl });
    if (board) {
      const signer = hmacSigner(sim.apiSecret);
      await showBoard(ctx, { endpoints, apiKey: sim.apiKey, timers: DEFAULT_TIMERS, signer: async () => signer, reconcile: true, noColorFlag: !opts.color });
      return;
    }
    log.info(`demo: simulated exchange on ${sim.restUrl}; ${rate} order lifecycle steps/s; ${count === undefined ? 'Ctrl-C to stop' : `stops after ${count} event${count === 1 ? '' : 's'}`}`);
    const { runTail } = await import('../../run/tail.js');
    await runTail(
      { endpoints, apiKey: sim.apiKey, ...outputOf(opts, ctx), timers: DEFAULT_TIMERS, filter: filterOf(opts), closeListenKey: false, count },
      {
        stdout: status && ctx.stdout.isTTY ? status.guard(ctx.stdout) : ctx.stdout,
        log,
        signal: ctx.signal,
        now: Date.now,
        random: Math.random,
        status,
        ...(sinks ? { onPrinted: sinks.deliver } : {}),
      },
    );
  } finally {
    await sinks?.stop();
    await service.close();
  }
}
