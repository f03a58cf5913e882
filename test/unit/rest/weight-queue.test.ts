import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WeightBudget } from '../../../src/rest/weight.js';
import { WeightQueue } from '../../../src/rest/weight-queue.js';

const MINUTE_MS = 60_000;

describe('WeightQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 10 * MINUTE_MS });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets calls through in arrival order and holds the ones that do not fit until the next minute', async () => {
    const pauses: number[] = [];
    const queue = new WeightQueue(new WeightBudget(100, 0), { now: Date.now, onPause: (delayMs) => pauses.push(delayMs) });
    const order: string[] = [];
    const calls = ['a', 'b', 'c', 'd'].map((name) => queue.take(40).then(() => order.push(`${name}@${Date.now() % MINUTE_MS}`)));
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['a@0', 'b@0']);
    expect(queue.waiting).toBe(2);
    await vi.advanceTimersByTimeAsync(MINUTE_MS);
    await Promise.all(calls);
    expect(order).toEqual(['a@0', 'b@0', 'c@0', 'd@0']);
    expect(pauses).toEqual([MINUTE_MS]);
  });

  it('never lets a light call overtake a heavy one that waits', async () => {
    const queue = new WeightQueue(new WeightBudget(100, 0), { now: Date.now });
    await queue.take(90);
    const order: number[] = [];
    const heavy = queue.take(40).then(() => order.push(40));
    const light = queue.take(1).then(() => order.push(1));
    await vi.advanceTimersByTimeAsync(MINUTE_MS);
    await Promise.all([heavy, light]);
    expect(order).toEqual([40, 1]);
  });

  it('holds other calls while an urgent one waits for its spacing', async () => {
    const queue = new WeightQueue(new WeightBudget(100, 20), { now: Date.now, staggerMs: 100 });
    const order: string[] = [];
    const keys = [1, 2].map((n) => queue.take(1, { urgent: true, staggered: true }).then(() => order.push(`key${n}`)));
    const recovery = queue.take(1).then(() => order.push('recovery'));
    await vi.advanceTimersByTimeAsync(99);
    expect(order).toEqual(['key1']);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([...keys, recovery]);
    expect(order).toEqual(['key1', 'key2', 'recovery']);
  });

  it('lets urgent calls spend half the reserve the others leave alone', async () => {
    const queue = new WeightQueue(new WeightBudget(100, 20), { now: Date.now });
    await queue.take(80);
    let recovered = false;
    const recovery = queue.take(1).then(() => (recovered = true));
    await queue.take(10, { urgent: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(recovered).toBe(false);
    await vi.advanceTimersByTimeAsync(MINUTE_MS);
    await recovery;
    expect(recovered).toBe(true);
  });

  it('spaces staggered calls and lets the others through between them', async () => {
    const queue = new WeightQueue(new WeightBudget(), { now: Date.now, staggerMs: 100 });
    const at: number[] = [];
    const taken = [0, 1, 2].map(() => queue.take(1, { staggered: true }).then(() => at.push(Date.now() % MINUTE_MS)));
    await vi.advanceTimersByTimeAsync(250);
    await Promise.all(taken);
    expect(at).toEqual([0, 100, 200]);
    await queue.take(1);
    expect(Date.now() % MINUTE_MS).toBe(250);
  });

  it('drops a waiting call whose signal aborts, at once, and serves the next', async () => {
    const queue = new WeightQueue(new WeightBudget(100, 0), { now: Date.now });
    await queue.take(100);
    const controller = new AbortController();
    const aborted = queue.take(50, { signal: controller.signal });
    const next = queue.take(50);
    controller.abort(new Error('stopped'));
    await expect(aborted).rejects.toThrow('stopped');
    expect(queue.waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(MINUTE_MS);
    await expect(next).resolves.toBeUndefined();
    expect(queue.budget.used).toBe(50);
  });

  it('waits out a rate-limit block before the next call', async () => {
    const queue = new WeightQueue(new WeightBudget(), { now: Date.now });
    queue.budget.blockUntil(Date.now() + 5_000);
    let passed = false;
    const call = queue.take(1).then(() => (passed = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(passed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(passed).toBe(true);
  });
});
