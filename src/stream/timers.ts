/** Every timer of the stream lifecycle, in one place so tests can scale them all down. */
export interface StreamTimers {
  /** Ping interval; a link silent for one more interval is replaced. @default 30_000 */
  heartbeatMs: number;
  /** listenKey keepalive (PUT) interval; keys live 60 min. @default 1_800_000 */
  keepaliveMs: number;
  /** First retry of a keepalive that failed for a network reason; doubles up to 60 s. @default 5_000 */
  keepaliveRetryMs: number;
  /** Replace a connection this old, before Binance's 24 h cut. @default 82_800_000 (23 h) */
  maxConnectionAgeMs: number;
  /** Reconnect backoff: full jitter in [0, min(cap, base·2ⁿ)]. @default 250 */
  backoffBaseMs: number;
  /** @default 30_000 */
  backoffCapMs: number;
  /** A connection open this long resets the backoff attempt count. @default 30_000 */
  healthyAfterMs: number;
  /** WebSocket opening handshake deadline. @default 10_000 */
  handshakeTimeoutMs: number;
  /** Wait after a 429/418 that carried no Retry-After. @default 30_000 */
  rateLimitDefaultMs: number;
  /** Deadline of a whole REST call, body included; a call past it is retried like a network error. @default 10_000 */
  restTimeoutMs: number;
}

export const DEFAULT_TIMERS: StreamTimers = {
  heartbeatMs: 30_000,
  keepaliveMs: 30 * 60_000,
  keepaliveRetryMs: 5_000,
  maxConnectionAgeMs: 23 * 3_600_000,
  backoffBaseMs: 250,
  backoffCapMs: 30_000,
  healthyAfterMs: 30_000,
  handshakeTimeoutMs: 10_000,
  rateLimitDefaultMs: 30_000,
  restTimeoutMs: 10_000,
};
