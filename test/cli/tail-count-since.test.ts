import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, orderTradeUpdate, SIM_API_KEY, SIM_API_SECRET, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, CLI_START_MS, spawnCli } from '../helpers/cli.js';
import { runMain, startMain } from '../helpers/cli-in-process.js';
import { waitFor } from '../helpers/wait.js';

const API_KEY = 'SENTINEL-APIKEY-7f3a9c1e5b';

let sim: SimExchange;
beforeEach(async () => {
  sim = await createSimExchange({ apiKeys: [API_KEY, SIM_API_KEY] });
});
afterEach(async () => {
  await sim.close();
});

const envFor = (extra: Record<string, string> = {}) =>
  cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, ...extra });

describe('tail --count', () => {
  it('stops after that many printed events and exits 0', async () => {
    // Spawned: the process ends by itself once the count is reached, with nothing left holding it open.
    const run = spawnCli(['tail', '--json', '--count', '2'], { env: envFor() });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    for (const orderId of [1, 2, 3]) sim.push('usdm', orderTradeUpdate({ orderId, status: 'NEW' }));
    expect(await run.exit).toBe(0);
    expect(run.stdout().trimEnd().split('\n').map((line) => (JSON.parse(line) as { orderId: number }).orderId)).toEqual([1, 2]);
  });

  it('counts the merged output of several markets', async () => {
    const run = startMain(['tail', '-m', 'usdm,coinm', '--json', '--count', '2'], { env: envFor() });
    await waitFor('a usdm and a coinm socket', () => (sim.subscribers('usdm') > 0 && sim.subscribers('coinm') > 0 ? true : undefined), CLI_START_MS);
    sim.push('usdm', orderTradeUpdate({ orderId: 1, status: 'NEW' }));
    sim.push('coinm', orderTradeUpdate({ market: 'coinm', symbol: 'BTCUSD_PERP', orderId: 2, status: 'NEW' }));
    expect(await run.exit).toBe(0);
    expect(run.stdout().trimEnd().split('\n')).toHaveLength(2);
  });

  it('rejects a count that is not a whole number above 0', async () => {
    const { code, stderr } = await runMain(['tail', '--count', '0'], { env: envFor() });
    expect(code).toBe(2);
    expect(stderr).toBe('binance-orders: --count: must be a whole number above 0\n');
  });
});

describe('tail --since', () => {
  const signedEnv = () => envFor({ BINANCE_API_KEY: SIM_API_KEY, BINANCE_API_SECRET: SIM_API_SECRET });

  it('prints the orders changed since then over REST, then the stream, with no repeat between them', async () => {
    const filled = sim.orders.place('usdm', { side: 'BUY', price: '100000.00' }).order;
    sim.orders.fill('usdm', filled.orderId);
    const open = sim.orders.place('usdm', { side: 'SELL', price: '104250.10' }).order;
    const run = startMain(['tail', '--since', '1h', '--json', '-v'], { env: signedEnv() });
    await run.waitForStderr(/2 order update\(s\) over REST; following the stream/);
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    await run.waitForStderr(/reconcile: gap .*(nothing missed|recovered)/);
    sim.orders.fill('usdm', open.orderId);
    await run.waitForStdout(new RegExp(`"orderId":${open.orderId},.*"FILLED"`));
    run.interrupt();
    expect(await run.exit).toBe(0);
    const lines = run.stdout().trimEnd().split('\n').map((line) => JSON.parse(line) as { orderId: number; status: string; source: string });
    expect(lines.map((l) => `${l.orderId} ${l.status} ${l.source}`)).toEqual([
      `${filled.orderId} FILLED rest`,
      `${open.orderId} NEW rest`,
      `${open.orderId} FILLED ws`,
    ]);
  });

  it('exits 2 without a secret, saying why', async () => {
    const { code, stdout, stderr } = await runMain(['tail', '--since', '1h'], { env: envFor() });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^binance-orders: --since reads order history over signed REST, but neither BINANCE_API_SECRET nor BINANCE_PRIVATE_KEY_FILE is set/);
  });

  it('exits 2 for a time it cannot read', async () => {
    const { code, stderr } = await runMain(['tail', '--since', 'yesterday'], { env: envFor() });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--since: "yesterday" is neither a duration/);
  });
});
