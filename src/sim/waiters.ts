interface Waiter<T> {
  readonly matches: (value: T) => boolean;
  readonly resolve: (value: T) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** Promises that resolve with the first offered value they match, each bounded by its own timeout. */
export class Waiters<T> {
  readonly #pending = new Set<Waiter<T>>();

  /** Waits for a matching value; rejects after `timeoutMs` with a message naming `what`. */
  wait(matches: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        matches,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#pending.delete(waiter);
          reject(new Error(`sim: timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs),
      };
      this.#pending.add(waiter);
    });
  }

  /** Resolves every waiter that matches `value`. */
  offer(value: T): void {
    for (const waiter of this.#pending) {
      if (!waiter.matches(value)) continue;
      clearTimeout(waiter.timer);
      this.#pending.delete(waiter);
      waiter.resolve(value);
    }
  }

  /** Rejects every waiter, e.g. because the simulator closed. */
  rejectAll(error: Error): void {
    for (const waiter of this.#pending) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.#pending.clear();
  }
}
