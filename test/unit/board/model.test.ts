import { describe, expect, it } from 'vitest';
import { BoardModel } from '../../../src/board/model.js';
import type { AccountEvent, Position } from '../../../src/events/types.js';
import { order } from '../output/sample-events.js';

const position = (symbol: string, positionAmount: string): Position => ({ symbol, positionAmount, entryPrice: '100', unrealizedProfit: '0', marginType: 'cross', positionSide: 'BOTH' });
const account = (positions: Position[]): AccountEvent => ({ event: 'account', market: 'usdm', eventTime: 1, transactionTime: 1, reason: 'ORDER', balances: [], positions, source: 'ws' });

describe('BoardModel', () => {
  it('keeps open orders, drops them when they end, and records fills newest first', () => {
    const model = new BoardModel();
    model.apply(order({ orderId: 1, status: 'NEW', execType: 'NEW', transactionTime: 10 }));
    model.apply(order({ orderId: 1, status: 'PARTIALLY_FILLED', execType: 'TRADE', lastFilledQty: '1', lastFilledPrice: '85.67', filledQty: '1', transactionTime: 20 }));
    expect(model.data().orders).toMatchObject([{ placedAtMs: 10, event: { status: 'PARTIALLY_FILLED', filledQty: '1' } }]);
    model.apply(order({ orderId: 1, status: 'FILLED', execType: 'TRADE', lastFilledQty: '20.26', lastFilledPrice: '85.66', filledQty: '21.26', transactionTime: 30 }));
    expect(model.data().orders).toEqual([]);
    expect(model.data().fills.map((f) => f.qty)).toEqual(['20.26', '1']);
  });

  it('does not count REST-rebuilt states as fills', () => {
    const model = new BoardModel();
    model.apply(order({ orderId: 1, status: 'FILLED', execType: 'TRADE', lastFilledQty: '0', source: 'reconcile' }));
    expect(model.data().fills).toEqual([]);
  });

  it('lets the stream win over a snapshot that arrives after it', () => {
    const model = new BoardModel();
    model.apply(order({ orderId: 1, status: 'CANCELED', execType: 'CANCELED', transactionTime: 50 }));
    model.apply(order({ orderId: 2, status: 'PARTIALLY_FILLED', execType: 'TRADE', filledQty: '5', lastFilledQty: '5', transactionTime: 50 }));
    model.apply(account([position('BTCUSDT', '0')]));
    const stale = (orderId: number) => ({ event: order({ orderId, status: 'NEW', filledQty: '0', transactionTime: 40, source: 'rest' }), placedAtMs: 5 });
    model.applySnapshot([stale(1), stale(2), stale(3)], [position('BTCUSDT', '0.5'), position('ETHUSDT', '2')]);
    // Same symbol: the snapshot order was placed first (5), the streamed one at its first update (50).
    expect(model.data().orders.map((o) => [o.event.orderId, o.event.filledQty])).toEqual([
      [3, '0'],
      [2, '5'],
    ]);
    expect(model.data().positions.map((p) => p.symbol)).toEqual(['ETHUSDT']);
  });

  it('updates and removes positions from ACCOUNT_UPDATE, and counts every change', () => {
    const model = new BoardModel();
    const before = model.version;
    model.apply(account([position('BTCUSDT', '0.5'), position('ETHUSDT', '-2')]));
    model.apply(account([position('BTCUSDT', '0.000')]));
    expect(model.data().positions.map((p) => [p.symbol, p.positionAmount])).toEqual([['ETHUSDT', '-2']]);
    expect(model.version).toBe(before + 2);
  });
});
