import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, orderTradeUpdate, type SimExchange } from '../../src/sim/index.js';
import { waitFor } from '../helpers/wait.js';
import { cleanEnv, CLI_START_MS, runCli } from '../helpers/cli.js';
import { runMain, startMain } from '../helpers/cli-in-process.js';

const API_KEY = 'SENTINEL-APIKEY-7f3a9c1e5b';

let sim: SimExchange;
let dir: string;

beforeEach(async () => {
  sim = await createSimExchange({ apiKeys: [API_KEY] });
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-markets-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const env = () => cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, NO_COLOR: '1' });

/** Waits until both markets have a socket on their own route. */
async function bothConnected(): Promise<void> {
  await waitFor('a usdm and a coinm socket', () => (sim.subscribers('usdm') > 0 && sim.subscribers('coinm') > 0 ? true : undefined), CLI_START_MS);
}

const usdmOrder = (orderId: number) => orderTradeUpdate({ market: 'usdm', symbol: 'BTCUSDT', orderId, status: 'NEW' });
const coinmOrder = (orderId: number) => orderTradeUpdate({ market: 'coinm', symbol: 'BTCUSD_PERP', orderId, status: 'NEW' });

describe('tail --market usdm,coinm', () => {
  it('follows both streams, each with its own key, merged in arrival order', async () => {
    const run = startMain(['tail', '-m', 'usdm,coinm', '--json'], { env: env(), cwd: dir });
    await bothConnected();
    expect(sim.requests.filter((r) => r.method === 'POST').map((r) => r.path).sort()).toEqual(['/dapi/v1/listenKey', '/fapi/v1/listenKey']);
    for (let i = 1; i <= 3; i++) {
      sim.push('usdm', usdmOrder(i));
      await run.waitForStdout(new RegExp(`"orderId":${i}\\b`));
      sim.push('coinm', coinmOrder(100 + i));
      await run.waitForStdout(new RegExp(`"orderId":${100 + i}\\b`));
    }
    run.interrupt();
    expect(await run.exit).toBe(0);
    const lines = run.stdout().trimEnd().split('\n').map((l) => JSON.parse(l) as { market: string; orderId: number });
    expect(lines.map((l) => `${l.market}:${l.orderId}`)).toEqual(['usdm:1', 'coinm:101', 'usdm:2', 'coinm:102', 'usdm:3', 'coinm:103']);
  });

  it('tags every pretty line with its market, and replays a recording of both the same way', async () => {
    const file = join(dir, 'both.ndjson');
    const run = startMain(['tail', '-m', 'usdm,coinm', '-o', 'pretty', '--record', file], { env: env(), cwd: dir });
    await bothConnected();
    sim.push('usdm', usdmOrder(1));
    await run.waitForStdout(/BTCUSDT/);
    sim.push('coinm', coinmOrder(2));
    await run.waitForStdout(/BTCUSD_PERP/);
    run.interrupt();
    expect(await run.exit).toBe(0);
    const lines = run.stdout().trimEnd().split('\n').filter((line) => !/ --- \d{4}-\d\d-\d\d /.test(line)); // each market's date line
    expect(lines[0]).toMatch(/^usdm {2}.*BTCUSDT/);
    expect(lines[1]).toMatch(/^coinm .*BTCUSD_PERP/);
    // Spawned: the bundle replays a recording end to end.
    const replay = await runCli(['replay', file, '--max-speed', '-o', 'pretty'], { env: env(), cwd: dir });
    expect(replay.stdout).toBe(run.stdout());
  });

  it('keeps following usdm when coinm rejects the key, reports it, and exits with its code at the end', async () => {
    sim.failNext({ method: 'POST', path: '/dapi/v1/listenKey', status: 401, body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' } });
    const run = startMain(['tail', '-m', 'usdm,coinm', '--json'], { env: env(), cwd: dir });
    await run.waitForStderr(/coinm: stopped: the exchange rejected the API key.*-2015.*the other markets go on/);
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    sim.push('usdm', usdmOrder(7));
    await run.waitForStdout(/"orderId":7/);
    run.interrupt();
    expect(await run.exit).toBe(3);
    expect(run.stderr()).toMatch(/coinm ended with an error \(reported above\)/);
  });

  it.each([
    [['tail', '-m', 'usdm,spot'], /--market: unknown market "spot"/],
    [['listen-key', 'create', '-m', 'usdm,coinm'], /one market only here/],
    [['tail', '-m', 'usdm,coinm', '--ws-url', 'ws://127.0.0.1:1/x/{listenKey}'], /names one market's route/],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await runMain(args, { env: env(), cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
