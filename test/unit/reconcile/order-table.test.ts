import { describe, expect, it } from 'vitest';
import { sameDecimal } from '../../../src/reconcile/order-status.js';
import { OrderTable } from '../../../src/reconcile/order-table.js';

const state = (orderId: number, status: string, filledQty: string, timeMs: number) => ({ orderId, symbol: 'BTCUSDT', clientOrderId: `c${orderId}`, status, filledQty, timeMs });

describe('OrderTable', () => {
  it('keeps the latest state of an order and knows equal or older states', () => {
    const table = new OrderTable();
    table.record(state(1, 'PARTIALLY_FILLED', '0.5', 200), 0);
    expect(table.record(state(1, 'NEW', '0', 100), 0)).toBe(false);
    expect(table.isKnown(state(1, 'NEW', '0', 100))).toBe(true);
    expect(table.isKnown(state(1, 'PARTIALLY_FILLED', '0.500', 200))).toBe(true);
    expect(table.isKnown(state(1, 'FILLED', '1', 300))).toBe(false);
    expect(table.open().map((s) => s.orderId)).toEqual([1]);
  });

  it('forgets terminal orders after their time to live but keeps open ones', () => {
    const table = new OrderTable({ terminalTtlMs: 1_000 });
    table.record(state(1, 'FILLED', '1', 1), 0);
    table.record(state(2, 'NEW', '0', 1), 0);
    table.prune(5_000);
    expect(table.get(1)).toBeUndefined();
    expect(table.get(2)).toBeDefined();
  });

  it('stays within capacity, dropping terminal orders before open ones', () => {
    const table = new OrderTable({ capacity: 10 });
    for (let id = 1; id <= 10; id++) table.record(state(id, id % 2 === 0 ? 'CANCELED' : 'NEW', '0', 1), 0);
    table.record(state(11, 'NEW', '0', 1), 0);
    expect(table.size).toBe(9);
    expect(table.get(2)).toBeUndefined();
    expect(table.get(4)).toBeUndefined();
    expect(table.get(1)).toBeDefined();
    expect(table.symbols()).toEqual(new Set(['BTCUSDT']));
  });

  it('compares decimals by value, as REST and the stream format them differently', () => {
    expect(sameDecimal('0', '0.000')).toBe(true);
    expect(sameDecimal('1.50', '1.5')).toBe(true);
    expect(sameDecimal('10', '1')).toBe(false);
  });
});
