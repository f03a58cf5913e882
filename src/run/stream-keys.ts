import type { ResolvedEndpoints } from '../exchange/endpoints.js';
import { createRestClient, header } from '../rest/client.js';
import { listenKeyApi, type ListenKeyApi } from '../rest/listen-key.js';
import type { WeightQueue } from '../rest/weight-queue.js';
import type { StreamTimers } from '../stream/timers.js';

/** What a stream's listenKey calls need. */
export interface StreamKeysConfig {
  endpoints: ResolvedEndpoints;
  apiKey: string;
  /** The variable the key came from, named when the exchange refuses it. @default 'BINANCE_API_KEY' */
  apiKeyName?: string | undefined;
  timers: Pick<StreamTimers, 'restTimeoutMs'>;
}

/**
 * The listenKey calls of one stream, over a REST client of their own, counted against the process's
 * weight queue when there is one. Light to load (no socket, no event schemas), so that a command can
 * send the first request before loading the rest of the stream.
 */
export function streamKeys(config: StreamKeysConfig, hooks: { now: () => number; weights?: WeightQueue | undefined }): ListenKeyApi {
  const { endpoints } = config;
  const { now, weights } = hooks;
  const rest = createRestClient({
    baseUrl: endpoints.restBase,
    apiKey: config.apiKey,
    now,
    timeoutMs: config.timers.restTimeoutMs,
    ...(config.apiKeyName ? { apiKeyName: config.apiKeyName } : {}),
    ...(weights ? { onResponse: (_status, headers) => weights.budget.noteHeader(header(headers, 'x-mbx-used-weight-1m'), now()) } : {}),
  });
  return listenKeyApi(rest, endpoints.listenKeyPath, weights);
}
