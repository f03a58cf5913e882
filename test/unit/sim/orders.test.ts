import { describe, expect, it } from 'vitest';
import type { AccountUpdate, CoinmOrderTradeUpdate, PmOrderTradeUpdate, TradeLite, UsdmOrderTradeUpdate } from '../../../src/sim/fixtures.js';
import { seededRandom } from '../../../src/sim/random.js';
import { connect, createKey, fixture, floatPaths, startSim, userDataPath } from './support.js';

const NOW = 1_779_367_929_401;

const keysOf = (value: unknown) => Object.keys(value as object);
const usdmWire = fixture('usdm-order-trade-update-wire-2026.json') as { o: object };
const coinmWire = fixture('coinm-order-trade-update.json') as { o: object };

/** A sim with a fixed clock, plus a connected client on the market's route. */
async function simWithClient(market: 'usdm' | 'coinm' | 'pm' = 'usdm') {
  const sim = await startSim({ now: () => NOW, random: seededRandom(7) });
  const client = await connect(sim, userDataPath(market, await createKey(sim, market)));
  return { sim, client };
}

describe('place', () => {
  it('records a NEW order and pushes one ORDER_TRADE_UPDATE with the 2026 wire key order', async () => {
    const { sim, client } = await simWithClient();

    const { order, sent } = sim.orders.place('usdm', { symbol: 'SOLUSDT', side: 'BUY', price: '85.67', quantity: '21.26' });

    expect(order).toMatchObject({ symbol: 'SOLUSDT', status: 'NEW', origQty: '21.26', price: '85.67', executedQty: '0', time: NOW });
    expect(order.orderId).toBeGreaterThan(100_000_000_000);
    expect(order.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(sent).toHaveLength(1);
    const payload = sent[0]?.payload as UsdmOrderTradeUpdate;
    expect(sent[0]?.delivered).toBe(true);
    expect(keysOf(payload)).toEqual(keysOf(usdmWire));
    expect(keysOf(payload.o)).toEqual(keysOf(usdmWire.o));
    expect(payload).toMatchObject({ T: NOW, E: NOW + 1, o: { x: 'NEW', X: 'NEW', i: order.orderId, q: '21.26', p: '85.67', b: '1821.3442', a: '0' } });
    expect(floatPaths(payload)).toEqual([]);
    expect(JSON.parse((await client.messagesAtLeast(1))[0] ?? '')).toEqual(payload);
  });

  it('writes quantities and prices with the symbol’s decimals and refuses finer ones', async () => {
    const { sim } = await simWithClient();

    expect(sim.orders.place('usdm', { side: 'SELL', price: '104300', quantity: '0.04' }).order).toMatchObject({ symbol: 'BTCUSDT', price: '104300.00', origQty: '0.040' });
    expect(() => sim.orders.place('usdm', { side: 'BUY', quantity: '0.0001' })).toThrow(/more than 3 decimal places/);
    expect(() => sim.orders.place('usdm', { symbol: 'BTCUSD_PERP', side: 'BUY' })).toThrow(/not a usdm symbol/);
  });

  it('fills a MARKET order at once at the last price: NEW, TRADE_LITE, TRADE, ACCOUNT_UPDATE', async () => {
    const { sim, client } = await simWithClient();

    const { order, sent } = sim.orders.place('usdm', { symbol: 'ETHUSDT', side: 'SELL', type: 'MARKET', quantity: '1.500' });

    expect(sent.map(({ payload }) => payload.e)).toEqual(['ORDER_TRADE_UPDATE', 'TRADE_LITE', 'ORDER_TRADE_UPDATE', 'ACCOUNT_UPDATE']);
    expect((sent[2]?.payload as UsdmOrderTradeUpdate).o).toMatchObject({ o: 'MARKET', p: '0', x: 'TRADE', X: 'FILLED', L: '2515.37', ap: '2515.37000', m: false });
    expect(order).toMatchObject({ status: 'FILLED', executedQty: '1.500', avgPrice: '2515.37000' });
    await client.messagesAtLeast(4);
  });
});

describe('fill', () => {
  it('pushes TRADE_LITE, then ORDER_TRADE_UPDATE, then ACCOUNT_UPDATE with string decimals', async () => {
    const { sim, client } = await simWithClient();
    const { order } = sim.orders.place('usdm', { symbol: 'BTCUSDT', side: 'BUY', price: '64089.20', quantity: '0.100' });

    const { order: after, sent } = sim.orders.fill('usdm', order.orderId, '0.040');

    const [lite, update, account] = sent.map((s) => s.payload) as [TradeLite, UsdmOrderTradeUpdate, AccountUpdate];
    expect(keysOf(lite).sort()).toEqual(keysOf(fixture('usdm-trade-lite.json')).sort());
    expect(lite).toMatchObject({ e: 'TRADE_LITE', s: 'BTCUSDT', L: '64089.20', l: '0.040', i: order.orderId, c: order.clientOrderId, m: true });
    expect(keysOf(update.o)).toEqual(keysOf(usdmWire.o));
    expect(update.o).toMatchObject({ x: 'TRADE', X: 'PARTIALLY_FILLED', l: '0.040', z: '0.040', L: '64089.20', ap: '64089.20000', n: '0.5127136', N: 'USDT', rp: '0', t: lite.t, m: true });
    expect(update.o.t).toBeGreaterThan(0);
    expect(keysOf(account)).toEqual(keysOf(fixture('usdm-account-update-wire-2021.json')));
    expect(keysOf(account.a)).toEqual(['B', 'P', 'm']);
    expect(account.a).toMatchObject({ m: 'ORDER', B: [{ a: 'USDT', wb: '9999.48728640' }], P: [{ s: 'BTCUSDT', pa: '0.04', ep: '64089.2', ps: 'BOTH' }] });
    expect(sent.every((s) => s.delivered && floatPaths(s.payload).length === 0)).toBe(true);
    expect(after).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: '0.040', avgPrice: '64089.20000', updateTime: NOW });
    expect(after.trades).toEqual([
      { tradeId: lite.t, price: '64089.20', qty: '0.040', commission: '0.5127136', commissionAsset: 'USDT', realizedPnl: '0', maker: true, time: NOW },
    ]);
    await client.messagesAtLeast(4);
  });

  it('fills the rest by default, then refuses to fill a closed order', async () => {
    const { sim } = await simWithClient();
    const { order } = sim.orders.place('usdm', { symbol: 'SOLUSDT', side: 'SELL', price: '86.00', quantity: '3.00' });
    sim.orders.fill('usdm', order.orderId, '1.00');

    const { order: filled, sent } = sim.orders.fill('usdm', order.orderId);

    expect(filled).toMatchObject({ status: 'FILLED', executedQty: '3.00' });
    expect((sent[1]?.payload as UsdmOrderTradeUpdate).o).toMatchObject({ X: 'FILLED', l: '2.00', z: '3.00' });
    expect(() => sim.orders.fill('usdm', order.orderId)).toThrow(/is FILLED, not open/);
    const small = sim.orders.place('usdm', { side: 'BUY', quantity: '0.001' }).order;
    expect(() => sim.orders.fill('usdm', small.orderId, '0.002')).toThrow(/at most the remaining 0.001/);
  });

  it('fills an IOC limit order as taker at its limit price', async () => {
    const { sim } = await simWithClient();
    const { order } = sim.orders.place('usdm', { symbol: 'SOLUSDT', side: 'BUY', timeInForce: 'IOC', price: '86.00', quantity: '2.00' });

    const { sent } = sim.orders.fill('usdm', order.orderId, '1.00');

    // taker fee 0.05% of 86.00
    expect((sent[1]?.payload as UsdmOrderTradeUpdate).o).toMatchObject({ f: 'IOC', m: false, L: '86.00', n: '0.043' });
  });

  it('books realized profit when a fill closes a position', async () => {
    const { sim } = await simWithClient();
    const buy = sim.orders.place('usdm', { symbol: 'SOLUSDT', side: 'BUY', price: '85.00', quantity: '1.00' }).order;
    sim.orders.fill('usdm', buy.orderId);
    const sell = sim.orders.place('usdm', { symbol: 'SOLUSDT', side: 'SELL', price: '86.00', quantity: '1.00' }).order;

    const { sent } = sim.orders.fill('usdm', sell.orderId);

    expect((sent[1]?.payload as UsdmOrderTradeUpdate).o).toMatchObject({ rp: '1', n: '0.0172' });
    // 10000 − 0.017 (buy commission) + 1 (profit) − 0.0172 (sell commission)
    expect((sent[2]?.payload as AccountUpdate).a).toMatchObject({ B: [{ wb: '10000.96580000' }], P: [{ pa: '0', cr: '1' }] });
  });

  it('loses the events when no socket is connected but still updates the order, as Binance does', async () => {
    const sim = await startSim();
    const { order, sent } = sim.orders.place('usdm', { side: 'BUY', quantity: '0.010' });
    const filled = sim.orders.fill('usdm', order.orderId);

    expect([...sent, ...filled.sent].map((s) => s.delivered)).toEqual([false, false, false, false]);
    expect(sim.orders.get('usdm', order.orderId)?.status).toBe('FILLED');
  });
});

