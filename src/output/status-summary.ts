import { formatDuration } from '../log/time-format.js';
import type { WeightBudget } from '../rest/weight.js';
import type { SupervisorSnapshot } from '../stream/supervisor.js';

/** The status-line hooks of one stream, as runTail takes them. */
export interface StreamStatus {
  start(read: () => SupervisorSnapshot): void;
  stop(): void;
}

/** Sums many streams up for one status line: how many are live, the freshest event, reconnects, REST weight. */
export interface StatusSummary {
  /** The hooks for one more stream. */
  track(): StreamStatus;
  /** The line's text. */
  describe(nowMs: number): string;
}

/** Creates the summary of `total` streams that share `budget`. */
export function createStatusSummary(total: number, budget?: WeightBudget): StatusSummary {
  const readers = new Set<() => SupervisorSnapshot>();
  return {
    track() {
      let mine: (() => SupervisorSnapshot) | undefined;
      return {
        start(read) {
          mine = read;
          readers.add(read);
        },
        stop() {
          if (mine) readers.delete(mine);
        },
      };
    },
    describe(nowMs) {
      let open = 0;
      let reconnects = 0;
      let lastFrameAtMs: number | undefined;
      for (const read of readers) {
        const s = read();
        if (s.state === 'open' || s.state === 'rotating') open++;
        reconnects += s.reconnects;
        if (s.lastFrameAtMs !== undefined && (lastFrameAtMs === undefined || s.lastFrameAtMs > lastFrameAtMs)) lastFrameAtMs = s.lastFrameAtMs;
      }
      const connecting = readers.size - open;
      const ended = total - readers.size;
      return [
        `${open}/${total} streams open`,
        ...(connecting > 0 ? [`${connecting} connecting`] : []),
        ...(ended > 0 ? [`${ended} ended`] : []),
        `last event ${lastFrameAtMs === undefined ? 'none yet' : `${formatDuration(Math.max(0, nowMs - lastFrameAtMs))} ago`}`,
        `reconnects ${reconnects}`,
        ...(budget ? [`REST weight ${budget.used}/${budget.limitPerMinute}`] : []),
      ].join(' · ');
    },
  };
}
