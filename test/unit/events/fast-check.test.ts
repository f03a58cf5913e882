import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileFastCheck, type FastCheck } from '../../../src/events/fast-check.js';
import { RawAccountConfigUpdate } from '../../../src/events/kinds/account-config.js';
import { RawUsdmOrderTradeUpdate } from '../../../src/events/kinds/order.js';
import { parseFrame } from '../../../src/events/parse.js';
import { RawEventTime } from '../../../src/events/wire.js';
import { EVENT_FIXTURES, fixtureText } from '../output/sample-events.js';

const wholeNumber: FastCheck = (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const known = new Map<z.ZodType, FastCheck>([[RawEventTime, wholeNumber]]);
const orderFrame = (): Record<string, unknown> => JSON.parse(fixtureText('usdm-order-trade-update-wire-2026.json')) as Record<string, unknown>;

/** The promise the fast path makes: when it says yes, zod says yes and returns the value unchanged. */
function expectAgreement(schema: z.ZodType, value: unknown): boolean {
  const fast = compileFastCheck(schema, known)(value);
  if (fast) {
    const result = schema.safeParse(value);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(value);
  }
  return fast;
}

describe('compileFastCheck', () => {
  it('vouches for a well-formed order update, and zod returns it unchanged', () => {
    expect(expectAgreement(RawUsdmOrderTradeUpdate, orderFrame())).toBe(true);
  });

  it('tolerates fields it does not know, as the loose schema does', () => {
    expect(expectAgreement(RawUsdmOrderTradeUpdate, { ...orderFrame(), zz: [1, { deep: true }] })).toBe(true);
  });

  it('leaves every damaged field to zod: a wrong type, a missing field, an unknown side, a string E', () => {
    const o = orderFrame().o as Record<string, unknown>;
    const damaged: Record<string, unknown>[] = [
      { ...orderFrame(), o: { ...o, i: '123' } },
      { ...orderFrame(), o: { ...o, S: 'HOLD' } },
      { ...orderFrame(), o: { ...o, m: 'true' } },
      { ...orderFrame(), o: { ...o, q: undefined } },
      { ...orderFrame(), o: null },
      { ...orderFrame(), e: 'TRADE_LITE' },
      { ...orderFrame(), E: '1779367929402' },
      { ...orderFrame(), E: -1 },
      { ...orderFrame(), E: 1.5 },
    ];
    for (const frame of damaged) expect(compileFastCheck(RawUsdmOrderTradeUpdate, known)(frame)).toBe(false);
  });

  it('agrees with zod on every field of an order update replaced by values of other types', () => {
    const o = orderFrame().o as Record<string, unknown>;
    const replacements = [undefined, null, 0, 1.5, '', 'x', true, [], {}];
    for (const key of Object.keys(o)) {
      for (const value of replacements) expectAgreement(RawUsdmOrderTradeUpdate, { ...orderFrame(), o: { ...o, [key]: value } });
    }
  });

  it('never vouches for what it cannot read: refinements, transforms, strict objects', () => {
    const frame = JSON.parse(fixtureText('usdm-account-config-update-leverage.json')) as unknown;
    expect(compileFastCheck(RawAccountConfigUpdate, known)(frame)).toBe(false);
    expect(compileFastCheck(z.string().transform((s) => s.length))('abc')).toBe(false);
    expect(compileFastCheck(z.strictObject({ a: z.string() }))({ a: 'x' })).toBe(false);
    expect(compileFastCheck(z.object({ a: z.string() }))({ a: 'x' })).toBe(false);
    expect(compileFastCheck(z.string().min(2))('abc')).toBe(false);
  });

  it('reads arrays, unions, optionals, literals and enums', () => {
    const schema = z.looseObject({
      kind: z.literal('A'),
      side: z.enum(['BUY', 'SELL']),
      list: z.array(z.looseObject({ n: z.union([z.number(), z.string()]) })),
      note: z.string().optional(),
    });
    expect(expectAgreement(schema, { kind: 'A', side: 'SELL', list: [{ n: 1 }, { n: 'two' }] })).toBe(true);
    expect(expectAgreement(schema, { kind: 'B', side: 'SELL', list: [] })).toBe(false);
    expect(expectAgreement(schema, { kind: 'A', side: 'SELL', list: [{ n: true }] })).toBe(false);
    expect(expectAgreement(schema, { kind: 'A', side: 'SELL', list: [], note: 3 })).toBe(false);
    expect(expectAgreement(schema, { kind: 'A', side: 'SELL', list: {} })).toBe(false);
    expect(expectAgreement(schema, { kind: 'A', side: 'SELL', list: [], n: Number.POSITIVE_INFINITY })).toBe(true);
  });

  it('leaves parseFrame with the same events and the same errors as zod alone', () => {
    for (const [name, market] of EVENT_FIXTURES) {
      const result = parseFrame(fixtureText(name), market);
      expect(result.ok, name).toBe(true);
    }
    const bad = parseFrame(JSON.stringify({ ...orderFrame(), o: { ...(orderFrame().o as object), S: 'HOLD' } }), 'usdm');
    expect(bad).toMatchObject({ ok: false, reason: 'invalid' });
    expect(bad.ok ? '' : bad.detail).toMatch(/^ORDER_TRADE_UPDATE: o\.S: /);
  });
});
