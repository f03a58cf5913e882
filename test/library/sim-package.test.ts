import { afterEach, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type SimExchange, createSimExchange } from 'binance-orders/sim';

// The README's example, nearly line for line: a consumer's reconnect logic against the package's
// own export. The "bot" below is the smallest one that renews its listenKey and reconnects.

let sim: SimExchange | undefined;
afterEach(() => sim?.close());

it('a bot that reconnects survives a dropped socket and an expired listenKey', async () => {
  sim = await createSimExchange();
  const bot = startBot(sim.restUrl, sim.wsUrl, sim.apiKey);
  try {
    await sim.waitForConnection();
    sim.fault({ kind: 'drop' });
    await expect.poll(() => bot.connects, { timeout: 5_000 }).toBe(2);
    sim.fault({ kind: 'expire-key' });
    await expect.poll(() => bot.connects, { timeout: 5_000 }).toBe(3);
    const order = sim.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.010', price: '100000' });
    await expect.poll(() => bot.statuses.get(order.orderId), { timeout: 5_000 }).toBe('NEW');
  } finally {
    bot.stop();
  }
});

/** A minimal user-data consumer: POST a listenKey, connect, and on close or listenKeyExpired do both again. */
function startBot(restUrl: string, wsUrl: string, apiKey: string) {
  const statuses = new Map<number, string>();
  let stopped = false;
  let socket: WebSocket | undefined;
  const state = { connects: 0, statuses, stop: () => ((stopped = true), socket?.terminate()) };
  const connect = async () => {
    const response = await fetch(`${restUrl}/fapi/v1/listenKey`, { method: 'POST', headers: { 'X-MBX-APIKEY': apiKey } });
    const { listenKey } = (await response.json()) as { listenKey: string };
    if (stopped) return;
    socket = new WebSocket(`${wsUrl}/private/ws?listenKey=${listenKey}`);
    socket.on('open', () => state.connects++);
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as { e: string; o?: { i: number; X: string } };
      if (event.e === 'ORDER_TRADE_UPDATE' && event.o) statuses.set(event.o.i, event.o.X);
      if (event.e === 'listenKeyExpired') socket?.terminate();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (!stopped) void connect();
    });
  };
  void connect();
  return state;
}
