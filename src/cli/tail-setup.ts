import { NO_SIGNING_CREDENTIALS, signerFromEnv } from './credentials.js';
import { loadEnv, type Env } from '../config/env.js';
import { describeIssues, filterOf, MarketsOption, networkOf, StreamOptions } from '../config/schema.js';
import { resolveEndpoints, type Market, type ResolvedEndpoints } from '../exchange/endpoints.js';
import { ConfigError, UsageError } from '../errors/errors.js';
import { createLogger, type Logger } from '../log/log.js';
import type { PrettyOptions } from '../output/pretty.js';
import { resolveColorLevel } from '../output/color.js';
import { createStatusLine, type StatusLine } from '../output/status-line.js';
import type { OutputMode } from '../output/printer.js';
import type { ReconcileSettings } from '../reconcile/attach.js';
import type { StreamTimers } from '../stream/timers.js';
import { DEFAULT_TIMERS } from '../stream/timers.js';
import type { TailConfig } from '../run/tail.js';
import type { CliContext } from './context.js';

/** Validates commander's loose option bag once; below this, everything is typed. */
export function parseStreamOptions(raw: unknown): StreamOptions {
  const parsed = StreamOptions.safeParse(raw);
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error));
  if (parsed.data.testnet && parsed.data.demoTrading) throw new UsageError('--testnet and --demo-trading exclude each other');
  if (parsed.data.json && parsed.data.output !== undefined && parsed.data.output !== 'json') {
    throw new UsageError(`--json contradicts -o ${parsed.data.output}`);
  }
  if (parsed.data.quiet && parsed.data.verbose) throw new UsageError('--quiet and --verbose exclude each other');
  return parsed.data;
}

/** The --status-line display, when asked for and stderr is a terminal; elsewhere it would only be noise. */
export function statusLineFor(opts: StreamOptions, ctx: CliContext): StatusLine | undefined {
  if (!opts.statusLine || ctx.stderr.isTTY !== true) return undefined;
  return createStatusLine({ write: (text) => ctx.stderr.write(text), now: Date.now, columns: ctx.stderr.columns });
}

/** The stderr logger the flags ask for; with a status line, every log line goes around it. */
export function loggerFor(opts: StreamOptions, ctx: CliContext, status?: StatusLine): Logger {
  return createLogger({
    write: status ? status.write : (text) => ctx.stderr.write(text),
    verbosity: opts.quiet ? 'quiet' : opts.verbose ? 'verbose' : 'normal',
    secrets: ctx.secrets,
  });
}

/** Output mode and colour from the flags and the terminal. */
export function outputOf(opts: StreamOptions, ctx: CliContext): { output: OutputMode; colorLevel: 0 | 1 | 2 | 3; pretty: PrettyOptions } {
  const output: OutputMode = opts.json ? 'json' : (opts.output ?? (ctx.stdout.isTTY ? 'pretty' : 'json'));
  const colorLevel = resolveColorLevel({ isTTY: ctx.stdout.isTTY === true, env: ctx.env, noColorFlag: !opts.color });
  // On a terminal, lines fit its width as it is now (it changes when the window is resized).
  const columns = ctx.stdout.isTTY === true ? () => ctx.stdout.columns : undefined;
  return { output, colorLevel, pretty: { columns, utc: opts.utc } };
}

/** The stream timers the flags set; the rest keep their defaults. */
export function timersOf(opts: StreamOptions): StreamTimers {
  return {
    ...DEFAULT_TIMERS,
    keepaliveMs: opts.keepalive,
    heartbeatMs: opts.heartbeat,
    maxConnectionAgeMs: opts.maxConnectionAge,
    backoffBaseMs: opts.reconnectMin,
    backoffCapMs: Math.max(opts.reconnectMin, opts.reconnectMax),
    keepaliveRetryMs: Math.min(DEFAULT_TIMERS.keepaliveRetryMs, opts.keepalive),
    healthyAfterMs: Math.min(DEFAULT_TIMERS.healthyAfterMs, opts.heartbeat * 2),
    rateLimitDefaultMs: Math.min(DEFAULT_TIMERS.rateLimitDefaultMs, Math.max(opts.reconnectMax, 1_000)),
  };
}

/** Warnings for flag values that work but are probably a mistake. */
export function lintTimers(timers: StreamTimers, log: Logger): void {
  if (timers.keepaliveMs >= 60 * 60_000) log.warn('--keepalive is 60m or more: the listenKey expires after 60m without one');
  if (timers.maxConnectionAgeMs >= 24 * 3_600_000) log.warn('--max-connection-age is 24h or more: Binance cuts connections at 24h');
}

/** Assembles TailConfig from validated options and resolved endpoints. */
export function tailConfigOf(opts: StreamOptions, ctx: CliContext, rest: Pick<TailConfig, 'endpoints' | 'apiKey'>): TailConfig {
  return {
    ...rest,
    ...outputOf(opts, ctx),
    timers: timersOf(opts),
    filter: filterOf(opts),
    closeListenKey: opts.closeListenKey,
  };
}

/** Gap recovery as the flags and credentials allow it; reads the private key file when one is named. */
export async function reconcileSettingsOf(opts: StreamOptions, env: Env, log: Logger): Promise<ReconcileSettings> {
  if (!opts.reconcile) return { mode: 'off' };
  const signer = await signerFromEnv(env, log);
  if (!signer) return { mode: 'unavailable', reason: NO_SIGNING_CREDENTIALS };
  return { mode: 'on', signer, symbols: opts.symbol };
}

/** The process environment over ./.env or --env-file; its credentials join the values never printed. */
export async function envOf(opts: StreamOptions, ctx: CliContext): Promise<Env> {
  const env = await loadEnv({ cwd: ctx.cwd, envFile: opts.envFile, env: ctx.env });
  for (const value of [env.BINANCE_API_KEY, env.BINANCE_API_SECRET]) {
    if (value !== undefined && value.trim().length > 0) ctx.secrets.add(value).add(value.trim());
  }
  return env;
}

/** BINANCE_API_KEY, or a ConfigError that says where to put it. */
export function requireApiKey(env: Env): string {
  const apiKey = env.BINANCE_API_KEY?.trim();
  if (!apiKey) {
    throw new ConfigError('BINANCE_API_KEY is not set: export it or put it in ./.env (see .env.example); there is no flag for it, so it never shows in the process list');
  }
  return apiKey;
}

/** The endpoints the flags select for a market, with --rest-url/--ws-url or their env fallbacks applied. */
export function endpointsOf(opts: StreamOptions, env: Env, market: Market = opts.market): ResolvedEndpoints {
  return resolveEndpoints(market, networkOf(opts), {
    restUrl: opts.restUrl ?? env.BINANCE_REST_URL,
    wsUrl: opts.wsUrl ?? env.BINANCE_WS_URL,
  });
}

/** --market for commands that take several markets, comma separated. */
export function marketsOf(text: unknown): Market[] {
  const parsed = MarketsOption.prefault('usdm').safeParse(text);
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error).replace(/^options:/, '--market:'));
  return parsed.data;
}
