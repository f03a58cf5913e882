import { describe, expect, it } from 'vitest';
import { SimControlError } from '../../../src/sim/control-input.js';
import { call, connect, createKey, signed, startSim, userDataPath } from './support.js';

describe('REST a client library calls after the listenKey', () => {
  it('exchangeInfo carries rate limits, exchange filters, assets and per-symbol pair, contract type, assets and filters', async () => {
    const sim = await startSim();
    const usdm = (await call(sim, 'GET', '/fapi/v1/exchangeInfo', null)).body as Record<string, unknown> & { symbols: Record<string, unknown>[] };
    expect(usdm).toMatchObject({
      rateLimits: expect.arrayContaining([{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 }]),
      exchangeFilters: [],
      assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
    });
    expect(usdm.symbols[0]).toMatchObject({ symbol: 'BTCUSDT', pair: 'BTCUSDT', contractType: 'PERPETUAL', status: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USDT', marginAsset: 'USDT' });
    expect((usdm.symbols[0]?.filters as { filterType: string }[]).map((filter) => filter.filterType)).toEqual(
      expect.arrayContaining(['PRICE_FILTER', 'LOT_SIZE', 'MARKET_LOT_SIZE', 'MIN_NOTIONAL']),
    );
    const coinm = (await call(sim, 'GET', '/dapi/v1/exchangeInfo', null)).body as { symbols: Record<string, unknown>[] };
    expect(coinm.symbols[0]).toMatchObject({ symbol: 'BTCUSD_PERP', pair: 'BTCUSD', contractType: 'PERPETUAL', contractStatus: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USD', marginAsset: 'BTC', contractSize: 100 });
  });

  it('account, balance and positionRisk agree with the wallet the fills moved and the ACCOUNT_UPDATE they pushed', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const client = await connect(sim, userDataPath('usdm', key));
    const order = sim.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.100' });
    expect(order.status).toBe('FILLED');
    const frames = (await client.messagesAtLeast(4)).map((text) => JSON.parse(text) as { e: string; a?: { B: { wb: string }[] } });
    const wallet = frames.find((frame) => frame.e === 'ACCOUNT_UPDATE')?.a?.B[0]?.wb;

    const now = Date.now();
    const account = (await call(sim, 'GET', signed('/fapi/v3/account', {}, now))).body as Record<string, unknown> & { assets: Record<string, string>[]; positions: Record<string, string>[] };
    expect(account.totalWalletBalance).toBe(wallet);
    expect(account.assets[0]).toMatchObject({ asset: 'USDT', walletBalance: wallet });
    expect(account.positions).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', positionAmt: '0.100', positionSide: 'BOTH' })]);
    expect(Number(account.availableBalance)).toBeLessThan(Number(wallet));

    const balance = (await call(sim, 'GET', signed('/fapi/v3/balance', {}, now))).body as Record<string, string>[];
    expect(balance[0]).toMatchObject({ asset: 'USDT', balance: wallet, availableBalance: account.availableBalance });
    const risk = (await call(sim, 'GET', signed('/fapi/v3/positionRisk', {}, now))).body as Record<string, string>[];
    expect(risk).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', positionAmt: '0.100', entryPrice: '104250.00000000', marginAsset: 'USDT' })]);
    const brackets = (await call(sim, 'GET', signed('/fapi/v1/leverageBracket', { symbol: 'BTCUSDT' }, now))).body as { symbol: string; brackets: unknown[] }[];
    expect(brackets).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', brackets: [expect.objectContaining({ initialLeverage: 125 })] })]);
  });

  it('serves the two SAPI wallet endpoints ccxt loads first as empty lists', async () => {
    const sim = await startSim();
    expect((await call(sim, 'GET', signed('/sapi/v1/capital/config/getall', {}, Date.now()))).body).toEqual([]);
    expect((await call(sim, 'GET', '/sapi/v1/margin/allPairs')).body).toEqual([]);
    expect((await call(sim, 'GET', '/sapi/v1/capital/config/getall')).status).toBe(400);
  });
});

describe('signed order entry', () => {
  it('round trip: POST order rests and pushes NEW; a crossing one fills at the last price with TRADE_LITE, TRADE and ACCOUNT_UPDATE; DELETE cancels', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const client = await connect(sim, userDataPath('usdm', key));
    const now = Date.now();
    const resting = await call(sim, 'POST', signed('/fapi/v1/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '1.000', price: '2400.00' }, now));
    expect(resting).toMatchObject({ status: 200, body: { symbol: 'ETHUSDT', status: 'NEW', price: '2400.00' } });
    const crossing = await call(sim, 'POST', signed('/fapi/v1/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '1.000', price: '2600.00' }, now));
    expect(crossing.body).toMatchObject({ status: 'FILLED', avgPrice: '2515.37000' });
    const restingId = (resting.body as { orderId: number }).orderId;
    const cancelled = await call(sim, 'DELETE', signed('/fapi/v1/order', { symbol: 'ETHUSDT', orderId: restingId }, now));
    expect(cancelled.body).toMatchObject({ orderId: restingId, status: 'CANCELED' });

    const frames = (await client.messagesAtLeast(6)).map((text) => JSON.parse(text) as { e: string; o?: { i: number; x: string; X: string; L: string; m: boolean } });
    expect(frames.map((frame) => `${frame.e}${frame.o ? ` ${frame.o.i === restingId ? 'resting' : 'crossing'} ${frame.o.x}` : ''}`)).toEqual([
      'ORDER_TRADE_UPDATE resting NEW',
      'ORDER_TRADE_UPDATE crossing NEW',
      'TRADE_LITE',
      'ORDER_TRADE_UPDATE crossing TRADE',
      'ACCOUNT_UPDATE',
      'ORDER_TRADE_UPDATE resting CANCELED',
    ]);
    expect(frames[3]?.o).toMatchObject({ X: 'FILLED', L: '2515.37', m: false });
  });
});

describe('control methods in-process', () => {
  it('throw SimControlError naming the field, and report 404 and 409 for unknown or closed orders', async () => {
    const sim = await startSim();
    expect(() => sim.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.010' })).toThrow(expect.objectContaining({ field: 'price', status: 400 }));
    expect(() => sim.fillOrder(1)).toThrow(expect.objectContaining({ field: 'orderId', status: 404 }));
    const order = sim.placeOrder({ symbol: 'BTCUSD_PERP', market: 'coinm', side: 'SELL', type: 'LIMIT', quantity: 2, price: '110000.0' });
    expect(sim.fillOrder(order.orderId, { quantity: '1' }).status).toBe('PARTIALLY_FILLED');
    expect(sim.cancelOrder(order.orderId).status).toBe('CANCELED');
    expect(() => sim.cancelOrder(order.orderId)).toThrow(SimControlError);
    expect(() => sim.fault({ kind: 'expire-key' })).toThrow(expect.objectContaining({ field: 'market' }));
  });
});
