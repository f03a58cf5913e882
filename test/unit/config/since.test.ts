import { describe, expect, it } from 'vitest';
import { parseSince } from '../../../src/config/since.js';

const now = new Date(2026, 11, 2, 15, 0, 0).getTime(); // local 15:00

describe('parseSince', () => {
  it.each([
    ['90m', now - 90 * 60_000],
    ['2h', now - 2 * 3_600_000],
    ['14:30', new Date(2026, 11, 2, 14, 30).getTime()],
    ['09:05:10', new Date(2026, 11, 2, 9, 5, 10).getTime()],
    ['2026-12-01T14:30:00Z', Date.UTC(2026, 11, 1, 14, 30)],
  ])('%s is %d', (text, ms) => {
    expect(parseSince(text, now)).toEqual({ ms });
  });

  it.each([['16:00', /in the future/], ['yesterday', /neither a duration/], ['25:00', /neither a duration|future/]])('rejects %s', (text, message) => {
    const result = parseSince(text, now);
    expect('error' in result && result.error).toMatch(message);
  });
});
