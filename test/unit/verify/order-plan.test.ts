import { describe, expect, it } from 'vitest';
import { resolveEndpoints } from '../../../src/exchange/endpoints.js';
import { farBuyOrder } from '../../../src/verify/order-plan.js';
import { routeCandidates } from '../../../src/verify/routes.js';

const info = {
  symbols: [
    {
      symbol: 'BTCUSDT',
      filters: [
        { filterType: 'PRICE_FILTER', tickSize: '0.10' },
        { filterType: 'LOT_SIZE', stepSize: '0.001', minQty: '0.001' },
        { filterType: 'MIN_NOTIONAL', notional: '100' },
        { filterType: 'PERCENT_PRICE', multiplierDown: '0.9500' },
      ],
    },
  ],
};

describe('verify order plan', () => {
  it('prices a BUY inside PERCENT_PRICE on the tick and sizes it just above the minimum notional', () => {
    expect(farBuyOrder('104250.12345678', info, 'BTCUSDT')).toEqual({ price: '100080.1', quantity: '0.002' });
  });

  it('refuses a symbol exchangeInfo does not list', () => {
    expect(() => farBuyOrder('1', info, 'NOPEUSDT')).toThrow(/not listed/);
  });
});

describe('verify stream routes', () => {
  it('tries the configured testnet route first, then the alternatives from the endpoint table', () => {
    const routes = routeCandidates(resolveEndpoints('usdm', 'testnet'));
    expect(routes.map((r) => r.template)).toEqual([
      'wss://fstream.binancefuture.com/private/ws?listenKey={listenKey}',
      'wss://stream.binancefuture.com/private/ws?listenKey={listenKey}',
      'wss://fstream.binancefuture.com/private/ws/{listenKey}',
      'wss://fstream.binancefuture.com/ws/{listenKey}',
    ]);
  });

  it('offers the mainnet diagnostic routes after the default, which itself sends no events filter', () => {
    const routes = routeCandidates(resolveEndpoints('usdm', 'mainnet')).map((r) => r.template);
    expect(routes[0]).toBe('wss://fstream.binance.com/private/ws?listenKey={listenKey}');
    expect(routes[1]).toMatch(/^wss:\/\/fstream\.binance\.com\/private\/ws\?listenKey=\{listenKey\}&events=ORDER_TRADE_UPDATE\/.*\/listenKeyExpired$/);
    expect(routes.slice(2)).toEqual(['wss://fstream.binance.com/private/stream?listenKey={listenKey}', 'wss://fstream.binance.com/private/ws/{listenKey}']);
  });

  it('offers the documented fstream.binancefuture.com route for demo trading after the default', () => {
    const routes = routeCandidates(resolveEndpoints('usdm', 'demo')).map((r) => r.template);
    expect(routes.slice(0, 2)).toEqual(['wss://demo-fstream.binance.com/private/ws?listenKey={listenKey}', 'wss://fstream.binancefuture.com/private/ws?listenKey={listenKey}']);
  });

  it('keeps the alternatives on the host --ws-url names', () => {
    const routes = routeCandidates(resolveEndpoints('usdm', 'testnet', { wsUrl: 'ws://127.0.0.1:9/ws/{listenKey}' }));
    expect(routes.map((r) => r.template)).toEqual(['ws://127.0.0.1:9/ws/{listenKey}', 'ws://127.0.0.1:9/private/ws?listenKey={listenKey}', 'ws://127.0.0.1:9/private/ws/{listenKey}']);
  });
});
