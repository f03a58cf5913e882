import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../src/events/parse.js';
import { OrderEvent } from '../../../src/events/types.js';
import type { Market } from '../../../src/exchange/endpoints.js';
import { RestOrder, orderEventOf } from '../../../src/events/kinds/order.js';

// Both ways into an order event (a wire frame, a REST order) write every key of the one definition.
// `account` is added afterwards by the account tag, so neither mapping writes it.
const SCHEMA_KEYS = Object.keys(OrderEvent.shape).filter((key) => key !== 'account');

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

function wireEvent(name: string, market: Market): object {
  const result = parseFrame(fixture(name), market);
  if (!result.ok) throw new Error(`expected an event, got ${result.reason}: ${result.detail}`);
  return result.event;
}

const REST_ORDER = RestOrder.parse({
  orderId: 22542179,
  symbol: 'BTCUSDT',
  clientOrderId: 'bot-1',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  status: 'PARTIALLY_FILLED',
  price: '60000.0',
  avgPrice: '59999.9',
  origQty: '0.010',
  executedQty: '0.004',
  time: 1_779_000_000_000,
  updateTime: 1_779_000_000_500,
});

describe('order event mappings', () => {
  it.each<[string, () => object]>([
    ['a usdm ORDER_TRADE_UPDATE', () => wireEvent('usdm-order-trade-update-wire-2026.json', 'usdm')],
    ['a usdm trailing-stop ORDER_TRADE_UPDATE', () => wireEvent('usdm-order-trade-update-trailing-new.json', 'usdm')],
    ['a coinm ORDER_TRADE_UPDATE', () => wireEvent('coinm-order-trade-update.json', 'coinm')],
    ['a REST order with only the required fields', () => orderEventOf(REST_ORDER, 'usdm')],
  ])('%s writes exactly the keys of the order schema, in its order', (_name, build) => {
    expect(Object.keys(build())).toEqual(SCHEMA_KEYS);
  });

  it('the REST mapping yields a valid order event', () => {
    expect(OrderEvent.safeParse(orderEventOf(REST_ORDER, 'coinm')).success).toBe(true);
  });
});
