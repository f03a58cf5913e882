import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, SIM_API_KEY, SIM_API_SECRET, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { runMain, startMain } from '../helpers/cli-in-process.js';
import { schemaErrors } from '../helpers/schemas.js';

let sim: SimExchange;
beforeEach(async () => {
  sim = await createSimExchange();
});
afterEach(async () => {
  await sim.close();
});

const envFor = (extra: Record<string, string> = {}) =>
  cleanEnv({ BINANCE_API_KEY: SIM_API_KEY, BINANCE_API_SECRET: SIM_API_SECRET, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, NO_COLOR: '1', ...extra });

describe('binance-orders orders', () => {
  it('prints each open order as the object tail prints for it, with source "rest"', async () => {
    const run = startMain(['tail', '--json', '--events', 'order'], { env: envFor() });
    await run.waitForStderr(/connected to usdm/);
    const { order } = sim.orders.place('usdm', { side: 'BUY', price: '90000.00', quantity: '0.010', symbol: 'BTCUSDT' });
    await run.waitForStdout(/\n/);
    run.interrupt();
    expect(await run.exit).toBe(0);
    const streamed = JSON.parse(run.stdout()) as Record<string, unknown>;

    // Spawned: the bundle runs orders end to end.
    const { code, stdout } = await runCli(['orders', '--json'], { env: envFor() });
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as Record<string, unknown>;
    expect(listed).toMatchObject({ event: 'order', orderId: order.orderId, status: 'NEW', price: '90000.00', origQty: '0.010', source: 'rest' });
    // The same keys in the same order: what only a stream update carries is null.
    expect(Object.keys(listed)).toEqual(Object.keys(streamed));
    expect(listed).toMatchObject({ commission: null, commissionAsset: null });
    expect(schemaErrors(listed)).toEqual([]);
  });

  it('prints an aligned table sorted by symbol, then age, with the filled percentage', async () => {
    sim.orders.place('usdm', { side: 'SELL', price: '3500.00', quantity: '2.000', symbol: 'ETHUSDT', clientOrderId: 'eth-1' });
    sim.orders.place('usdm', { side: 'BUY', price: '90000.00', quantity: '0.010', symbol: 'BTCUSDT', clientOrderId: 'btc-1' });
    const { order } = sim.orders.place('usdm', { side: 'SELL', price: '95000.00', quantity: '0.020', symbol: 'BTCUSDT', clientOrderId: 'btc-2' });
    sim.orders.fill('usdm', order.orderId, '0.005');
    const { code, stdout, stderr } = await runMain(['orders', '-o', 'pretty'], { env: envFor() });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SYMBOL +SIDE +TYPE +PRICE +FILLED\/QTY +STATUS +AGE +CLIENT ORDER ID$/);
    expect(lines.slice(1).map((line) => line.split(/ +/))).toEqual([
      ['BTCUSDT', 'BUY', 'LIMIT', '90000.00', '0/0.010', '0%', 'NEW', expect.stringMatching(/^\d+s$/), 'btc-1'],
      ['BTCUSDT', 'SELL', 'LIMIT', '95000.00', '0.005/0.020', '25%', 'PARTIALLY_FILLED', expect.stringMatching(/^\d+s$/), 'btc-2'],
      ['ETHUSDT', 'SELL', 'LIMIT', '3500.00', '0/2.000', '0%', 'NEW', expect.stringMatching(/^\d+s$/), 'eth-1'],
    ]);
    // Aligned: text columns start under their title, number columns end under it.
    const [header = '', ...rows] = lines;
    for (const row of rows) {
      expect(row.search(/ (NEW|PARTIALLY_FILLED) /) + 1).toBe(header.indexOf('STATUS'));
      expect(row.search(/ (btc|eth)-\d$/) + 1).toBe(header.indexOf('CLIENT ORDER ID'));
      expect(row.search(/\d%/) + 2).toBe(header.indexOf('FILLED/QTY') + 'FILLED/QTY'.length);
    }
  });

  it('says so on stderr, with nothing on stdout, when nothing is open', async () => {
    const { code, stdout, stderr } = await runMain(['orders', '--symbol', 'BTCUSDT'], { env: envFor() });
    expect({ code, stdout }).toEqual({ code: 0, stdout: '' });
    expect(stderr).toMatch(/no open orders on usdm for BTCUSDT\n$/);
  });

  it('exits 2 with one line without a secret, and 3 when the key is refused', async () => {
    const missing = await runMain(['orders'], { env: envFor({ BINANCE_API_SECRET: '' }) });
    expect(missing).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^binance-orders: orders signs its request, but neither BINANCE_API_SECRET nor BINANCE_PRIVATE_KEY_FILE is set[^\n]*\n$/) });
    // Spawned: a fatal path's bytes from the real process must not carry the key.
    const refused = await runCli(['orders'], { env: envFor({ BINANCE_API_KEY: 'not-a-sim-key' }) });
    expect(refused.code).toBe(3);
    expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(refused.stderr).not.toContain('not-a-sim-key');
  });
});
