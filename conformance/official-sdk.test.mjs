import './loopback-only.mjs';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DerivativesTradingUsdsFutures } from '@binance/derivatives-trading-usds-futures';
import { startSim, waitFor } from './sim.mjs';

let sim;
before(async () => {
  sim = await startSim();
});
after(() => sim.stop());

test("Binance's official SDK obtains a listenKey and receives order updates placed through the control API", async () => {
  const client = new DerivativesTradingUsdsFutures({
    configurationRestAPI: { apiKey: sim.apiKey, apiSecret: sim.apiSecret, basePath: sim.restUrl },
    configurationWebsocketStreams: { wsURL: sim.wsUrl },
  });
  const { listenKey } = await (await client.restAPI.startUserDataStream()).data();
  assert.match(listenKey, /^[A-Za-z0-9]{64}$/);

  const connection = await client.websocketStreams.connect();
  try {
    const updates = [];
    let notify = () => {};
    connection.userData(listenKey).on('message', (event) => {
      updates.push(event);
      notify();
    });
    const orderUpdate = (orderId, status) =>
      waitFor(`ORDER_TRADE_UPDATE ${status} for ${orderId}`, 10_000, (resolve) => {
        notify = () => {
          const found = updates.find((event) => event.e === 'ORDER_TRADE_UPDATE' && Number(event.o.i) === orderId && event.o.X === status);
          if (found) resolve(found);
        };
        notify();
      });
    // The SDK subscribes with a SUBSCRIBE frame after connecting; wait until the simulator has it.
    await waitFor('the SUBSCRIBE to reach the simulator', 10_000, (resolve) => {
      const poll = async () => {
        const state = await sim.control('state');
        if (state.connections.some((c) => c.subscriptions.includes(listenKey))) resolve();
        else setTimeout(poll, 20);
      };
      void poll();
    });

    const placed = await sim.control('orders', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.010', price: '100000' });
    const created = await orderUpdate(placed.orderId, 'NEW');
    assert.equal(created.o.s, 'BTCUSDT');
    await sim.control(`orders/${placed.orderId}/fill`, {});
    const filled = await orderUpdate(placed.orderId, 'FILLED');
    assert.equal(filled.o.z, '0.010');
  } finally {
    await connection.disconnect();
  }
});
