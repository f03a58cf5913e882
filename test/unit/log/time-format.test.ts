import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration } from '../../../src/log/time-format.js';

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

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [850, '850ms'],
    [1_000, '1.0s'],
    [12_300, '12.3s'],
    [60_000, '1m00s'],
    [245_000, '4m05s'],
    [3_599_000, '59m59s'],
    [3_600_000, '1h00m'],
    [7_380_000, '2h03m'],
    [90_000_000, '25h00m'],
  ])('renders %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
