/** Binance's REQUEST_WEIGHT limit per IP, shared by fapi and dapi. */
export const WEIGHT_LIMIT_PER_MINUTE = 2400;

/**
 * Tracks the request weight Binance reports in X-MBX-USED-WEIGHT-1M and says how long to wait before
 * a call of a given weight, so reconciliation slows down near the limit instead of earning a 429 (and
 * then a 418 IP ban that would stop every tool on this IP). Binance counts per clock minute.
 */
export class WeightBudget {
  #minute = -1;
  #used = 0;
  #blockedUntilMs = Number.NEGATIVE_INFINITY;

  /** @param reserve weight left untouched for other tools on the same IP */
  constructor(
    readonly limitPerMinute = WEIGHT_LIMIT_PER_MINUTE,
    readonly reserve = Math.floor(limitPerMinute / 10),
  ) {}

  /** Records a response's used-weight header, read at server time `serverMs`. */
  note(usedWeight: number, serverMs: number): void {
    const minute = Math.floor(serverMs / 60_000);
    if (minute > this.#minute || (minute === this.#minute && usedWeight > this.#used)) {
      this.#minute = minute;
      this.#used = usedWeight;
    }
  }

  /** Records the X-MBX-USED-WEIGHT-1M header as the exchange sent it; a missing or unreadable one is ignored. */
  noteHeader(usedWeight: string | undefined, serverMs: number): void {
    const used = Number(usedWeight);
    if (usedWeight !== undefined && Number.isFinite(used)) this.note(used, serverMs);
  }

  /** Adds weight we are about to spend, so back-to-back calls count before their answers arrive. */
  spend(weight: number, serverMs: number): void {
    const minute = Math.floor(serverMs / 60_000);
    if (minute !== this.#minute) {
      this.#minute = minute;
      this.#used = 0;
    }
    this.#used += weight;
  }

  /** After a 429 or 418: no call before `serverMs` (Retry-After, or the ban's end). */
  blockUntil(serverMs: number): void {
    this.#blockedUntilMs = Math.max(this.#blockedUntilMs, serverMs);
  }

  /** 0 when a call of `weight` fits this minute (leaving `reserve` untouched) and no ban runs; otherwise how long to wait. */
  delayMs(weight: number, serverMs: number, reserve = this.reserve): number {
    if (serverMs < this.#blockedUntilMs) return this.#blockedUntilMs - serverMs;
    const minute = Math.floor(serverMs / 60_000);
    if (minute !== this.#minute) return 0;
    if (this.#used + weight <= this.limitPerMinute - reserve) return 0;
    return (minute + 1) * 60_000 - serverMs;
  }

  /** Weight used in the current minute, as last reported or spent. */
  get used(): number {
    return this.#used;
  }
}
