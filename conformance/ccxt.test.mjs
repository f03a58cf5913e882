import './loopback-only.mjs';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ccxt from 'ccxt';
import { startSim } from './sim.mjs';

let sim;
before(async () => {
  sim = await startSim();
});
after(() => sim.stop());

/** Points every Binance REST and stream URL of a ccxt exchange at the simulator (docs/sim.md shows the same). */
function pointAt(urls, restUrl, wsUrl) {
  for (const [name, value] of Object.entries(urls)) {
    if (typeof value === 'string') urls[name] = value.replace(/^https:\/\/[^/]+/, restUrl).replace(/^wss:\/\/[^/]+/, wsUrl);
    else if (value && typeof value === 'object') pointAt(value, restUrl, wsUrl);
  }
}

test('ccxt pro binanceusdm loads markets, obtains a listenKey and receives order updates placed through the control API', async () => {
  const exchange = new ccxt.pro.binanceusdm({ apiKey: sim.apiKey, secret: sim.apiSecret });
  pointAt(exchange.urls.api, sim.restUrl, sim.wsUrl);
  // ccxt opens plain ws:// URLs only through its http agent, which this loads.
  await exchange.loadHttpProxyAgent();
  try {
    const markets = await exchange.loadMarkets();
    assert.equal(markets['BTC/USDT:USDT']?.id, 'BTCUSDT');
    assert.equal(markets['BTC/USDT:USDT']?.linear, true);

    const watching = exchange.watchOrders('BTC/USDT:USDT');
    await new Promise((resolve, reject) => {
      const deadline = Date.now() + 10_000;
      const poll = async () => {
        const state = await sim.control('state');
        if (state.connections.some((c) => c.market === 'usdm' && state.listenKeys.usdm && c.subscriptions.includes(state.listenKeys.usdm))) resolve();
        else if (Date.now() > deadline) reject(new Error('ccxt never connected to the user-data stream'));
        else setTimeout(poll, 20);
      };
      void poll();
    });
    const placed = await sim.control('orders', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.002' });
    const orders = await watching;
    assert.ok(orders.some((order) => order.id === String(placed.orderId)), JSON.stringify(orders));
  } finally {
    await exchange.close();
  }
});
