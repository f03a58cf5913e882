import { describe, expect, it } from 'vitest';
import { WeightBudget } from '../../../src/rest/weight.js';

describe('WeightBudget', () => {
  it('lets calls through while the minute has room and waits for the next minute near the limit', () => {
    const budget = new WeightBudget(100, 10);
    const t = 5 * 60_000 + 15_000;
    expect(budget.delayMs(40, t)).toBe(0);
    budget.note(50, t);
    expect(budget.delayMs(40, t)).toBe(0);
    budget.spend(40, t);
    expect(budget.delayMs(1, t)).toBe(45_000);
    expect(budget.delayMs(1, 6 * 60_000)).toBe(0);
  });

  it('keeps the higher of reported and spent weight within one minute and forgets it in the next', () => {
    const budget = new WeightBudget(100, 0);
    budget.spend(60, 1_000);
    budget.note(20, 2_000); // an answer to an earlier call, counted before ours reached the server
    expect(budget.used).toBe(60);
    budget.note(5, 61_000);
    expect(budget.used).toBe(5);
  });

  it('blocks every call until a rate-limit ban ends', () => {
    const budget = new WeightBudget(100, 0);
    budget.blockUntil(10_000);
    expect(budget.delayMs(1, 4_000)).toBe(6_000);
    expect(budget.delayMs(1, 10_000)).toBe(0);
  });
});