describe('cancel and expire', () => {
  it('cancel pushes CANCELED and closes the order', async () => {
    const { sim } = await simWithClient();
    const { order } = sim.orders.place('usdm', { side: 'BUY', quantity: '0.010' });

    const { order: canceled, sent } = sim.orders.cancel('usdm', order.orderId);

    expect(canceled.status).toBe('CANCELED');
    expect(sent.map((s) => (s.payload as UsdmOrderTradeUpdate).o)).toMatchObject([{ x: 'CANCELED', X: 'CANCELED', l: '0', t: 0, b: '0' }]);
    expect(sim.orders.openOrders('usdm')).toEqual([]);
    expect(() => sim.orders.cancel('usdm', order.orderId)).toThrow(/is CANCELED/);
  });

  it('expire carries the expiry reason: "2" for IOC, "1" otherwise, or the one given', async () => {
    const { sim } = await simWithClient();
    const ioc = sim.orders.place('usdm', { side: 'BUY', timeInForce: 'IOC', quantity: '0.002' }).order;
    const gtc = sim.orders.place('usdm', { side: 'BUY', quantity: '0.002' }).order;
    const other = sim.orders.place('usdm', { side: 'SELL', quantity: '0.002' }).order;

    const reasons = [
      sim.orders.expire('usdm', ioc.orderId),
      sim.orders.expire('usdm', gtc.orderId),
      sim.orders.expire('usdm', other.orderId, { reason: '6' }),
    ].map(({ order, sent }) => [order.status, order.expiryReason, (sent[0]?.payload as UsdmOrderTradeUpdate).o.er]);

    expect(reasons).toEqual([
      ['EXPIRED', '2', '2'],
      ['EXPIRED', '1', '1'],
      ['EXPIRED', '6', '6'],
    ]);
  });
});

