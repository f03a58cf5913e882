import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, SIM_API_KEY, SIM_API_SECRET, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, CLI_START_MS, runCli, spawnCli } from '../helpers/cli.js';
import { runMain, startMain } from '../helpers/cli-in-process.js';
import { waitFor } from '../helpers/wait.js';

let sim: SimExchange;
beforeEach(async () => {
  sim = await createSimExchange();
});
afterEach(async () => {
  await sim.close();
});

const envFor = (withSecret = true) =>
  cleanEnv({
    BINANCE_API_KEY: SIM_API_KEY,
    ...(withSecret ? { BINANCE_API_SECRET: SIM_API_SECRET } : {}),
    BINANCE_REST_URL: sim.restUrl,
    BINANCE_WS_URL: sim.wsUrl,
  });
const FAST = ['--reconnect-min', '10ms', '--reconnect-max', '100ms'];

describe('binance-orders wait', () => {
  it('exits 0 and prints the update once the order reaches the status on the stream', async () => {
    const { order } = sim.orders.place('usdm', { side: 'BUY', price: '100000.00' });
    // Spawned: the bundle runs wait end to end, and the process ends by itself.
    const run = spawnCli(['wait', String(order.orderId), '--until', 'FILLED', '--json', '-v'], { env: envFor() });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    await run.waitForStderr(/recorded at start/);
    sim.orders.fill('usdm', order.orderId, '0.001');
    expect(await run.exit).toBe(0);
    const lines = run.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ orderId: order.orderId, status: 'FILLED', source: 'ws' });
  });

  it('exits 0 at once when REST shows the order already there, found by clientOrderId', async () => {
    const { order } = sim.orders.place('usdm', { side: 'BUY', type: 'MARKET', clientOrderId: 'my-order-1' });
    const { code, stdout } = await runMain(['wait', 'my-order-1', '--json'], { env: envFor() });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ orderId: order.orderId, status: 'FILLED', source: 'reconcile' });
  });

  it('exits 5 when the order ends in another terminal status', async () => {
    const { order } = sim.orders.place('usdm', { side: 'BUY', price: '100000.00' });
    const run = startMain(['wait', String(order.orderId), '--symbol', 'BTCUSDT', '--until', 'FILLED', '--json', '-v'], { env: envFor() });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    await run.waitForStderr(/recorded at start/);
    sim.orders.cancel('usdm', order.orderId);
    expect(await run.exit).toBe(5);
    expect(run.stderr()).toMatch(/ended CANCELED, not FILLED/);
    expect(JSON.parse(run.stdout())).toMatchObject({ status: 'CANCELED' });
  });

  it('exits 4 when the timeout passes first', async () => {
    const { order } = sim.orders.place('usdm', { side: 'BUY', price: '100000.00' });
    const { code, stdout, stderr } = await runMain(['wait', String(order.orderId), '--timeout', '300ms'], { env: envFor() });
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/did not reach .*FILLED.* within 300ms/);
  });

  it('works from the stream alone without a secret', async () => {
    const { order } = sim.orders.place('usdm', { side: 'SELL', price: '110000.00' });
    const run = startMain(['wait', String(order.orderId), '--until', 'CANCELED', '--json'], { env: envFor(false) });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    sim.orders.cancel('usdm', order.orderId);
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toMatch(/following the stream only/);
    expect(sim.requests.some((r) => r.path.endsWith('Orders') || r.path.endsWith('/order'))).toBe(false);
  });

  it('finds over REST an order that filled while the stream was down', async () => {
    const { order } = sim.orders.place('usdm', { side: 'BUY', price: '100000.00' });
    const run = startMain(['wait', String(order.orderId), '--json', '-v', ...FAST], { env: envFor() });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    await run.waitForStderr(/recorded at start/);
    sim.refuseConnections(true);
    sim.drop(1001);
    await waitFor('no subscriber', () => (sim.subscribers('usdm') === 0 ? true : undefined));
    sim.orders.fill('usdm', order.orderId);
    sim.refuseConnections(false);
    expect(await run.exit).toBe(0);
    expect(JSON.parse(run.stdout())).toMatchObject({ orderId: order.orderId, status: 'FILLED', source: 'reconcile' });
  });

  it('exits 3 when the exchange refuses the API key', async () => {
    const env = { ...envFor(), BINANCE_API_KEY: 'UNKNOWN-KEY-0123456789abcdef' };
    // Spawned: a fatal path's bytes from the real process must not carry the key either.
    const { code, stderr } = await runCli(['wait', '1', '--timeout', '5s'], { env });
    expect(code).toBe(3);
    expect(stderr).toMatch(/rejected the API key/);
    expect(stderr).not.toContain('UNKNOWN-KEY-0123456789abcdef');
  });

  it('rejects a bad --until or --timeout with exit 2', async () => {
    expect((await runMain(['wait', '1', '--timeout', 'soon'], { env: envFor() })).code).toBe(2);
    expect((await runMain(['wait', '1', '--until', ','], { env: envFor() })).code).toBe(2);
  });
});
