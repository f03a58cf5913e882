import type { Readable, Writable } from 'node:stream';
import type { ScreenSize } from './render.js';

/** The terminal the board draws on: stdout for the screen, stdin for keys. */
export interface TerminalStreams {
  output: Writable & { columns?: number; rows?: number };
  input: Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };
}

// ECMA-48 / xterm sequences, each named for what it does.
const CSI = '\u001b[';
const ENTER_ALTERNATE_SCREEN = `${CSI}?1049h`;
const LEAVE_ALTERNATE_SCREEN = `${CSI}?1049l`;
const HIDE_CURSOR = `${CSI}?25l`;
const SHOW_CURSOR = `${CSI}?25h`;
/** Without autowrap, a full-width last line cannot scroll the screen. */
const AUTOWRAP_OFF = `${CSI}?7l`;
const AUTOWRAP_ON = `${CSI}?7h`;
const RESET_ATTRIBUTES = `${CSI}0m`;
const CLEAR_SCREEN = `${CSI}2J`;
const moveTo = (row: number) => `${CSI}${row};1H`;

/** The fallback when the terminal reports no size. */
const DEFAULT_SIZE: ScreenSize = { columns: 80, rows: 24 };

/**
 * The board's hold on the terminal: the alternate screen, a hidden cursor and raw keys while it
 * runs, and everything given back by restore(), which is safe to call any number of times and from
 * any path (quit, signal, error, process exit). Frames are diffed by line: only changed lines are
 * written, so an unchanged screen costs no output at all.
 */
export class BoardScreen {
  readonly #io: TerminalStreams;
  #shown: string[] = [];
  #entered = false;
  #restored = false;
  readonly #listeners: (() => void)[] = [];

  constructor(io: TerminalStreams) {
    this.#io = io;
  }

  /** The terminal's size now. */
  size(): ScreenSize {
    const { columns, rows } = this.#io.output;
    return columns && rows ? { columns, rows } : DEFAULT_SIZE;
  }

  /** Takes the terminal: alternate screen, no cursor, no autowrap, raw keys (when stdin is a terminal). */
  enter(onKeys: (data: string) => void, onResize: () => void): void {
    if (this.#entered) return;
    this.#entered = true;
    this.#io.output.write(ENTER_ALTERNATE_SCREEN + HIDE_CURSOR + AUTOWRAP_OFF + CLEAR_SCREEN);
    const { input, output } = this.#io;
    const keys = (chunk: Buffer | string) => onKeys(chunk.toString());
    const resize = () => {
      this.#shown = [];
      onResize();
    };
    output.on('resize', resize);
    this.#listeners.push(() => output.off('resize', resize));
    if (input.isTTY && input.setRawMode) {
      input.setRawMode(true);
      input.on('data', keys);
      input.resume();
      this.#listeners.push(() => {
        input.off('data', keys);
        input.setRawMode?.(false);
        input.pause();
      });
    }
  }

  /** Shows a frame: exactly one line per row; only the lines that differ from the last frame are written. */
  draw(lines: readonly string[]): void {
    if (!this.#entered || this.#restored) return;
    // A new size (or the first frame) starts from a cleared screen; otherwise only changed lines are sent.
    const whole = lines.length !== this.#shown.length;
    let out = whole ? CLEAR_SCREEN : '';
    for (let row = 0; row < lines.length; row++) {
      const line = lines[row] ?? '';
      if (whole || this.#shown[row] !== line) out += `${moveTo(row + 1)}${line}${RESET_ATTRIBUTES}`;
    }
    this.#shown = lines.slice();
    if (out !== '') this.#io.output.write(out);
  }

  /** Gives the terminal back: normal screen, cursor, autowrap, cooked keys. Idempotent. */
  restore(): void {
    if (!this.#entered || this.#restored) return;
    this.#restored = true;
    for (const undo of this.#listeners.splice(0)) undo();
    this.#io.output.write(RESET_ATTRIBUTES + AUTOWRAP_ON + SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  }
}
