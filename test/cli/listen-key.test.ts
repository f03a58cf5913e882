import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';

const API_KEY = 'SENTINEL-APIKEY-7f3a9c1e5b';
const LISTEN_KEY = 'SENTINELLISTENKEY0123456789abcdefSENTINELLISTENKEY0123456789abcd';

let sim: SimExchange;

beforeEach(async () => {
  sim = await createSimExchange({ apiKeys: [API_KEY], keyFactory: () => LISTEN_KEY });
});
afterEach(async () => {
  await sim.close();
});

const env = (extra: Record<string, string> = {}) => cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_REST_URL: sim.restUrl, ...extra });
const listenKey = (...args: string[]) => runMain(['listen-key', ...args], { env: env() });

describe('binance-orders listen-key', () => {
  it('create POSTs once and prints the key redacted', async () => {
    // Spawned: the bundle runs the command, and the secrets are checked in the real process's bytes.
    const { code, stdout, stderr } = await runCli(['listen-key', 'create'], { env: env() });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ action: 'create', market: 'usdm', network: 'mainnet', listenKey: 'SENT…abcd', validMinutes: 60 });
    expect(stdout + stderr).not.toContain(LISTEN_KEY);
    expect(stdout + stderr).not.toContain(API_KEY);
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /fapi/v1/listenKey']);
    expect(sim.activeKey('usdm')).toBe(LISTEN_KEY);
  });

  it('create --show-key prints the full key and warns on stderr what it grants', async () => {
    const { code, stdout, stderr } = await listenKey('create', '--show-key');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { listenKey: string }).listenKey).toBe(LISTEN_KEY);
    expect(stderr).toMatch(/--show-key: whoever holds this key can read the account's order stream/);
    expect(stderr).not.toContain(LISTEN_KEY);
  });

  it('keepalive PUTs on the chosen market, and says how to recover when there is no key', async () => {
    const missing = await listenKey('keepalive', '-m', 'coinm');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/-1125.*run "binance-orders listen-key create"/);
    await listenKey('create', '-m', 'coinm');
    const { code, stdout } = await listenKey('keepalive', '-m', 'coinm');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ action: 'keepalive', market: 'coinm', network: 'mainnet', extendedMinutes: 60 });
    expect(sim.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual(['/dapi/v1/listenKey', '/dapi/v1/listenKey']);
  });

  it('close DELETEs the key and warns that every other consumer loses its stream', async () => {
    await listenKey('create');
    const { code, stdout, stderr } = await listenKey('close');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ action: 'close', closed: true });
    expect(stderr).toMatch(/ends the stream for every consumer of the account/);
    expect(sim.activeKey('usdm')).toBeUndefined();
  });

  it('exits 3 with the -2015 hint when the key is rejected, and 2 for a bad action or a missing key', async () => {
    const rejected = await runMain(['listen-key', 'create'], { env: env({ BINANCE_API_KEY: 'unknown-key' }) });
    expect(rejected.code).toBe(3);
    expect(rejected.stderr).toMatch(/-2015.*futures enabled/);
    const bad = await listenKey('open');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are create, keepalive, close/);
    const noKey = await runMain(['listen-key', 'create'], { env: cleanEnv({ BINANCE_REST_URL: sim.restUrl }) });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/BINANCE_API_KEY is not set/);
  });
});
