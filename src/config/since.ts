import { parseDuration } from './duration.js';

const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * `--since`: a duration back from now (90m, 2h), a time of day today in local time (14:30, 09:05:10),
 * or a date and time Date.parse reads (2026-12-01T14:30Z; without a zone, local time). Returns epoch
 * ms, or a message saying what is wrong.
 */
export function parseSince(text: string, nowMs: number): { ms: number } | { error: string } {
  const trimmed = text.trim();
  const duration = parseDuration(trimmed);
  let ms: number;
  if (duration !== undefined) ms = nowMs - duration;
  else {
    const time = TIME_OF_DAY.exec(trimmed);
    if (time) {
      const day = new Date(nowMs);
      day.setHours(Number(time[1]), Number(time[2]), Number(time[3] ?? 0), 0);
      ms = day.getTime();
    } else {
      ms = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
    }
  }
  if (!Number.isFinite(ms)) return { error: `"${text}" is neither a duration (90m, 2h) nor a time (14:30, 2026-12-01T14:30Z)` };
  if (ms > nowMs) return { error: `"${text}" is in the future` };
  return { ms };
}
