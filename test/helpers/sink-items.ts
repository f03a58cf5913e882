import type { OrderEvent } from '../../src/events/types.js';
import { formatJson } from '../../src/output/json.js';
import type { SinkItem } from '../../src/sinks/item.js';

/** An order update as the pipeline prints it, with the fields a test cares about overridden. */
export function orderEvent(overrides: Partial<OrderEvent> = {}): OrderEvent {
  return {
    event: 'order',
    market: 'usdm',
    eventTime: 1_796_000_000_000,
    transactionTime: 1_796_000_000_000,
    symbol: 'BTCUSDT',
    orderId: 1,
    clientOrderId: 'bot-1',
    side: 'BUY',
    orderType: 'LIMIT',
    timeInForce: 'GTC',
    execType: 'NEW',
    status: 'NEW',
    price: '65000.10',
    avgPrice: '0',
    stopPrice: '0',
    origQty: '0.010',
    filledQty: '0',
    lastFilledQty: '0',
    lastFilledPrice: '0',
    realizedProfit: '0',
    tradeId: 0,
    tradeTime: 1_796_000_000_000,
    positionSide: 'BOTH',
    reduceOnly: false,
    isMaker: false,
    source: 'ws',
    ...overrides,
  };
}

/** The sink item of an order update. */
export function orderItem(overrides: Partial<OrderEvent> = {}, account = 'default'): SinkItem {
  const event = orderEvent(overrides);
  return { event, line: formatJson(event), account };
}
