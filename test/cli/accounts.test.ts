import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, orderTradeUpdate, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, CLI_START_MS, spawnCli } from '../helpers/cli.js';
import { runMain, startMain } from '../helpers/cli-in-process.js';
import { waitFor } from '../helpers/wait.js';

// Sentinels: none of them may show up in any byte the CLI writes.
const KEYS = { alpha: 'SENTINEL-ALPHA-KEY-1a2b', beta: 'SENTINEL-BETA-KEY-3c4d', gamma: 'SENTINEL-GAMMA-KEY-5e6f', refused: 'SENTINEL-REFUSED-KEY-7a8b' };
const SECRETS = { alpha: 'SENTINEL-ALPHA-SECRET-9c0d', beta: 'SENTINEL-BETA-SECRET-1e2f', gamma: 'SENTINEL-GAMMA-SECRET-3a4b' };
const STEADY = ['alpha', 'beta', 'gamma'] as const;

let sim: SimExchange;
let dir: string;

beforeEach(async () => {
  sim = await createSimExchange({
    apiKeys: STEADY.map((name) => KEYS[name]),
    apiSecrets: Object.fromEntries(STEADY.map((name) => [KEYS[name], SECRETS[name]])),
    separateAccounts: true,
  });
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-accounts-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) =>
  cleanEnv({
    BINANCE_REST_URL: sim.restUrl,
    BINANCE_WS_URL: sim.wsUrl,
    NO_COLOR: '1',
    ALPHA_KEY: KEYS.alpha,
    ALPHA_SECRET: SECRETS.alpha,
    BETA_KEY: KEYS.beta,
    BETA_SECRET: SECRETS.beta,
    GAMMA_KEY: KEYS.gamma,
    GAMMA_SECRET: SECRETS.gamma,
    REFUSED_KEY: KEYS.refused,
    ...extra,
  });

const account = (name: string, markets: string[] = ['usdm'], more: object = {}) => ({
  name,
  apiKeyEnv: `${name.toUpperCase()}_KEY`,
  ...(name === 'refused' ? {} : { apiSecretEnv: `${name.toUpperCase()}_SECRET` }),
  markets,
  ...more,
});

async function accountsFile(accounts: object[]): Promise<string> {
  const path = join(dir, 'accounts.json');
  await writeFile(path, JSON.stringify({ accounts }));
  return path;
}

const order = (orderId: number, market: 'usdm' | 'coinm' = 'usdm') =>
  orderTradeUpdate({ market, symbol: market === 'usdm' ? 'BTCUSDT' : 'BTCUSD_PERP', orderId, status: 'NEW' });

/** Waits until each named account has a live socket of its own on the market. */
async function connected(names: readonly string[], market: 'usdm' | 'coinm' = 'usdm'): Promise<void> {
  await waitFor(`${names.join(', ')} connected on ${market}`, () =>
    names.every((name) => {
      const key = sim.account(KEYS[name as keyof typeof KEYS]).activeKey(market);
      return key !== undefined && sim.connections().some((c) => c.listenKey === key);
    })
      ? true
      : undefined,
  CLI_START_MS);
}

describe('tail --accounts', () => {
  it('follows every account with its own key; one refused, one reconnecting, the rest steady', async () => {
    const file = await accountsFile([account('alpha'), account('beta'), account('gamma'), account('refused')]);
    // Spawned: the bundle follows several accounts end to end, the exit status after SIGINT says one
    // stream failed, and no credential or listenKey is in any byte the process wrote.
    const run = spawnCli(['tail', '--accounts', file, '--json', '--heartbeat', '1s', '--reconnect-min', '20ms', '-v'], { env: env(), cwd: dir });
    await run.waitForStderr(/refused\/usdm: stopped: the exchange rejected the API key.*-2015.*check that REFUSED_KEY belongs.*the other streams go on/);
    await connected(STEADY);
    const keys = STEADY.map((name) => sim.account(KEYS[name]).activeKey('usdm'));
    expect(new Set(keys).size).toBe(3);

    STEADY.forEach((name, i) => sim.account(KEYS[name]).push('usdm', order(i + 1)));
    await run.waitForStdout(/"orderId":3\b/);
    await waitFor('three lines', () => (run.stdout().trimEnd().split('\n').length >= 3 ? true : undefined));

    const before = sim.connections().length;
    sim.account(KEYS.beta).drop(1001);
    await run.waitForStderr(/beta\/usdm: .*gap closed/);
    expect(sim.connections().length).toBe(before);
    await run.waitForStderr(/beta\/usdm: reconcile: gap .*(nothing missed|recovered)/);
    sim.account(KEYS.beta).push('usdm', order(20));
    sim.account(KEYS.alpha).push('usdm', order(21));
    await run.waitForStdout(/"orderId":20\b/);
    await run.waitForStdout(/"orderId":21\b/);

    run.child.kill('SIGINT');
    expect(await run.exit).toBe(3);
    const lines = run.stdout().trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => `${String(l.account)}:${String(l.orderId)}`).sort()).toEqual(['alpha:1', 'alpha:21', 'beta:2', 'beta:20', 'gamma:3']);
    for (const line of run.stdout().trimEnd().split('\n')) expect(line).toMatch(/^\{"event":"order","account":"[a-z]+","market":"usdm",/);
    expect(run.stderr()).toMatch(/refused\/usdm ended with an error \(reported above\); the other streams ran until stopped/);
    for (const secret of [...Object.values(KEYS), ...Object.values(SECRETS)]) expect(run.stdout() + run.stderr()).not.toContain(secret);
    for (const key of keys) expect(run.stdout() + run.stderr()).not.toContain(key);
  });

  it('starts pretty lines with the account, then the market when accounts follow several', async () => {
    const file = await accountsFile([account('alpha', ['usdm', 'coinm']), account('gamma')]);
    const run = startMain(['tail', '--accounts', file, '-o', 'pretty'], { env: env(), cwd: dir });
    await connected(['alpha', 'gamma']);
    await connected(['alpha'], 'coinm');
    sim.account(KEYS.gamma).push('usdm', order(1));
    await run.waitForStdout(/BTCUSDT/);
    sim.account(KEYS.alpha).push('coinm', order(2, 'coinm'));
    await run.waitForStdout(/BTCUSD_PERP/);
    run.interrupt();
    expect(await run.exit).toBe(0);
    const lines = run.stdout().trimEnd().split('\n').filter((line) => !/ --- \d{4}-\d\d-\d\d /.test(line)); // each stream's date line
    expect(lines[0]).toMatch(/^gamma usdm {2}.*BTCUSDT/);
    expect(lines[1]).toMatch(/^alpha coinm .*BTCUSD_PERP/);
  });

  it.each([
    ['a missing variable, by name', [account('alpha'), account('beta')], { BETA_KEY: '' }, /account beta: BETA_KEY is not set \(named by apiKeyEnv\)/],
    ['a missing secret variable, by name', [account('alpha')], { ALPHA_SECRET: '' }, /account alpha: ALPHA_SECRET is not set \(named by apiSecretEnv\)/],
    ['a credential written into the file', [{ ...account('alpha'), apiKey: 'SENTINEL-INLINE-KEY-0000' }], {}, /accounts\[0\] has "apiKey": credentials never go in this file.*"apiKeyEnv"/],
    ['a name used twice', [account('alpha'), account('alpha')], {}, /accounts\[1\]\.name: "alpha" is listed twice/],
    ['an unknown market', [account('alpha', ['spot'])], {}, /accounts\[0\]\.markets\[0\]: unknown market "spot"/],
    ['an unknown key', [{ ...account('alpha'), marketz: ['usdm'] }], {}, /accounts\[0\]: Unrecognized key: "marketz"/],
  ])('refuses %s with a usage error', async (_what, accounts, extraEnv, message) => {
    const file = await accountsFile(accounts);
    const { code, stdout, stderr } = await runMain(['tail', '--accounts', file, '--json'], { env: env(extraEnv), cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toContain('SENTINEL');
    expect(sim.requests).toHaveLength(0);
  });

  it('reads the variables from the env file too', async () => {
    const file = await accountsFile([account('alpha')]);
    await writeFile(join(dir, 'creds.env'), `ALPHA_KEY=${KEYS.alpha}\nALPHA_SECRET=${SECRETS.alpha}\n`);
    const run = startMain(['tail', '--accounts', file, '--json', '--env-file', join(dir, 'creds.env')], {
      env: cleanEnv({ BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl }),
      cwd: dir,
    });
    await connected(['alpha']);
    sim.account(KEYS.alpha).push('usdm', order(5));
    await run.waitForStdout(/"account":"alpha"/);
    run.interrupt();
    expect(await run.exit).toBe(0);
  });
});
