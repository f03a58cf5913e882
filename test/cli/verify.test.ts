import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimExchange, SIM_API_KEY, SIM_API_SECRET, type SimExchange, type SimOptions } from '../../src/sim/index.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';

let sim: SimExchange | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

interface VerifyRun {
  skewMs?: number;
  apiKey?: string;
  secret?: string;
  env?: Record<string, string>;
  sim?: SimOptions;
  /** The stream URL to configure; the simulator's host by default. */
  wsUrl?: (s: SimExchange) => string;
  arm?: (s: SimExchange) => void;
  /** Starts the built CLI as a process instead of running main() here. */
  spawned?: boolean;
}

/** Runs verify --testnet against a fresh simulator, in this process unless `spawned`. */
async function verify(args: string[], opts: VerifyRun = {}) {
  const s = await createSimExchange({ clockSkewMs: opts.skewMs ?? 0, ...opts.sim });
  sim = s;
  opts.arm?.(s);
  const env = cleanEnv(opts.env ?? { BINANCE_API_KEY: opts.apiKey ?? SIM_API_KEY, BINANCE_API_SECRET: opts.secret ?? SIM_API_SECRET });
  const wsUrl = opts.wsUrl?.(s) ?? s.wsUrl;
  const run = opts.spawned ? runCli : runMain;
  return { ...(await run(['verify', '--testnet', '--rest-url', s.restUrl, '--ws-url', wsUrl, ...args], { env })), sim: s };
}

const report = (stdout: string) => JSON.parse(stdout) as { pass: boolean; cause?: string; deliveredBy?: string; steps: { name: string; ok: boolean }[] };

describe('binance-orders verify', () => {
  it('PASSes a round trip on the configured route and leaves no order open (the built CLI, end to end)', async () => {
    const { code, stdout, stderr, sim: s } = await verify(['--json'], { spawned: true });
    expect(code).toBe(0);
    const r = report(stdout);
    expect(r.pass).toBe(true);
    expect(r.steps.map((step) => step.name)).toEqual(['server time', 'listenKey', 'stream', 'price', 'place order', 'NEW event', 'cancel', 'CANCELED event']);
    expect(stderr).toMatch(/PASS/);
    expect(s.orders.openOrders('usdm')).toHaveLength(0);
    expect(s.requests.some((req) => req.method === 'DELETE' && req.path.endsWith('listenKey'))).toBe(false);
  });

  it('PASSes with an Ed25519 key from BINANCE_PRIVATE_KEY_FILE and never prints the key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const dir = await mkdtemp(join(tmpdir(), 'binance-orders-verify-'));
    try {
      const keyFile = join(dir, 'key.pem');
      await writeFile(keyFile, pem, { mode: 0o600 });
      const { code, stderr } = await verify(['-v'], {
        sim: { apiKeys: ['ED25519-API-KEY-0123456789'], apiPublicKeys: { 'ED25519-API-KEY-0123456789': publicKey.export({ type: 'spki', format: 'pem' }).toString() } },
        env: { BINANCE_API_KEY: 'ED25519-API-KEY-0123456789', BINANCE_PRIVATE_KEY_FILE: keyFile },
      });
      expect(code).toBe(0);
      const body = pem.split('\n').filter((line) => line && !line.startsWith('-----'));
      for (const line of body) expect(stderr).not.toContain(line);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('PASSes with a clock an hour off, and says so', async () => {
    const { code, stderr } = await verify([], { skewMs: 3_600_000 });
    expect(code).toBe(0);
    expect(stderr).toMatch(/offset \+3\d{6} ms; this clock is off/);
  });

  it('FAILs on a silent route and names the alternative that delivered', async () => {
    // A USDⓈ-M key on the legacy /ws/<key> route: the handshake succeeds, then nothing arrives.
    const { code, stdout, sim: s } = await verify(['--event-timeout', '500ms', '--json'], { wsUrl: (x) => `${x.wsUrl}/ws/{listenKey}` });
    expect(code).toBe(1);
    const r = report(stdout);
    expect(r.cause).toMatch(/wrong stream route: .*\/ws\/\{listenKey\} stayed silent/);
    expect(r.deliveredBy).toBe(`${s.wsUrl}/private/ws?listenKey={listenKey}`);
    expect(s.orders.openOrders('usdm')).toHaveLength(0);
  });

  it('FAILs when the configured route refuses the handshake, and names the route that works', async () => {
    const { code, stdout, sim: s } = await verify(['--json'], { wsUrl: (x) => `${x.wsUrl}/nowhere/{listenKey}` });
    expect(code).toBe(1);
    const r = report(stdout);
    expect(r.steps.find((step) => step.name === 'stream')).toMatchObject({ ok: false });
    expect(r.cause).toMatch(/refused the connection; .*private\/ws\?listenKey=\{listenKey\} delivered/);
    expect(r.deliveredBy).toBe(`${s.wsUrl}/private/ws?listenKey={listenKey}`);
  });

  it('FAILs with exit 3 for a key without futures permission', async () => {
    const { code, stderr } = await verify([], { apiKey: 'KEY-WITHOUT-FUTURES-0123456789' });
    expect(code).toBe(3);
    expect(stderr).toMatch(/FAIL: API key rejected \(-2015\): key without futures permission/);
    expect(stderr).not.toContain('KEY-WITHOUT-FUTURES-0123456789');
  });

  it('FAILs with exit 3 for a clock the exchange keeps rejecting, and cancels nothing it did not place', async () => {
    const body = { code: -1021, msg: "Timestamp for this request was 1000ms ahead of the server's time." };
    const { code, stderr, sim: s } = await verify([], { arm: (x) => x.failNext({ method: 'POST', path: '/fapi/v1/order', status: 400, body, times: 2 }) });
    expect(code).toBe(3);
    expect(stderr).toMatch(/FAIL: clock skew: .*-1021/);
    expect(s.orders.list('usdm')).toHaveLength(0);
  });

  it('FAILs with exit 3 on -1022 without printing the secret', async () => {
    const { code, stderr } = await verify([], { secret: 'SENTINEL-WRONG-SECRET-42' });
    expect(code).toBe(3);
    expect(stderr).toMatch(/FAIL: signature: .*-1022/);
    expect(stderr).not.toContain('SENTINEL-WRONG-SECRET-42');
  });

  it('refuses mainnet without --mainnet-i-understand', async () => {
    const { code, stderr } = await runMain(['verify'], { env: cleanEnv({ BINANCE_API_KEY: SIM_API_KEY, BINANCE_API_SECRET: SIM_API_SECRET }) });
    expect(code).toBe(2);
    expect(stderr).toMatch(/use --testnet, or add --mainnet-i-understand/);
  });
});
