import { describe, expect, it } from 'vitest';
import { checkSignature } from '../../../src/sim/signing.js';
import { call, fixture, signed, startSim } from './support.js';

const DAY_MS = 86_400_000;

describe('checkSignature', () => {
  const vector = {
    secret: '2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9',
    payload: 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943',
    signature: '3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9',
  };
  const check = (rawQuery: string, serverTimeMs = 1591702613943, secret: string | null = vector.secret) =>
    checkSignature({ rawQuery, query: new URLSearchParams(rawQuery), secret: secret ?? undefined, serverTimeMs });

  it('accepts Binance’s documented HMAC test vector, in either hex case', () => {
    expect(check(`${vector.payload}&signature=${vector.signature}`)).toBeUndefined();
    expect(check(`${vector.payload}&signature=${vector.signature.toUpperCase()}`)).toBeUndefined();
  });

  it('rejects a wrong signature with -1022, and a missing timestamp or signature with -1102', () => {
    expect(check(`${vector.payload}&signature=${'0'.repeat(64)}`)?.body).toEqual(fixture('rest-error-1022.json'));
    expect(check(`${vector.payload}&signature=zz`)?.body).toEqual(fixture('rest-error-1022.json'));
    expect(check(vector.payload)?.body).toMatchObject({ code: -1102, msg: expect.stringContaining("'signature'") });
    expect(check(`symbol=BTCUSDT&signature=${vector.signature}`)?.body).toMatchObject({ code: -1102, msg: expect.stringContaining("'timestamp'") });
  });

  it('applies recvWindow and the 1000 ms lead rule with -1021', () => {
    const query = `${vector.payload}&signature=${vector.signature}`;
    expect(check(query, 1591702613943 + 5000)).toBeUndefined();
    expect(check(query, 1591702613943 + 5001)?.body).toEqual(fixture('rest-error-1021-outside-recv-window.json'));
    expect(check(query, 1591702613943 - 999)).toBeUndefined();
    expect(check(query, 1591702613943 - 1000)?.body).toEqual(fixture('rest-error-1021-ahead.json'));
  });

  it('requires but does not verify the signature when the key has no known secret', () => {
    expect(check(`${vector.payload}&signature=00`, 1591702613943, null)).toBeUndefined();
    expect(check(vector.payload, 1591702613943, null)?.body).toMatchObject({ code: -1102 });
  });
});

