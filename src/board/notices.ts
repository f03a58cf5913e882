/** How long a log line stays in the status bar. */
const SHOWN_MS = 30_000;

// The logger starts its lines with the time of day; the status bar has a clock of its own.
const CLOCK_PREFIX = /^\d\d:\d\d:\d\d\.\d{3} /;

/**
 * Where the board's log lines go while it owns the screen: stderr would tear the frame. The latest
 * line shows in the status bar for a while; `onChange` asks for a redraw.
 */
export class Notices {
  readonly #now: () => number;
  #latest: { text: string; atMs: number } | undefined;
  onChange: () => void = () => {};

  constructor(now: () => number) {
    this.#now = now;
  }

  /** A logger's `write`: keeps the last non-empty line of the text. */
  readonly write = (text: string): void => {
    const line = text.split('\n').filter((part) => part.trim() !== '').pop();
    if (line === undefined) return;
    this.#latest = { text: line.replace(CLOCK_PREFIX, '').trim(), atMs: this.#now() };
    this.onChange();
  };

  /** The line to show now, if one is recent enough. */
  latest(nowMs: number): string | undefined {
    return this.#latest && nowMs - this.#latest.atMs < SHOWN_MS ? this.#latest.text : undefined;
  }
}
