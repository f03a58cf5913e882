import { z } from 'zod';
import { Duration } from '../../config/duration.js';
import { commandOptions, EndpointOptions, FilterOptions, networkOf, parseOptions, VerbosityOptions } from '../../config/schema.js';
import { BinanceOrdersError, ConfigError, UsageError } from '../../errors/errors.js';
import { scrub } from '../../log/redact.js';
import { DEFAULT_TIMERS } from '../../stream/timers.js';
import type { VerifyStep } from '../../verify/round-trip.js';
import type { CliContext } from '../context.js';
import { loadCredentials } from '../credentials.js';
import { loggerFor } from '../output-setup.js';
import { endpointsOf } from '../stream-setup.js';

const VerifyOptions = commandOptions(
  {
    ...EndpointOptions.shape,
    mainnetIUnderstand: z.boolean().default(false),
    symbol: FilterOptions.shape.symbol,
    eventTimeout: Duration.prefault('10s'),
    json: z.boolean().default(false),
    ...VerbosityOptions.shape,
  },
  (opts) => (opts.symbol !== undefined && opts.symbol.size !== 1 ? '--symbol takes one symbol for verify' : undefined),
);

const DEFAULT_SYMBOL = { usdm: 'BTCUSDT', coinm: 'BTCUSD_PERP' } as const;

/** The round trip failed: the report's cause, with the exit code it maps to. */
class VerifyFailed extends BinanceOrdersError {
  constructor(message: string, exitCode: number) {
    super(message, exitCode === 3 ? 'AUTH_REJECTED' : 'EXCHANGE', exitCode);
  }
}

const line = (step: VerifyStep) => `verify: ${step.ok ? '✓' : '✗'} ${step.name.padEnd(14)} ${step.detail} [${step.ms} ms]`;

/** `verify`: one tiny post-only order placed, seen on the stream and cancelled; PASS or FAIL with the cause. */
export async function verify(raw: unknown, ctx: CliContext): Promise<void> {
  const opts = parseOptions(VerifyOptions, raw);
  const { market } = opts;
  if (market === 'pm') throw new UsageError('verify supports usdm and coinm (Portfolio Margin has no testnet)');
  if (networkOf(opts) === 'mainnet' && !opts.mainnetIUnderstand) {
    throw new UsageError('verify places a real order: use --testnet, or add --mainnet-i-understand for a tiny post-only order far from the market, cancelled at once');
  }
  const { env, credentials } = await loadCredentials(opts.envFile, ctx);
  const apiKey = credentials.requireApiKey();
  const log = loggerFor(opts, ctx);
  const signer = await credentials.signer();
  if (!signer) throw new ConfigError('verify signs orders: set BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE');
  const symbol = (opts.symbol && [...opts.symbol][0]) ?? DEFAULT_SYMBOL[market];
  const endpoints = endpointsOf(opts, env, market);
  log.info(`verify: ${endpoints.market} ${endpoints.network}, REST ${endpoints.restBase}, ${symbol}`);
  const { runVerify } = await import('../../verify/round-trip.js');
  const report = await runVerify(
    { endpoints, apiKey, signer, symbol, eventTimeoutMs: opts.eventTimeout, timers: DEFAULT_TIMERS },
    { log, now: Date.now, signal: ctx.signal, onStep: (step) => (step.ok ? log.info(line(step)) : log.warn(line(step))) },
  );
  if (opts.json) {
    const { pass, steps, cause, deliveredBy } = report;
    // Scrubbed like stderr: a route may carry user:password from --ws-url, a step may quote the key.
    ctx.stdout.write(`${scrub(JSON.stringify({ pass, market: endpoints.market, network: endpoints.network, symbol, cause, deliveredBy, steps }), ctx.secrets)}\n`);
  }
  if (!report.pass) throw new VerifyFailed(`verify FAIL: ${report.cause ?? 'unknown cause'}`, report.exitCode);
  log.info(`verify: PASS: the order's NEW and CANCELED events arrived on ${report.deliveredBy ?? 'the configured route'}`);
}
