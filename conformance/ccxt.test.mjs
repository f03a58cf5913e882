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

/** Settles as promise does, or rejects with message after ms. */
function within(promise, ms, message) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** close() ends every watch still pending with ExchangeClosedByUser, ccxt's signal of a user-initiated close; any other error stays one. */
function unlessClosedByUser(error) {
  if (!(error instanceof ccxt.ExchangeClosedByUser)) throw error;
}

test('ccxt pro binanceusdm loads markets, obtains a listenKey and receives order updates placed through the control API', async () => {
  const exchange = new ccxt.pro.binanceusdm({ apiKey: sim.apiKey, secret: sim.apiSecret });
  pointAt(exchange.urls.api, sim.restUrl, sim.wsUrl);
  // ccxt opens plain ws:// URLs only through its http agent, which this loads.
  await exchange.loadHttpProxyAgent();
  let watching;
  let snapshot;
  try {
    const markets = await exchange.loadMarkets();
    assert.equal(markets['BTC/USDT:USDT']?.id, 'BTCUSDT');
    assert.equal(markets['BTC/USDT:USDT']?.linear, true);

    watching = exchange.watchOrders('BTC/USDT:USDT');
    // On a futures market watchOrders also loads a positions snapshot over REST in the background
    // (ccxt's default watchPositions.fetchPositionsSnapshot), a future nobody holds that close() would
    // reject with ExchangeClosedByUser while it is in flight. A watchPositions() started in the same tick
    // waits for exactly that snapshot, so the test holds it and lets it settle before closing.
    snapshot = exchange.watchPositions(['BTC/USDT:USDT']);
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
    const positions = await within(snapshot, 10_000, 'ccxt never loaded the positions snapshot');
    assert.ok(Array.isArray(positions), JSON.stringify(positions));
  } finally {
    await exchange.close();
    await Promise.all([watching, snapshot].map((pending) => pending?.catch(unlessClosedByUser)));
  }
});
