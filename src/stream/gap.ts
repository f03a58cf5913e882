import { formatClock, formatDuration } from '../log/time-format.js';
import type { Logger } from '../log/log.js';
import { describeCause } from './cause-wording.js';
import type { DisconnectCause } from './classify.js';

/** A time when no socket was delivering events: reported when it closes, and the input of reconciliation. */
export interface Gap {
  fromMs: number;
  toMs: number;
  cause: DisconnectCause;
  attempts: number;
}

export interface GapTrackerOptions {
  now: () => number;
  log: Logger;
  onGap?: (gap: Gap) => void;
}

/** The one gap being bookkept: when it began, why, and how many reconnect attempts it took. */
export interface GapTracker {
  /**
   * Starts a gap at `fromMs` (when the link last delivered anything) unless one is already open; the
   * first cause is the one reported.
   */
  open(cause: DisconnectCause, fromMs: number): void;
  /** Counts a reconnect attempt against the open gap, if any. */
  countAttempt(): void;
  /** Ends the open gap at now() and reports it; nothing happens when none is open. */
  close(): void;
}

export function createGapTracker({ now, log, onGap }: GapTrackerOptions): GapTracker {
  let gap: { fromMs: number; cause: DisconnectCause; attempts: number } | undefined;
  return {
    open(cause, fromMs) {
      if (gap) return;
      gap = { fromMs, cause, attempts: 0 };
      log.warn(`stream: ${describeCause(cause)}; reconnecting`);
    },
    countAttempt() {
      if (gap) gap.attempts++;
    },
    close() {
      if (!gap) return;
      const report: Gap = { fromMs: gap.fromMs, toMs: now(), cause: gap.cause, attempts: gap.attempts };
      gap = undefined;
      log.info(
        `stream: gap closed ${formatClock(report.fromMs)} → ${formatClock(report.toMs)} (${formatDuration(report.toMs - report.fromMs)}), ` +
          `cause: ${describeCause(report.cause)}, reconnect attempts: ${report.attempts}`,
      );
      onGap?.(report);
    },
  };
}
