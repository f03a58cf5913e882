import { describe, expect, it } from 'vitest';
import { formatClock } from '../../src/clock.js';

describe('formatClock', () => {
  it.each([
    [0, '00:00:00.000'],
    [86_399_999, '23:59:59.999'],
    [1_779_367_929_402, '12:52:09.402'],
    [1_779_367_929_007, '12:52:09.007'],
  ])('formats %i as %s (UTC)', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});
