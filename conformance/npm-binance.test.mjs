import './loopback-only.mjs';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DefaultLogger, WebsocketClient } from 'binance';
import { startSim, waitFor } from './sim.mjs';

let sim;
before(async () => {
  sim = await startSim();
});
after(() => sim.stop());

test('npm binance obtains a listenKey and receives order updates placed through the control API', async () => {
  const quiet = { ...DefaultLogger, trace: () => {}, info: () => {} };
  const client = new WebsocketClient({ api_key: sim.apiKey, api_secret: sim.apiSecret, wsUrl: sim.wsUrl, restOptions: { baseUrl: sim.restUrl }, beautify: false }, quiet);
  const updates = [];
  let notify = () => {};
  client.on('message', (message) => {
    updates.push(message);
    notify();
  });
  const orderUpdate = (orderId, status) =>
    waitFor(`ORDER_TRADE_UPDATE ${status} for ${orderId}`, 10_000, (resolve) => {
      notify = () => {
        const found = updates.find((event) => event.e === 'ORDER_TRADE_UPDATE' && event.o.i === orderId && event.o.X === status);
        if (found) resolve(found);
      };
      notify();
    });
  try {
    await client.subscribeUsdFuturesUserDataStream();
    const state = await sim.control('state');
    const listenKey = state.listenKeys.usdm;
    assert.match(listenKey, /^[A-Za-z0-9]{64}$/);
    assert.ok(state.connections.some((c) => c.path === `/private/stream?listenKey=${listenKey}`), JSON.stringify(state.connections.map((c) => c.path)));

    const placed = await sim.control('orders', { symbol: 'ETHUSDT', side: 'SELL', type: 'LIMIT', quantity: '0.500', price: '2600' });
    await orderUpdate(placed.orderId, 'NEW');
    await sim.control(`orders/${placed.orderId}/cancel`, {});
    const cancelled = await orderUpdate(placed.orderId, 'CANCELED');
    assert.equal(cancelled.o.s, 'ETHUSDT');
  } finally {
    await client.unsubscribeUsdFuturesUserDataStream();
    client.closeAll(true);
  }
});
