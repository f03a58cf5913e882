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
  readonly market: SimMarket;
  readonly key: string;
  readonly expiry: NodeJS.Timeout;
}

/**
 * The one active listenKey per account and market, as Binance keeps one per account and product:
 * creating while a key is active returns that key, and every create or keepalive restarts its TTL.
 * `account` tells the accounts of an exchange with several apart; leaving it out means the one
 * account every API key shares by default.
 */
export class ListenKeyRegistry {
  readonly #active = new Map<string, ActiveKey>();
  readonly #options: ListenKeyRegistryOptions;

  constructor(options: ListenKeyRegistryOptions) {
    this.#options = options;
  }

  /** The account's active key on the market, if any. */
  active(market: SimMarket, account?: string): string | undefined {
    return this.#active.get(slotOf(market, account))?.key;
  }

  /** Every account's active key on the market. */
  activeKeys(market: SimMarket): Set<string> {
    const keys = new Set<string>();
    for (const active of this.#active.values()) if (active.market === market) keys.add(active.key);
    return keys;
  }

  /** The market whose active key this is, if it is active anywhere. */
  marketOf(key: string): SimMarket | undefined {
    return SIM_MARKETS.find((market) => this.activeKeys(market).has(key));
  }

  /** POST semantics: extend and return the active key, or issue a new one. */
  create(market: SimMarket, account?: string): string {
    return this.keepAlive(market, account) ?? this.#issue(market, account);
  }

  /** PUT semantics: extend the active key and return it, or undefined when there is none (-1125). */
  keepAlive(market: SimMarket, account?: string): string | undefined {
    const current = this.#active.get(slotOf(market, account));
    current?.expiry.refresh();
    return current?.key;
  }

  /** Forgets the account's key without any notification; returns the key that was removed. */
  revoke(market: SimMarket, account?: string): string | undefined {
    const slot = slotOf(market, account);
    const current = this.#active.get(slot);
    if (!current) return undefined;
    clearTimeout(current.expiry);
    this.#active.delete(slot);
    return current.key;
  }

  /** Clears every expiry timer. */
  close(): void {
    for (const active of this.#active.values()) clearTimeout(active.expiry);
    this.#active.clear();
  }

  #issue(market: SimMarket, account: string | undefined): string {
    const key = this.#options.keyFactory();
    const slot = slotOf(market, account);
    const expiry = setTimeout(() => {
      this.#active.delete(slot);
      this.#options.onExpired(market, key);
    }, this.#options.ttlMs);
    this.#active.set(slot, { market, key, expiry });
    return key;
  }
}

/** The registry's key for an account's market; the shared default account is the market alone. */
const slotOf = (market: SimMarket, account: string | undefined) => (account === undefined ? market : `${market} ${account}`);
