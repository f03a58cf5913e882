import { randomInt } from 'node:crypto';
import { SIM_MARKETS, type SimMarket } from './market.js';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh listenKey the way Binance prints them: 64 random alphanumeric characters. */
export function randomListenKey(): string {
  let key = '';
  for (let i = 0; i < 64; i++) key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return key;
}

/** What the registry needs from the exchange around it. */
export interface ListenKeyRegistryOptions {
  /** A key not extended within this many ms expires. */
  ttlMs: number;
  keyFactory: () => string;
  /** Called after a key timed out and was forgotten, so its sockets can be told. */
  onExpired: (market: SimMarket, key: string) => void;
}

interface ActiveKey {
  readonly key: string;
  readonly expiry: NodeJS.Timeout;
}

/**
 * The one active listenKey per market, as Binance keeps one per account and product:
 * creating while a key is active returns that key, and every create or keepalive restarts its TTL.
 */
export class ListenKeyRegistry {
  readonly #active = new Map<SimMarket, ActiveKey>();
  readonly #options: ListenKeyRegistryOptions;

  constructor(options: ListenKeyRegistryOptions) {
    this.#options = options;
  }

  /** The market's active key, if any. */
  active(market: SimMarket): string | undefined {
    return this.#active.get(market)?.key;
  }

  /** The market whose active key this is, if it is active anywhere. */
  marketOf(key: string): SimMarket | undefined {
    return SIM_MARKETS.find((market) => this.#active.get(market)?.key === key);
  }

  /** POST semantics: extend and return the active key, or issue a new one. */
  create(market: SimMarket): string {
    return this.keepAlive(market) ?? this.#issue(market);
  }

  /** PUT semantics: extend the active key and return it, or undefined when there is none (-1125). */
  keepAlive(market: SimMarket): string | undefined {
    const current = this.#active.get(market);
    current?.expiry.refresh();
    return current?.key;
  }

  /** Forgets the market's key without any notification; returns the key that was removed. */
  revoke(market: SimMarket): string | undefined {
    const current = this.#active.get(market);
    if (!current) return undefined;
    clearTimeout(current.expiry);
    this.#active.delete(market);
    return current.key;
  }

  /** Clears every expiry timer. */
  close(): void {
    for (const market of SIM_MARKETS) this.revoke(market);
  }

  #issue(market: SimMarket): string {
    const key = this.#options.keyFactory();
    const expiry = setTimeout(() => {
      this.#active.delete(market);
      this.#options.onExpired(market, key);
    }, this.#options.ttlMs);
    this.#active.set(market, { key, expiry });
    return key;
  }
}
