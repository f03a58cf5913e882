import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, orderTradeUpdate, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, runCli, spawnCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

const API_KEY = 'SENTINEL-APIKEY-7f3a9c1e5b';

let sim: SimExchange;
beforeEach(async () => {
  sim = await createSimExchange({ apiKeys: [API_KEY] });
});
afterEach(async () => {
  await sim.close();
});

const envFor = (extra: Record<string, string> = {}) =>
  cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, ...extra });

describe('tail --count', () => {
  it('stops after that many printed events and exits 0', async () => {
    const run = spawnCli(['tail', '--json', '--count', '2'], { env: envFor() });
    await sim.waitForConnection();
    for (const orderId of [1, 2, 3]) sim.push('usdm', orderTradeUpdate({ orderId, status: 'NEW' }));
    expect(await run.exit).toBe(0);
    expect(run.stdout().trimEnd().split('\n').map((line) => (JSON.parse(line) as { orderId: number }).orderId)).toEqual([1, 2]);
  });

  it('counts the merged output of several markets', async () => {
    const run = spawnCli(['tail', '-m', 'usdm,coinm', '--json', '--count', '2'], { env: envFor() });
    await waitFor('a usdm and a coinm socket', () => (sim.subscribers('usdm') > 0 && sim.subscribers('coinm') > 0 ? true : undefined), 5_000);
    sim.push('usdm', orderTradeUpdate({ orderId: 1, status: 'NEW' }));
    sim.push('coinm', orderTradeUpdate({ market: 'coinm', symbol: 'BTCUSD_PERP', orderId: 2, status: 'NEW' }));
    expect(await run.exit).toBe(0);
    expect(run.stdout().trimEnd().split('\n')).toHaveLength(2);
  });

  it('rejects a count that is not a whole number above 0', async () => {
    const { code, stderr } = await runCli(['tail', '--count', '0'], { env: envFor() });
    expect(code).toBe(2);
    expect(stderr).toBe('binance-orders: --count: must be a whole number above 0\n');
  });
});
