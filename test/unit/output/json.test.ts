import { describe, expect, it } from 'vitest';
import { EVENT_SCHEMAS } from '../../../src/events/types.js';
import { formatJson, keysOf, toJsonObject } from '../../../src/output/json.js';
import { allSampleEvents, order, parsed, fixtureText } from './sample-events.js';

describe('formatJson', () => {
  it('writes order keys in the documented order, source last', () => {
    const keys = Object.keys(JSON.parse(formatJson(order())) as object);
    expect(keys.slice(0, 23)).toEqual([
      'event', 'market', 'eventTime', 'transactionTime', 'symbol', 'orderId', 'clientOrderId', 'side',
      'orderType', 'timeInForce', 'execType', 'status', 'price', 'avgPrice', 'stopPrice', 'origQty',
      'filledQty', 'lastFilledQty', 'lastFilledPrice', 'commission', 'commissionAsset', 'realizedProfit', 'tradeId',
    ]);
    expect(keys.at(-1)).toBe('source');
  });

  it('keeps that order for an event built with its keys in another order (as reconcile may)', () => {
    const built = order({ source: 'reconcile' });
    const shuffled = Object.fromEntries(Object.entries(built).reverse()) as typeof built;
    expect(Object.keys(shuffled)[0]).not.toBe('event');
    expect(formatJson(shuffled)).toBe(formatJson(built));
    expect(formatJson(shuffled)).toMatch(/^\{"event":"order","market":"usdm","eventTime":1779367929402,.*"source":"reconcile"\}$/);
  });

  it('starts every kind with event and market, and ends it with source', () => {
    for (const e of allSampleEvents()) {
      const keys = Object.keys(JSON.parse(formatJson(e)) as object);
      expect(keys.slice(0, 3), e.event).toEqual(['event', 'market', 'eventTime']);
      expect(keys.at(-1), e.event).toBe('source');
    }
  });

  it('round-trips every field of every kind except the listenKey, absent ones as null', () => {
    for (const e of allSampleEvents()) {
      const line = JSON.parse(formatJson(e)) as Record<string, unknown>;
      const fields = e as unknown as Record<string, unknown>;
      for (const key of Object.keys(line)) expect(line[key], `${e.event}.${key}`).toEqual(fields[key] ?? null);
      for (const key of Object.keys(fields)) if (key !== 'listenKey' && fields[key] !== undefined) expect(line, e.event).toHaveProperty(key);
    }
  });

  it('writes every key of the kind on every line, in the schema order', () => {
    for (const e of allSampleEvents()) {
      const expected = Object.keys(EVENT_SCHEMAS[e.event].shape).filter((key) => key !== 'listenKey');
      expect(keysOf(e.event)).toEqual(expected);
      const written = expected.filter((key) => key !== 'account' || e.account !== undefined); // account only when set
      expect(Object.keys(JSON.parse(formatJson(e)) as object), e.event).toEqual(written);
    }
  });

  it('yields, for followOrders, the object of the line', () => {
    for (const e of allSampleEvents()) expect(JSON.stringify(toJsonObject(e)), e.event).toBe(formatJson(e));
  });

  it('writes one line with no trailing newline, even for free-text fields', () => {
    const e = order({ clientOrderId: 'line\nbreak' });
    const line = formatJson(e);
    expect(line).not.toContain('\n');
    expect(line.endsWith('}')).toBe(true);
  });

  it('writes decimals as the exact strings received and absent fields as null', () => {
    const line = formatJson(order({ price: '85.6700', origQty: '21.260' }));
    expect(line).toContain('"price":"85.6700"');
    expect(line).toContain('"origQty":"21.260"');
    expect(line).toContain('"bidNotional":"2520.672"');
    expect(line).toContain('"activationPrice":null');
  });

  it('never writes the listenKey of a key-expired event', () => {
    const line = formatJson(parsed(fixtureText('listen-key-expired-string-E.json')));
    expect(line).toBe('{"event":"key-expired","market":"usdm","eventTime":1736996475556,"source":"ws"}');
  });

  it('writes a pm-other payload whole, with E as sent', () => {
    const e = parsed('{"e":"balanceUpdate","E":"1573200697110","a":"BTC","d":"100.00000000","T":1573200697068}', 'pm');
    expect(formatJson(e)).toBe(
      '{"event":"pm-other","market":"pm","eventTime":1573200697110,"type":"balanceUpdate",' +
        '"payload":{"e":"balanceUpdate","E":"1573200697110","a":"BTC","d":"100.00000000","T":1573200697068},"source":"ws"}',
    );
  });
});
