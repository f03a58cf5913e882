import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** Parses '500ms', '45s', '30m', '2h', '1d' into milliseconds; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** zod schema for a duration flag: a string such as '30s' becomes milliseconds. */
export const Duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    const message = DURATION.test(text.trim())
      ? `"${text}" must be above 0`
      : `"${text}" is not a duration; use a number with ms, s, m, h or d (e.g. 500ms, 45s, 30m, 2h)`;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  return ms;
});
