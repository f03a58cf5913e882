import { describe, expect, it } from 'vitest';
import { Duration, parseDuration } from '../../../src/config/duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['45s', 45_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['1.5s', 1_500],
    ['0.25h', 900_000],
    ['2.5ms', 3],
  ])('reads the decimal %s as %i ms, rounded to whole milliseconds', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['10', '5x', '-1s', '0s', '0ms', '0.0h', '', '   ', '4 5s', '45 s', '.5s', '1.s', '1e3ms', '45S', 's'])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('ignores whitespace around the value, as a shell-quoted flag may carry', () => {
    expect(parseDuration(' 45s ')).toBe(45_000);
  });

  it('rejects a value too large to be a finite number of milliseconds', () => {
    expect(parseDuration(`${'9'.repeat(400)}d`)).toBeUndefined();
  });
});

describe('Duration schema', () => {
  it('turns a duration string into milliseconds', () => {
    expect(Duration.parse('30s')).toBe(30_000);
  });

  it('fails with a message that quotes the value and lists the units', () => {
    const result = Duration.safeParse('5x');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      '"5x" is not a duration; use a number with ms, s, m, h or d (e.g. 500ms, 45s, 30m, 2h)',
    );
  });

  it.each(['0s', '0ms', '0.0h'])('says %s must be above 0, not that it is not a duration', (text) => {
    expect(Duration.safeParse(text).error?.issues[0]?.message).toBe(`"${text}" must be above 0`);
  });
});
