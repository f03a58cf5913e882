import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../src/events/parse.js';
import type { OrderEvent } from '../../../src/events/types.js';
import { DedupeWindow } from '../../../src/pipeline/dedupe.js';
import { OrderWindow } from '../../../src/pipeline/order-window.js';
import { seededRandom } from '../../../src/sim/index.js';

function baseOrder(): OrderEvent {
  const text = readFileSync(new URL('../../fixtures/usdm-order-trade-update-wire-2026.json', import.meta.url), 'utf8');
  const result = parseFrame(text, 'usdm');
  if (!result.ok || result.event.event !== 'order') throw new Error('expected an order event');
  return result.event;
}

/** The identity OrderWindow implements, spelled out as a string: the model it must agree with. */
const identity = (e: OrderEvent) => `${e.market}|${e.orderId}|${e.execType}|${e.status}|${e.tradeId}|${e.transactionTime}|${e.filledQty}`;

describe('OrderWindow', () => {
  it('answers false for a new update and true for the same update again', () => {
    const window = new OrderWindow(8);
    expect(window.check(baseOrder())).toBe(false);
    expect(window.check(baseOrder())).toBe(true);
    expect(window.size).toBe(1);
  });

  it('tells apart updates that differ in any identifying field', () => {
    const window = new OrderWindow(16);
    const base = baseOrder();
    window.check(base);
    const variants: Partial<OrderEvent>[] = [
      { orderId: base.orderId + 1 },
      { execType: 'TRADE' },
      { status: 'FILLED' },
      { tradeId: base.tradeId + 1 },
      { transactionTime: base.transactionTime + 1 },
      { filledQty: `${base.filledQty}0` },
      { market: 'pm' },
    ];
    for (const variant of variants) expect(window.check({ ...base, ...variant }), JSON.stringify(variant)).toBe(false);
    expect(window.check({ ...base, price: '1', clientOrderId: 'other' })).toBe(true);
  });

  it('forgets the oldest update once capacity is reached', () => {
    const window = new OrderWindow(3);
    const base = baseOrder();
    for (let i = 0; i < 4; i++) window.check({ ...base, orderId: i });
    expect(window.size).toBe(3);
    expect(window.check({ ...base, orderId: 0 })).toBe(false);
    expect(window.check({ ...base, orderId: 3 })).toBe(true);
  });

  it('answers exactly as DedupeWindow over the identity string, for long runs full of repeats and hash neighbours', () => {
    const random = seededRandom(5);
    const base = baseOrder();
    // One expect per run rather than per step: 80 000 expect() calls cost seconds and test nothing more.
    const disagreements: string[] = [];
    for (const capacity of [1, 2, 7, 64]) {
      const window = new OrderWindow(capacity);
      const model = new DedupeWindow(capacity);
      for (let i = 0; i < 20_000; i++) {
        const e: OrderEvent = {
          ...base,
          orderId: 2 ** 40 + Math.floor(random() * 40),
          tradeId: Math.floor(random() * 3),
          transactionTime: base.transactionTime + Math.floor(random() * 3),
          status: random() < 0.5 ? 'NEW' : 'FILLED',
          filledQty: random() < 0.5 ? '0' : '1',
        };
        const [got, want] = [window.check(e), model.check(identity(e))];
        if (got !== want) disagreements.push(`capacity ${capacity}, step ${i}: ${got}, expected ${want}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
