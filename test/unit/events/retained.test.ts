import { describe, expect, it } from 'vitest';
import { RETAINED_CHARS, retained } from '../../../src/events/retained.js';
import { OrderTable } from '../../../src/reconcile/order-table.js';

describe('retained wire strings', () => {
  it('keeps short values as they are and cuts long ones', () => {
    expect(retained('x-Ab12')).toBe('x-Ab12');
    expect(retained('c'.repeat(1_000_000))).toBe('c'.repeat(RETAINED_CHARS));
  });

  it('the order table keeps at most RETAINED_CHARS of each field of an order', () => {
    const table = new OrderTable();
    const huge = 'z'.repeat(500_000);
    table.record({ orderId: 1, symbol: huge, clientOrderId: huge, status: huge, filledQty: huge, timeMs: 1 }, 1);
    const kept = table.get(1);
    for (const field of [kept?.symbol, kept?.clientOrderId, kept?.status, kept?.filledQty]) expect(field?.length).toBe(RETAINED_CHARS);
  });
});
