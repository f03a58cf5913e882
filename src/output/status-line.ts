import { Writable } from 'node:stream';
import { formatDuration } from '../log/time-format.js';
import type { SupervisorSnapshot } from '../stream/supervisor.js';

/** A one-line health display on a terminal's stderr, redrawn in place; see `--status-line`. */
export interface StatusLine {
  /** Begins redrawing from `read` every interval, until stop(). */
  start(read: () => SupervisorSnapshot): void;
  /** The same, with the text made by `describe` (several streams summed up on one line). */
  startText(describe: (nowMs: number) => string): void;
  /** Appends more text to every redraw, e.g. what the sinks hold. */
  addPart(read: () => string): void;
  /** Writes other stderr text: the line is wiped first and redrawn after, so the two never mix. */
  write(text: string): void;
  /** Wraps stdout when it is the same terminal, so event lines are kept apart from the status line too. */
  guard(out: Writable): Writable;
  /** Wipes the line and ends its timer. */
  stop(): void;
}

export interface StatusLineOptions {
  /** The terminal's stderr. */
  write: (text: string) => void;
  now: () => number;
  /** Terminal width; the line is cut to fit, since a wrapped line cannot be wiped in place. @default 80 */
  columns?: number;
  /** @default 1_000 */
  refreshMs?: number;
}

// Carriage return, then erase the whole line (ECMA-48 EL 2).
const WIPE = '\r\u001b[2K';

const age = (nowMs: number, sinceMs: number | undefined) => (sinceMs === undefined ? '–' : formatDuration(Math.max(0, nowMs - sinceMs)));

/** The text of the line: state, last event age, connection age, key age and reconnects. */
export function describeStatus(s: SupervisorSnapshot, nowMs: number): string {
  return [
    s.state,
    `last event ${s.lastFrameAtMs === undefined ? 'none yet' : `${age(nowMs, s.lastFrameAtMs)} ago`}`,
    `connection ${age(nowMs, s.connectionOpenedAtMs)}`,
    `key ${age(nowMs, s.keyObtainedAtMs)}`,
    `reconnects ${s.reconnects}`,
  ].join(' · ');
}

/** Creates the status line. Its timer is unref'd: it never keeps a finished process alive. */
export function createStatusLine({ write, now, columns = 80, refreshMs = 1_000 }: StatusLineOptions): StatusLine {
  let read: ((nowMs: number) => string) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let shown = false;
  let redraw: NodeJS.Immediate | undefined;
  const parts: (() => string)[] = [];

  function draw() {
    if (!read) return;
    const text = [read(now()), ...parts.map((part) => part())].join(' · ');
    write(`${WIPE}${text.length >= columns ? `${text.slice(0, Math.max(0, columns - 2))}…` : text}`);
    shown = true;
  }

  function wipe() {
    if (shown) write(WIPE);
    shown = false;
  }

  // A burst of lines wipes the status once and draws it once, after the burst.
  function redrawSoon() {
    redraw ??= setImmediate(() => {
      redraw = undefined;
      draw();
    });
  }

  function startText(describe: (nowMs: number) => string) {
    read = describe;
    clearInterval(timer);
    timer = setInterval(draw, refreshMs);
    timer.unref();
    draw();
  }

  return {
    start: (source) => startText((nowMs) => describeStatus(source(), nowMs)),
    startText,
    addPart(part) {
      parts.push(part);
    },
    write(text) {
      wipe();
      write(text);
      redrawSoon();
    },
    guard(out) {
      const guarded = new Writable({
        write(chunk: Buffer, encoding, callback) {
          wipe();
          out.write(chunk, encoding, callback);
          redrawSoon();
        },
      });
      out.on('error', (err) => guarded.destroy(err));
      return guarded;
    },
    stop() {
      clearInterval(timer);
      clearImmediate(redraw);
      timer = undefined;
      redraw = undefined;
      read = undefined;
      wipe();
    },
  };
}