describe('order queries over REST', () => {
  it('serves openOrders from the book, weighing 1 with a symbol and 40 without', async () => {
    const nowMs = 1_779_000_000_000;
    const sim = await startSim({ now: () => nowMs });
    const btc = sim.orders.place('usdm', { symbol: 'BTCUSDT', side: 'BUY', price: '104000.00', quantity: '0.050' }).order;
    sim.orders.fill('usdm', btc.orderId, '0.020');
    sim.orders.place('usdm', { symbol: 'ETHUSDT', side: 'SELL', quantity: '1.000' });
    const gone = sim.orders.place('usdm', { symbol: 'ETHUSDT', side: 'SELL', quantity: '1.000' }).order;
    sim.orders.cancel('usdm', gone.orderId);

    const one = await call(sim, 'GET', signed('/fapi/v1/openOrders', { symbol: 'BTCUSDT' }, nowMs));
    const all = await call(sim, 'GET', signed('/fapi/v1/openOrders', {}, nowMs));

    expect(one.status).toBe(200);
    expect(one.body).toEqual([
      {
        avgPrice: '104000.00000',
        clientOrderId: btc.clientOrderId,
        cumQuote: '2080',
        executedQty: '0.020',
        orderId: btc.orderId,
        origQty: '0.050',
        origType: 'LIMIT',
        price: '104000.00',
        reduceOnly: false,
        side: 'BUY',
        positionSide: 'BOTH',
        status: 'PARTIALLY_FILLED',
        stopPrice: '0',
        closePosition: false,
        symbol: 'BTCUSDT',
        time: nowMs,
        timeInForce: 'GTC',
        type: 'LIMIT',
        updateTime: nowMs,
        workingType: 'CONTRACT_PRICE',
        priceProtect: false,
        priceMatch: 'NONE',
        selfTradePreventionMode: 'EXPIRE_MAKER',
        goodTillDate: 0,
      },
    ]);
    expect((all.body as { symbol: string }[]).map((o) => o.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect([one.headers['x-mbx-used-weight-1m'], all.headers['x-mbx-used-weight-1m']]).toEqual(['1', '41']);
  });

  it('serves one order by orderId or origClientOrderId, and -2013 or -1121 otherwise', async () => {
    const nowMs = 1_779_000_000_000;
    const sim = await startSim({ now: () => nowMs });
    const order = sim.orders.place('usdm', { symbol: 'SOLUSDT', side: 'BUY', quantity: '3.00', clientOrderId: 'my-order-1' }).order;

    const byId = await call(sim, 'GET', signed('/fapi/v1/order', { symbol: 'SOLUSDT', orderId: order.orderId }, nowMs));
    const byClientId = await call(sim, 'GET', signed('/fapi/v1/order', { symbol: 'SOLUSDT', origClientOrderId: 'my-order-1' }, nowMs));
    const missing = await call(sim, 'GET', signed('/fapi/v1/order', { symbol: 'SOLUSDT', orderId: 1 }, nowMs));
    const badSymbol = await call(sim, 'GET', signed('/fapi/v1/order', { symbol: 'SOLUSD_PERP', orderId: order.orderId }, nowMs));
    const noId = await call(sim, 'GET', signed('/fapi/v1/order', { symbol: 'SOLUSDT' }, nowMs));
    const unsigned = await call(sim, 'GET', `/fapi/v1/order?symbol=SOLUSDT&orderId=${order.orderId}`);
    const badSecret = await call(sim, 'GET', signed('/fapi/v1/order', { symbol: 'SOLUSDT', orderId: order.orderId }, nowMs, 'wrong'));

    expect(byId.body).toMatchObject({ orderId: order.orderId, status: 'NEW', avgPrice: '0.00000', executedQty: '0', cumQuote: '0' });
    expect(byClientId.body).toEqual(byId.body);
    expect(missing).toMatchObject({ status: 400, body: fixture('rest-error-2013.json') });
    expect(badSymbol).toMatchObject({ status: 400, body: fixture('rest-error-1121.json') });
    expect(noId.body).toMatchObject({ code: -1102 });
    expect(unsigned.body).toMatchObject({ code: -1102 });
    expect(badSecret.body).toEqual(fixture('rest-error-1022.json'));
  });

  it('forgets unfilled canceled orders after 3 days and every order after 90, as Binance does', async () => {
    let nowMs = 1_779_000_000_000;
    const sim = await startSim({ now: () => nowMs });
    const canceled = sim.orders.place('usdm', { side: 'BUY', quantity: '0.001' }).order;
    sim.orders.cancel('usdm', canceled.orderId);
    const filled = sim.orders.place('usdm', { side: 'BUY', quantity: '0.001' }).order;
    sim.orders.fill('usdm', filled.orderId);
    const status = async (orderId: number) =>
      (await call(sim, 'GET', signed('/fapi/v1/order', { symbol: 'BTCUSDT', orderId }, nowMs))).status;

    nowMs += 3 * DAY_MS + 1;
    expect([await status(canceled.orderId), await status(filled.orderId)]).toEqual([400, 200]);
    nowMs += 87 * DAY_MS;
    expect(await status(filled.orderId)).toBe(400);
  });

  it('serves allOrders from an orderId onwards, or the most recent ones, cut to limit', async () => {
    const nowMs = 1_779_000_000_000;
    const sim = await startSim({ now: () => nowMs });
    const ids = Array.from({ length: 5 }, () => sim.orders.place('usdm', { symbol: 'BNBUSDT', side: 'SELL', quantity: '0.10' }).order.orderId);
    const idsOf = async (params: Record<string, string | number>) =>
      ((await call(sim, 'GET', signed('/fapi/v1/allOrders', { symbol: 'BNBUSDT', ...params }, nowMs))).body as { orderId: number }[]).map((o) => o.orderId);

    expect(await idsOf({})).toEqual(ids);
    expect(await idsOf({ limit: 2 })).toEqual(ids.slice(3));
    expect(await idsOf({ orderId: ids[1] ?? 0, limit: 2 })).toEqual(ids.slice(1, 3));
    expect(await idsOf({ endTime: nowMs - 1 })).toEqual([]);
  });

  it('answers COIN-M with cumBase and pair, and Portfolio Margin under /papi/v1/um', async () => {
    const nowMs = 1_779_000_000_000;
    const sim = await startSim({ now: () => nowMs });
    sim.orders.place('coinm', { symbol: 'ETHUSD_PERP', side: 'BUY', quantity: '4' });
    sim.orders.place('pm', { symbol: 'ETHUSDT', side: 'BUY', quantity: '0.500' });

    const coinm = await call(sim, 'GET', signed('/dapi/v1/openOrders', { pair: 'ETHUSD' }, nowMs));
    const pm = await call(sim, 'GET', signed('/papi/v1/um/openOrders', { symbol: 'ETHUSDT' }, nowMs));
    const notOnPm = await call(sim, 'GET', signed('/papi/v1/openOrders', {}, nowMs));

    expect(coinm.body).toMatchObject([{ symbol: 'ETHUSD_PERP', pair: 'ETHUSD', cumBase: '0', origQty: '4' }]);
    expect((coinm.body as object[])[0]).not.toHaveProperty('cumQuote');
    expect(pm.body).toMatchObject([{ symbol: 'ETHUSDT', origQty: '0.500' }]);
    expect(notOnPm.status).toBe(404);
  });
});
