import { z } from 'zod';
import { commandOptions, parseOptions, VerbosityOptions } from '../../config/schema.js';
import { isLoopback } from '../../exchange/endpoints.js';
import { UsageError } from '../../errors/errors.js';
import { createLogger } from '../../log/log.js';
import type { CliContext } from '../context.js';
import { startSimService } from '../sim-service.js';

const SimOptions = commandOptions({
  port: z.coerce.number().int().min(0).max(65_535, { message: 'must be a port number from 0 to 65535' }).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  allowRemote: z.boolean().default(false),
  rate: z.coerce.number().min(0, { message: 'must be a number of steps per second, 0 or more' }).max(100_000).default(1),
  seed: z.coerce.number().int({ message: 'must be a whole number' }).optional(),
  faults: z.string().optional(),
  quiet: VerbosityOptions.shape.quiet,
});

/** `sim`: the simulated exchange, listening until interrupted. */
export async function sim(raw: unknown, ctx: CliContext): Promise<void> {
  const options = parseOptions(SimOptions, raw);
  if (!isLoopback(options.host) && !options.allowRemote) {
    throw new UsageError(`--host ${options.host} is not a loopback address; the simulator has no authentication, so add --allow-remote to mean it`);
  }
  const { parseFaultSchedule } = await import('../../config/fault-schedule.js');
  const faults = options.faults === undefined ? [] : parseFaultSchedule(options.faults);
  const log = createLogger({ write: (text) => ctx.stderr.write(text), verbosity: options.quiet ? 'quiet' : 'normal' });
  const service = await startSimService({
    host: options.host,
    port: options.port,
    ratePerSec: options.rate,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    faults,
    log,
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
      throw new UsageError(`cannot listen on ${options.host}:${options.port}: ${err.code}; pick another --port, or 0 for a free one`);
    }
    throw err;
  });
  try {
    const { sim } = service;
    ctx.stdout.write(`${JSON.stringify({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, apiKey: sim.apiKey, apiSecret: sim.apiSecret })}\n`);
    if (!isLoopback(options.host)) log.warn(`listening on ${options.host}: anyone who reaches it can place orders and inject faults`);
    log.info(
      `sim: listening on ${sim.restUrl} (USDⓈ-M /fapi + /private/ws, COIN-M /dapi + /ws, PM /papi + /pm/ws); control API under /_sim/; ` +
        `${options.rate > 0 ? `${options.rate} background steps/s` : 'no background flow'}${faults.length > 0 ? `; ${faults.length} scheduled fault(s)` : ''}; Ctrl-C to stop`,
    );
    await untilAborted(ctx.signal);
    log.info('sim: stopping');
  } finally {
    await service.close();
  }
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
