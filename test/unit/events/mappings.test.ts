import { describe, expect, it } from 'vitest';
import type { MappedFields } from '../../../src/events/fields.js';
import { KeyExpiredEvent } from '../../../src/events/kinds/key-expired.js';
import { OrderEvent, RestOrder, orderEventOf } from '../../../src/events/kinds/order.js';
import { EVENT_SCHEMAS, type EventKind, type StreamEvent } from '../../../src/events/types.js';
import { allSampleEvents, fixtureText, parsed } from '../output/sample-events.js';

// Every way into an event (each wire shape, a REST order) writes every key of its kind's one
// definition, in its order, so all events of a kind share one shape for the compiled encoder.
// `account` is added afterwards by the account tag, so no mapping writes it.
const mappedKeys = (kind: EventKind): string[] => Object.keys(EVENT_SCHEMAS[kind].shape).filter((key) => key !== 'account');

/** One event at least of every kind and every wire shape: the fixtures, the PM samples and PM's `ao` algo frame. */
const wireEvents = (): StreamEvent[] => [...allSampleEvents(), parsed(fixtureText('pm-algo-update-ao.json'), 'pm')];

const REQUIRED_ONLY = {
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
};

const EVERY_FIELD = {
  ...REQUIRED_ONLY,
  type: 'TRAILING_STOP_MARKET',
  origType: 'TRAILING_STOP_MARKET',
  stopPrice: '61000.0',
  positionSide: 'LONG',
  reduceOnly: true,
  closePosition: false,
  workingType: 'MARK_PRICE',
  priceProtect: true,
  priceMatch: 'NONE',
  selfTradePreventionMode: 'EXPIRE_MAKER',
  goodTillDate: 0,
  activatePrice: '62000.0',
  priceRate: '0.3',
};

describe('wire mappings', () => {
  it('cover every kind', () => {
    expect(new Set(wireEvents().map((e) => e.event))).toEqual(new Set(Object.keys(EVENT_SCHEMAS)));
  });

  it('write exactly the keys of their kind, in the schema order', () => {
    for (const e of wireEvents()) expect(Object.keys(e), e.event).toEqual(mappedKeys(e.event));
  });

  it('build events their kind accepts', () => {
    for (const e of wireEvents()) expect(EVENT_SCHEMAS[e.event].safeParse(e).error, e.event).toBeUndefined();
  });
});

describe('the REST order mapping', () => {
  it.each([
    ['only the required fields', REQUIRED_ONLY],
    ['every field it reads', EVERY_FIELD],
  ])('writes exactly the order keys, in the schema order, for an order with %s', (_name, order) => {
    expect(Object.keys(orderEventOf(RestOrder.parse(order), 'usdm'))).toEqual(mappedKeys('order'));
  });

  it.each([
    ['only the required fields', REQUIRED_ONLY],
    ['every field it reads', EVERY_FIELD],
  ])('yields an order event the schema accepts, for an order with %s', (_name, order) => {
    expect(OrderEvent.safeParse(orderEventOf(RestOrder.parse(order), 'coinm', 'rest')).error).toBeUndefined();
  });

  it('carries every field REST has to its named key', () => {
    expect(orderEventOf(RestOrder.parse(EVERY_FIELD), 'usdm')).toMatchObject({
      orderType: 'TRAILING_STOP_MARKET',
      originalOrderType: 'TRAILING_STOP_MARKET',
      stopPrice: '61000.0',
      positionSide: 'LONG',
      reduceOnly: true,
      closePosition: false,
      workingType: 'MARK_PRICE',
      priceProtect: true,
      priceMatch: 'NONE',
      selfTradePrevention: 'EXPIRE_MAKER',
      goodTillDate: 0,
      activationPrice: '62000.0',
      callbackRate: '0.3',
      filledQty: '0.004',
      execType: 'TRADE',
      source: 'reconcile',
    });
  });
});

describe('MappedFields', () => {
  // The schema alone cannot catch a mapping that forgets a key or invents one (zod accepts the
  // first, strips the second): the compiler does, and `tsc --noEmit` in `npm test` fails when a
  // line marked @ts-expect-error compiles.
  it('holds a mapping to every key of its kind, and only those', () => {
    const complete: MappedFields<KeyExpiredEvent> = { event: 'key-expired', market: 'usdm', eventTime: 1, listenKey: undefined, source: 'ws' };
    // @ts-expect-error leaves out a key of the kind (listenKey: optional, but the mapping must say undefined)
    const missing: MappedFields<KeyExpiredEvent> = { event: 'key-expired', market: 'usdm', eventTime: 1, source: 'ws' };
    // @ts-expect-error writes a key the kind does not have
    const extra: MappedFields<KeyExpiredEvent> = { event: 'key-expired', market: 'usdm', eventTime: 1, listenKey: undefined, source: 'ws', symbol: 'X' };
    // @ts-expect-error leaves a key the kind requires undefined
    const unset: MappedFields<KeyExpiredEvent> = { event: 'key-expired', market: 'usdm', eventTime: undefined, listenKey: undefined, source: 'ws' };
    expect([complete, missing, extra, unset].map((fields) => KeyExpiredEvent.safeParse(fields).success)).toEqual([true, true, true, false]);
  });
});
