import { describe, expect, it } from 'vitest';
import { accountUpdate, listenKeyExpired, orderTradeUpdate, tradeLite } from '../../../src/sim/fixtures.js';
import { fixture, floatPaths } from './support.js';

const keysOf = (value: unknown) => Object.keys(value as object);

describe('payload builders', () => {
  it('orderTradeUpdate defaults to a NEW usdm limit order with exactly the 2026 wire keys, in order', () => {
    const wire = fixture('usdm-order-trade-update-wire-2026.json') as { o: object };
    const built = orderTradeUpdate({ transactionTime: 1_779_367_929_401 });

    expect(keysOf(built)).toEqual(keysOf(wire));
    expect(keysOf(built.o)).toEqual(keysOf(wire.o));
    expect(built).toMatchObject({ T: 1_779_367_929_401, E: 1_779_367_929_402, o: { x: 'NEW', X: 'NEW', s: 'BTCUSDT' } });
    expect(floatPaths(built)).toEqual([]);
  });

  it('orderTradeUpdate for coinm follows the documented COIN-M keys plus er', () => {
    const documented = fixture('coinm-order-trade-update.json') as { o: object };
    const built = orderTradeUpdate({ market: 'coinm', status: 'EXPIRED', execType: 'EXPIRED', expiryReason: '2' });

    expect(keysOf(built).sort()).toEqual(keysOf(documented).sort());
    expect(keysOf(built.o)).toEqual([...keysOf(documented.o).filter((key) => key !== 'AP' && key !== 'cr'), 'er']);
    expect(built).toMatchObject({ i: 'SfsR', o: { s: 'BTCUSD_PERP', ma: 'BTC', X: 'EXPIRED', er: '2' } });
  });

  it('orderTradeUpdate for pm adds the business unit', () => {
    expect(orderTradeUpdate({ market: 'pm' })).toMatchObject({ e: 'ORDER_TRADE_UPDATE', fs: 'UM' });
  });

  it('tradeLite and accountUpdate carry the documented keys', () => {
    expect(keysOf(tradeLite()).sort()).toEqual(keysOf(fixture('usdm-trade-lite.json')).sort());
    expect(keysOf(accountUpdate())).toEqual(keysOf(fixture('usdm-account-update-wire-2021.json')));
    const coinm = accountUpdate({ market: 'coinm' });
    expect(keysOf(coinm).sort()).toEqual(keysOf(fixture('coinm-account-update.json')).sort());
    expect(coinm.a.B).toEqual([{ a: 'BTC', wb: '10000.00000000', cw: '10000.00000000', bc: '0' }]);
  });

  it('listenKeyExpired uses each market’s documented variant', () => {
    expect(listenKeyExpired('usdm', 'K', 1_736_996_475_556)).toEqual({ e: 'listenKeyExpired', E: '1736996475556', listenKey: 'K' });
    expect(keysOf(listenKeyExpired('usdm', 'K', 1))).toEqual(keysOf(fixture('listen-key-expired-string-E.json')));
    expect(listenKeyExpired('coinm', 'K', 5)).toEqual({ e: 'listenKeyExpired', E: 5, listenKey: 'K' });
    expect(listenKeyExpired('pm', 'K', 5)).toEqual({ e: 'listenKeyExpired', E: 5 });
  });
});
