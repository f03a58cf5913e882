/**
 * How long a 429/418 asks us to wait: the Retry-After header (seconds or an HTTP date), else the
 * "banned until <ms>" time in a -1003 message. Undefined when neither says.
 */
export function retryAfterMs(header: string | undefined, message: string | undefined, nowMs: number): number | undefined {
  if (header !== undefined && header.trim() !== '') {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const dateMs = Date.parse(header);
    if (!Number.isNaN(dateMs)) return Math.max(0, dateMs - nowMs);
  }
  const banned = message === undefined ? null : /banned until (\d{12,})/.exec(message);
  if (banned?.[1] !== undefined) return Math.max(0, Number(banned[1]) - nowMs);
  return undefined;
}
