import type { Env } from '../config/env.js';
import { networkOf, type ConnectionOptions, type EndpointOptions, type OutputOptions } from '../config/schema.js';
import { resolveEndpoints, type Market, type ResolvedEndpoints } from '../exchange/endpoints.js';
import type { Logger } from '../log/log.js';
import type { ReconcileSettings } from '../reconcile/attach.js';
import type { TailConfig } from '../run/tail.js';
import { DEFAULT_TIMERS, type StreamTimers } from '../stream/timers.js';
import type { CliContext } from './context.js';
import { NO_SIGNING_CREDENTIALS, type Credentials } from './credentials.js';
import { outputOf } from './output-setup.js';

/** The endpoints the flags select for a market, with --rest-url/--ws-url or their env fallbacks applied. */
export function endpointsOf(opts: Omit<EndpointOptions, 'market'>, env: Env, market: Market): ResolvedEndpoints {
  return resolveEndpoints(market, networkOf(opts), {
    restUrl: opts.restUrl ?? env.BINANCE_REST_URL,
    wsUrl: opts.wsUrl ?? env.BINANCE_WS_URL,
  });
}

/** The stream timers the flags set; the rest keep their defaults. */
export function timersOf(opts: ConnectionOptions): StreamTimers {
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

/** A followed stream's settings from its flags: output, timers and the listenKey on exit (the caller adds what it follows). */
export function tailConfigOf(
  opts: ConnectionOptions & OutputOptions,
  ctx: CliContext,
  rest: Pick<TailConfig, 'endpoints' | 'apiKey'>,
): Omit<TailConfig, 'filter' | 'count' | 'reconcile'> {
  return { ...rest, ...outputOf(opts, ctx), timers: timersOf(opts), closeListenKey: opts.closeListenKey };
}

/** Gap recovery as the flags and credentials allow it; reads the private key file when one is named. */
export async function reconcileSettingsOf(enabled: boolean, credentials: Credentials, symbols?: ReadonlySet<string>): Promise<ReconcileSettings> {
  if (!enabled) return { mode: 'off' };
  const signer = await credentials.signer();
  if (!signer) return { mode: 'unavailable', reason: NO_SIGNING_CREDENTIALS };
  return { mode: 'on', signer, symbols };
}
