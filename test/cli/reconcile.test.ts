import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, SIM_API_KEY, SIM_API_SECRET, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, spawnCli } from '../helpers/cli.js';
import { startMain } from '../helpers/cli-in-process.js';
import { waitFor } from '../helpers/wait.js';

let sim: SimExchange;
beforeEach(async () => {
  sim = await createSimExchange();
});
afterEach(async () => {
  await sim.close();
});

const envFor = (extra: Record<string, string> = {}) =>
  cleanEnv({ BINANCE_API_KEY: SIM_API_KEY, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, ...extra });
const FAST = ['--reconnect-min', '10ms', '--reconnect-max', '100ms'];

async function gap(during: () => void) {
  sim.refuseConnections(true);
  sim.drop(1001);
  await waitFor('no subscriber', () => (sim.subscribers('usdm') === 0 ? true : undefined));
  during();
  sim.refuseConnections(false);
}

describe('binance-orders tail across a gap', () => {
  it('prints the missed fill as a JSON line with source "reconcile", and [reconciled] in pretty output', async () => {
    for (const mode of ['json', 'pretty'] as const) {
      const { order } = sim.orders.place('usdm', { side: 'BUY', price: '100000.00' });
      const run = startMain(['tail', '-o', mode, '-v', ...FAST], { env: envFor({ BINANCE_API_SECRET: SIM_API_SECRET, NO_COLOR: '1' }) });
      await run.waitForStderr(/recorded at start/);
      await gap(() => void sim.orders.fill('usdm', order.orderId));
      await run.waitForStderr(/1 missed update/);
      await run.waitForStdout(/FILLED/);
      run.interrupt();
      expect(await run.exit).toBe(0);
      if (mode === 'json') {
        expect(JSON.parse(run.stdout())).toMatchObject({ orderId: order.orderId, status: 'FILLED', source: 'reconcile' });
      } else {
        expect(run.stdout()).toMatch(/FILLED.*\[reconciled\]/);
      }
      expect(run.stderr()).not.toContain(SIM_API_SECRET);
    }
  });

  it('recovers an order created and filled while the tail was held back and had not yet seen its socket close', async () => {
    // Spawned: only a process can be stopped and continued; its bytes are checked for the secret too.
    const run = spawnCli(['tail', '--json', '-v', ...FAST], { env: envFor({ BINANCE_API_SECRET: SIM_API_SECRET }) });
    await run.waitForStderr(/recorded at start/);
    run.child.kill('SIGSTOP'); // a machine busy elsewhere, or suspended: the tail runs again only later
    sim.drop(1001);
    await waitFor('no subscriber', () => (sim.subscribers('usdm') === 0 ? true : undefined));
    const { order } = sim.orders.place('usdm', { symbol: 'SOLUSDT', side: 'BUY', type: 'MARKET', quantity: '1.00' });
    // Held back longer than the margin the REST look-up allows for clocks, the tail finds the closed
    // socket only then; the missed order was created well before it noticed.
    const heldUntil = Date.now() + 2_500;
    await waitFor('the hold to outlast the look-up margin', () => (Date.now() >= heldUntil ? true : undefined));
    run.child.kill('SIGCONT');
    await run.waitForStderr(/reconcile: gap .*1 missed update/);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(JSON.parse(run.stdout())).toMatchObject({ orderId: order.orderId, symbol: 'SOLUSDT', status: 'FILLED', source: 'reconcile' });
    expect(run.stdout() + run.stderr()).not.toContain(SIM_API_SECRET);
  });

  it('says once without a secret that gaps cannot be recovered; --no-reconcile keeps quiet', async () => {
    for (const flags of [[], ['--no-reconcile']]) {
      const run = startMain(['tail', '--json', ...flags, ...FAST], { env: envFor() });
      await run.waitForStderr(/connected to usdm/);
      await gap(() => {});
      await run.waitForStderr(/gap closed/);
      run.interrupt();
      expect(await run.exit).toBe(0);
      const notices = run.stderr().match(/cannot be recovered: neither BINANCE_API_SECRET nor BINANCE_PRIVATE_KEY_FILE/g) ?? [];
      expect(notices).toHaveLength(flags.length === 0 ? 1 : 0);
    }
  });
});