describe('COIN-M and Portfolio Margin shapes', () => {
  it('COIN-M orders carry the account alias and margin asset, no TRADE_LITE, and coin-denominated fees', async () => {
    const { sim, client } = await simWithClient('coinm');
    const { order, sent: placed } = sim.orders.place('coinm', { side: 'SELL', quantity: '5' });
    sim.orders.fill('coinm', order.orderId, '2');

    const { order: filled, sent } = sim.orders.fill('coinm', order.orderId);

    const update = sent[0]?.payload as CoinmOrderTradeUpdate;
    const documented = keysOf(coinmWire.o).filter((key) => key !== 'AP' && key !== 'cr');
    expect(keysOf(placed[0]?.payload)).toEqual(['e', 'T', 'E', 'i', 'o']);
    expect(keysOf(update.o)).toEqual([...documented, 'er']);
    expect(sent.map((s) => s.payload.e)).toEqual(['ORDER_TRADE_UPDATE', 'ACCOUNT_UPDATE']);
    expect(update).toMatchObject({ i: 'SfsR', o: { s: 'BTCUSD_PERP', ma: 'BTC', N: 'BTC', q: '5', l: '3', z: '5', ap: '104231.50000', n: '0.00000058' } });
    expect(sent[1]?.payload).toMatchObject({ i: 'SfsR', a: { B: [{ a: 'BTC' }], P: [{ s: 'BTCUSD_PERP', pa: '-5' }] } });
    expect(filled.avgPrice).toBe('104231.50000');
    expect(floatPaths(sent.map((s) => s.payload))).toEqual([]);
    await client.messagesAtLeast(5);
  });

  it('Portfolio Margin orders are UM orders tagged with the business unit', async () => {
    const { sim, client } = await simWithClient('pm');

    const { sent } = sim.orders.place('pm', { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '0.010' });

    expect(sent.map((s) => s.payload.e)).toEqual(['ORDER_TRADE_UPDATE', 'ORDER_TRADE_UPDATE', 'ACCOUNT_UPDATE']);
    expect(sent[0]?.payload as PmOrderTradeUpdate).toMatchObject({ fs: 'UM', o: { s: 'ETHUSDT' } });
    expect(sent[2]?.payload).toMatchObject({ fs: 'UM' });
    await client.messagesAtLeast(3);
  });
});

describe('queries', () => {
  it('keeps every order per market for REST-style queries, as snapshots', async () => {
    const sim = await startSim();
    const a = sim.orders.place('usdm', { symbol: 'BTCUSDT', side: 'BUY', quantity: '0.001' }).order;
    const b = sim.orders.place('usdm', { symbol: 'BNBUSDT', side: 'SELL', quantity: '0.50' }).order;
    sim.orders.place('coinm', { side: 'BUY', quantity: '1' });
    sim.orders.cancel('usdm', a.orderId);

    expect(sim.orders.list('usdm').map((o) => o.orderId)).toEqual([a.orderId, b.orderId]);
    expect(b.orderId).toBe(a.orderId + 1);
    expect(sim.orders.openOrders('usdm').map((o) => o.symbol)).toEqual(['BNBUSDT']);
    expect(sim.orders.openOrders('usdm', 'BTCUSDT')).toEqual([]);
    expect(a.status).toBe('NEW');
    expect(sim.orders.get('usdm', a.orderId)?.status).toBe('CANCELED');
    expect(sim.orders.get('coinm', a.orderId)).toBeUndefined();
  });
});
