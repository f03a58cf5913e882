/** Times and durations written for people: status lines, event lines, log lines. */

const MS_PER_DAY = 86_400_000;

/** HH:MM:SS.mmm in UTC, computed arithmetically so no Date is allocated per event. */
export function formatClock(ms: number): string {
  const ofDay = ((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const hours = Math.floor(ofDay / 3_600_000);
  const minutes = Math.floor(ofDay / 60_000) % 60;
  const seconds = Math.floor(ofDay / 1000) % 60;
  const millis = ofDay % 1000;
  return `${two(hours)}:${two(minutes)}:${two(seconds)}.${String(millis).padStart(3, '0')}`;
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Renders milliseconds the short way a person reads them: 850ms, 12.3s, 4m05s, 2h03m. */
export function formatDuration(ms: number): string {
  if (Math.round(ms) < 1_000) return `${Math.round(ms)}ms`;
  if (Math.round(ms / 100) < 600) return `${(ms / 1_000).toFixed(1)}s`;
  const totalS = Math.round(ms / 1_000);
  if (totalS < 3_600) return `${Math.floor(totalS / 60)}m${String(totalS % 60).padStart(2, '0')}s`;
  const totalM = Math.floor(totalS / 60);
  return `${Math.floor(totalM / 60)}h${String(totalM % 60).padStart(2, '0')}m`;
}

/** A short age for tables: 45s, 12m, 5h, 3d (whole units, rounded down). */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1_000));
  if (s < 60) return `${s}s`;
  if (s < 3_600) return `${Math.floor(s / 60)}m`;
  if (s < 48 * 3_600) return `${Math.floor(s / 3_600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}
