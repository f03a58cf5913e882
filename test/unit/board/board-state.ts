import type { OrderEvent } from '../../../src/events/types.js';
import { INITIAL_UI } from '../../../src/board/keys.js';
import { BoardModel } from '../../../src/board/model.js';
import type { BoardView } from '../../../src/board/render.js';
import { order } from '../output/sample-events.js';

/** 2026-12-02 10:00:00 UTC: every time in the sample board is relative to it. */
export const NOW_MS = Date.UTC(2026, 11, 2, 10, 0, 0);

const at = (secondsAgo: number) => NOW_MS - secondsAgo * 1_000;

function placed(id: number, secondsAgo: number, fields: Partial<OrderEvent>): OrderEvent {
  return order({ orderId: id, clientOrderId: `board-${id}`, transactionTime: at(secondsAgo), tradeTime: at(secondsAgo), execType: 'NEW', status: 'NEW', filledQty: '0', lastFilledQty: '0', ...fields });
}

/** A model with open orders on three symbols, two positions and three fills, as a stream would leave it. */
export function sampleModel(): BoardModel {
  const model = new BoardModel();
  model.apply(placed(1, 3_700, { symbol: 'BTCUSDT', side: 'BUY', price: '90000.00', origQty: '0.010' }));
  model.apply(placed(2, 95, { symbol: 'ETHUSDT', side: 'SELL', price: '3500.00', origQty: '2.000' }));
  model.apply(placed(3, 40, { symbol: 'BTCUSDT', side: 'SELL', orderType: 'STOP_MARKET', price: '0', stopPrice: '99000.00', origQty: '0.005' }));
  model.apply(placed(4, 12, { symbol: 'SOLUSDT', side: 'BUY', price: '85.67', origQty: '21.26' }));
  const fill = (id: number, secondsAgo: number, fields: Partial<OrderEvent>) =>
    model.apply(placed(id, secondsAgo, { execType: 'TRADE', tradeId: 900 + id, commissionAsset: 'USDT', ...fields }));
  fill(2, 30, { symbol: 'ETHUSDT', side: 'SELL', price: '3500.00', origQty: '2.000', status: 'PARTIALLY_FILLED', filledQty: '0.500', lastFilledQty: '0.500', lastFilledPrice: '3500.00', commission: '0.35000000', realizedProfit: '0' });
  fill(5, 20, { symbol: 'BTCUSDT', side: 'BUY', orderType: 'MARKET', status: 'FILLED', origQty: '0.020', filledQty: '0.020', lastFilledQty: '0.020', lastFilledPrice: '91250.10', commission: '0.91250100', realizedProfit: '0' });
  fill(6, 5, { symbol: 'SOLUSDT', side: 'SELL', orderType: 'MARKET', status: 'FILLED', origQty: '3.00', filledQty: '3.00', lastFilledQty: '3.00', lastFilledPrice: '86.10', commission: '0.12915000', realizedProfit: '-1.29000000' });
  model.apply({
    event: 'account', market: 'usdm', eventTime: at(5), transactionTime: at(5), reason: 'ORDER', source: 'ws', balances: [],
    positions: [
      { symbol: 'BTCUSDT', positionAmount: '0.020', entryPrice: '91250.1', breakevenPrice: '91295.725', unrealizedProfit: '12.49800000', marginType: 'cross', positionSide: 'BOTH' },
      { symbol: 'SOLUSDT', positionAmount: '-3.00', entryPrice: '85.67', breakevenPrice: '85.627', unrealizedProfit: '-1.29000000', marginType: 'cross', positionSide: 'BOTH' },
    ],
  });
  return model;
}

/** The sample model as the board shows it while connected. */
export function sampleView(overrides: Partial<BoardView> = {}): BoardView {
  return {
    account: 'usdm mainnet',
    data: sampleModel().data(),
    ui: INITIAL_UI,
    health: { state: 'connected', lastEventAtMs: at(2), reconnects: 1 },
    snapshot: 'loaded',
    notice: undefined,
    nowMs: NOW_MS,
    ...overrides,
  };
}
