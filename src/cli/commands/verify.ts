import { Command } from 'commander';
import { z } from 'zod';
import { signerFromEnv } from '../credentials.js';
import { Duration } from '../../config/duration.js';
import { describeIssues, networkOf } from '../../config/schema.js';
import { BinanceOrdersError, ConfigError, UsageError } from '../../errors/errors.js';
import { scrub } from '../../log/redact.js';
import { DEFAULT_TIMERS } from '../../stream/timers.js';
import type { VerifyStep } from '../../verify/round-trip.js';
import type { CliContext } from '../context.js';
import { endpointsOf, envOf, loggerFor, parseStreamOptions, requireApiKey } from '../tail-setup.js';

const VerifyOptions = z.object({
  mainnetIUnderstand: z.boolean().default(false),
  eventTimeout: Duration.prefault('10s'),
});

const DEFAULT_SYMBOL = { usdm: 'BTCUSDT', coinm: 'BTCUSD_PERP' } as const;

/** The round trip failed: the report's cause, with the exit code it maps to. */
class VerifyFailed extends BinanceOrdersError {
  constructor(message: string, exitCode: number) {
    super(message, exitCode === 3 ? 'AUTH_REJECTED' : 'EXCHANGE', exitCode);
  }
}

const line = (step: VerifyStep) => `verify: ${step.ok ? '✓' : '✗'} ${step.name.padEnd(14)} ${step.detail} [${step.ms} ms]`;

/** `binance-orders verify`: prove keys, REST and the stream route end to end with one cancelled order. */
export function makeVerifyCommand(ctx: CliContext): Command {
  const cmd = new Command('verify')
    .description('place a tiny post-only order far from the market, see its events on the stream, cancel it: PASS or FAIL with the cause')
    .option('-m, --market <market>', 'usdm or coinm', 'usdm')
    .option('--testnet', 'use the futures testnet (the intended use)')
    .option('--demo-trading', "use Binance's demo-trading hosts (usdm; hosts unverified)")
    .option('--mainnet-i-understand', 'allow mainnet: the order is real, tiny, post-only and cancelled at once')
    .option('--symbol <symbol>', 'symbol to trade (default BTCUSDT, or BTCUSD_PERP on coinm)')
    .option('--event-timeout <duration>', 'how long each order event may take to arrive', '10s')
    .option('--rest-url <url>', 'replace the REST scheme://host[:port] (env BINANCE_REST_URL)')
    .option('--ws-url <url>', 'replace the stream scheme://host[:port]; a URL containing {listenKey} is used whole (env BINANCE_WS_URL)')
    .option('--env-file <path>', 'read credentials from this file instead of ./.env')
    .option('--json', 'print the report as one JSON object on stdout')
    .option('-q, --quiet', 'print only the verdict on failure')
    .option('-v, --verbose', 'log details on stderr');
  cmd.addHelpText(
    'after',
    `
Needs BINANCE_API_KEY and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE). Exit 0 on PASS, 3 when the key,
signature or clock is rejected, 1 for any other failure.

Examples:
  binance-orders verify --testnet
  binance-orders verify --testnet --symbol ETHUSDT --json | jq .pass`,
  );
  cmd.action(async (raw: Record<string, unknown>) => {
    const opts = parseStreamOptions(raw);
    const parsed = VerifyOptions.safeParse(raw);
    if (!parsed.success) throw new UsageError(describeIssues(parsed.error));
    if (opts.market === 'pm') throw new UsageError('verify supports usdm and coinm (Portfolio Margin has no testnet)');
    const network = networkOf(opts);
    if (network === 'mainnet' && !parsed.data.mainnetIUnderstand) {
      throw new UsageError('verify places a real order: use --testnet, or add --mainnet-i-understand for a tiny post-only order far from the market, cancelled at once');
    }
    const env = await envOf(opts, ctx);
    const apiKey = requireApiKey(env);
    const log = loggerFor(opts, ctx);
    log.addSecret(apiKey);
    const signer = await signerFromEnv(env, log);
    if (!signer) throw new ConfigError('verify signs orders: set BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE');
    if (opts.symbol !== undefined && opts.symbol.size !== 1) throw new UsageError('--symbol takes one symbol for verify');
    const symbol = opts.symbol ? ([...opts.symbol][0] as string) : DEFAULT_SYMBOL[opts.market];
    const endpoints = endpointsOf(opts, env);
    log.info(`verify: ${endpoints.market} ${endpoints.network}, REST ${endpoints.restBase}, ${symbol}`);
    const { runVerify } = await import('../../verify/round-trip.js');
    const report = await runVerify(
      { endpoints, apiKey, signer, symbol, eventTimeoutMs: parsed.data.eventTimeout, timers: DEFAULT_TIMERS },
      { log, now: Date.now, signal: ctx.signal, onStep: (step) => (step.ok ? log.info(line(step)) : log.warn(line(step))) },
    );
    if (opts.json) {
      const { pass, steps, cause, deliveredBy } = report;
      // Scrubbed like stderr: a route may carry user:password from --ws-url, a step may quote the key.
      ctx.stdout.write(`${scrub(JSON.stringify({ pass, market: endpoints.market, network: endpoints.network, symbol, cause, deliveredBy, steps }), ctx.secrets)}\n`);
    }
    if (!report.pass) throw new VerifyFailed(`verify FAIL: ${report.cause ?? 'unknown cause'}`, report.exitCode);
    log.info(`verify: PASS: the order's NEW and CANCELED events arrived on ${report.deliveredBy ?? 'the configured route'}`);
  });
  return cmd;
}
