/** Time of day for status lines and event lines. */

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
