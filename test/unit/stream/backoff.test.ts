import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../src/stream/backoff.js';

const always = (value: number) => () => value;

describe('backoffDelayMs', () => {
  it('waits nothing when the random draw is 0', () => {
    expect(backoffDelayMs(5, 250, 30_000, always(0))).toBe(0);
  });

  it.each([
    [0, 250],
    [1, 500],
    [2, 1_000],
    [6, 16_000],
  ])('waits the whole ceiling base·2^n at attempt %i when the draw is 1 (%i ms)', (attempt, ms) => {
    expect(backoffDelayMs(attempt, 250, 30_000, always(1))).toBe(ms);
  });

  it('waits half the ceiling when the draw is 0.5', () => {
    expect(backoffDelayMs(3, 250, 30_000, always(0.5))).toBe(1_000);
  });

  it('never goes above the cap', () => {
    expect(backoffDelayMs(7, 250, 30_000, always(1))).toBe(30_000);
    expect(backoffDelayMs(20, 250, 30_000, always(0.5))).toBe(15_000);
  });

  it.each([31, 1_000, 1e9, Number.MAX_SAFE_INTEGER, Infinity])('stays finite and capped at attempt %d', (attempt) => {
    const ms = backoffDelayMs(attempt, 250, 30_000, always(1));
    expect(Number.isFinite(ms)).toBe(true);
    expect(ms).toBe(30_000);
  });

  it('stays within [0, ceiling] for draws spread over [0, 1)', () => {
    for (let i = 0; i < 1_000; i++) {
      const draw = i / 1_000;
      const ms = backoffDelayMs(4, 100, 30_000, always(draw));
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(1_600);
      expect(ms).toBe(Math.round(draw * 1_600));
    }
  });

  it('draws a fresh random number for every attempt', () => {
    let calls = 0;
    const random = () => (calls++ % 2 === 0 ? 0.25 : 0.75);
    expect([backoffDelayMs(2, 100, 1_000, random), backoffDelayMs(2, 100, 1_000, random)]).toEqual([100, 300]);
    expect(calls).toBe(2);
  });
});
