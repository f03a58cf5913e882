import { z } from 'zod';
import type { RestClient } from './client.js';

const CreateBody = z.looseObject({ listenKey: z.string().min(1) });
// USDⓈ-M answers a keepalive with the extended key, COIN-M and PM with {}.
const AnyBody = z.looseObject({});

/** The three listenKey calls of one market. USER_STREAM security: API key header only, no signature. */
export interface ListenKeyApi {
  /** POST: returns the account's active key (extended by 60 min) or a new one. */
  create(signal?: AbortSignal): Promise<string>;
  /** PUT with no parameters: extends the active key by 60 min; -1125 when it no longer exists. */
  keepAlive(signal?: AbortSignal): Promise<void>;
  /** DELETE: ends the stream for every consumer of the account. Only on explicit request. */
  close(signal?: AbortSignal): Promise<void>;
}

/** Binds the listenKey calls to a REST client and the market's listenKey path. */
export function listenKeyApi(rest: RestClient, path: string): ListenKeyApi {
  return {
    create: async (signal) => (await rest.call('POST', path, CreateBody, { signal })).listenKey,
    keepAlive: async (signal) => {
      await rest.call('PUT', path, AnyBody, { signal });
    },
    close: async (signal) => {
      await rest.call('DELETE', path, AnyBody, { signal });
    },
  };
}
