import { WeightBudget } from './weight.js';

/** How a WeightQueue is set up. */
export interface WeightQueueOptions {
  /** The clock the budget's minutes are counted on. @default Date.now */
  now?: () => number;
  /** Staggered calls (listenKey POSTs) leave at least this long between each other. @default 0 */
  staggerMs?: number;
  /** Told once each time the queue starts holding calls back: the wait ahead and the calls waiting. */
  onPause?: (delayMs: number, waiting: number, budget: WeightBudget) => void;
}

/** What a call asks of the queue. */
export interface TakeOptions {
  signal?: AbortSignal | undefined;
  /** Keep `staggerMs` between this call and the previous staggered one. @default false */
  staggered?: boolean;
  /**
   * Goes ahead of every other waiting call and may spend half the budget's reserve: for the light
   * calls that keep streams alive (listenKeys), which must not starve behind a heavy recovery.
   * @default false
   */
  urgent?: boolean;
}

interface Waiter {
  readonly weight: number;
  readonly staggered: boolean;
  readonly urgent: boolean;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * The one door every REST call of a process goes through. Binance counts request weight per IP, so
 * every account and market in the process spends from one WeightBudget; calls are let through first
 * come, first served, each only once its weight fits the minute, so a hundred accounts recovering
 * from the same blip queue behind each other instead of earning a 429 (and then a 418 ban that would
 * stop every tool on the IP). Staggered calls are also spaced out, so reconnecting accounts do not
 * all ask for a listenKey in the same millisecond.
 */
export class WeightQueue {
  readonly budget: WeightBudget;
  readonly #now: () => number;
  readonly #staggerMs: number;
  readonly #onPause: WeightQueueOptions['onPause'];
  readonly #waiting: Waiter[] = [];
  #timer: NodeJS.Timeout | undefined;
  #lastStaggeredMs = Number.NEGATIVE_INFINITY;
  #paused = false;

  constructor(budget: WeightBudget = new WeightBudget(), options: WeightQueueOptions = {}) {
    this.budget = budget;
    this.#now = options.now ?? Date.now;
    this.#staggerMs = options.staggerMs ?? 0;
    this.#onPause = options.onPause;
  }

  /** Resolves when a call of `weight` may be sent (its weight already counted); rejects when `signal` aborts first. */
  take(weight: number, { signal, staggered = false, urgent = false }: TakeOptions = {}): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as unknown);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        weight,
        staggered,
        urgent,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#waiting.indexOf(waiter);
          if (index >= 0) this.#waiting.splice(index, 1);
          reject(signal?.reason as unknown);
          this.#pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiting.push(waiter);
      this.#pump();
    });
  }

  /** After a 429 or 418: no call leaves before `delayMs` from now (Retry-After, or a safe default). */
  pauseFor(delayMs: number): void {
    this.budget.blockUntil(this.#now() + delayMs);
    if (this.#waiting.length > 0) this.#pump();
  }

  /** Calls waiting for their turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Lets through every waiting call that may leave now: urgent calls first, the others only once no
   * urgent call waits; each group first come, first served for weight (the first call that does not
   * fit the minute stops its group). A staggered call whose spacing has not passed keeps its place without holding back
   * the calls behind it.
   */
  #pump(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const urgentMs = this.#serve(true);
    // While a stream waits for its key, recoveries wait too: they would only spend the weight it needs.
    const nextMs = this.#waiting.some((waiter) => waiter.urgent) ? urgentMs : this.#serve(false);
    if (Number.isFinite(nextMs)) this.#timer = setTimeout(() => this.#pump(), nextMs);
  }

  /** Serves one group; returns how long until its first held call might leave (Infinity: none held). */
  #serve(urgent: boolean): number {
    let nextMs = Number.POSITIVE_INFINITY;
    const reserve = urgent ? Math.floor(this.budget.reserve / 2) : this.budget.reserve;
    for (let i = 0; i < this.#waiting.length; ) {
      const waiter = this.#waiting[i] as Waiter;
      if (waiter.urgent !== urgent) {
        i++;
        continue;
      }
      const nowMs = this.#now();
      const budgetMs = this.budget.delayMs(waiter.weight, nowMs, reserve);
      if (budgetMs > 0) {
        if (!this.#paused) this.#onPause?.(budgetMs, this.#waiting.length, this.budget);
        this.#paused = true;
        return Math.min(nextMs, budgetMs);
      }
      const staggerMs = waiter.staggered ? this.#lastStaggeredMs + this.#staggerMs - nowMs : 0;
      if (staggerMs > 0) {
        nextMs = Math.min(nextMs, staggerMs);
        i++;
        continue;
      }
      this.#waiting.splice(i, 1);
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.budget.spend(waiter.weight, nowMs);
      if (waiter.staggered) this.#lastStaggeredMs = nowMs;
      if (!urgent) this.#paused = false;
      waiter.resolve();
    }
    return nextMs;
  }
}
