import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, orderTradeUpdate, type SimExchange } from '../../src/sim/index.js';
import { BIN, cleanEnv, CLI_START_MS, spawnCli } from '../helpers/cli.js';
import { startMain } from '../helpers/cli-in-process.js';
import { waitFor } from '../helpers/wait.js';

const API_KEY = 'SENTINEL-APIKEY-7f3a9c1e5b';
const SECRET = 'SENTINEL-SECRET-91c2d4e6f8';
const LISTEN_KEY = 'SENTINELLISTENKEY0123456789abcdefSENTINELLISTENKEY0123456789abcd';

let sim: SimExchange;
let dir: string;

beforeEach(async () => {
  sim = await createSimExchange({ apiKeys: [API_KEY], keyFactory: () => LISTEN_KEY });
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-cli-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const envFor = (extra: Record<string, string> = {}) =>
  cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_API_SECRET: SECRET, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, ...extra });

function pushOrder(orderId: number, status: string, extra: Record<string, unknown> = {}) {
  return sim.push('usdm', orderTradeUpdate({ orderId, status, execType: status === 'FILLED' ? 'TRADE' : status, ...extra }));
}

describe('binance-orders tail', () => {
  it('prints each order update as one JSON line on stdout and nothing else there', async () => {
    const run = spawnCli(['tail', '--json', '-v'], { env: envFor(), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    pushOrder(101, 'NEW');
    pushOrder(101, 'FILLED');
    sim.push('usdm', { e: 'ACCOUNT_UPDATE', E: 1, T: 1, a: { m: 'ORDER', B: [], P: [] } }); // not selected by default
    await run.waitForStdout(/"FILLED"/);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    const lines = run.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ event: 'order', market: 'usdm', orderId: 101, status: 'NEW', source: 'ws' });
    expect(second).toMatchObject({ orderId: 101, status: 'FILLED' });
    for (const key of ['eventTime', 'transactionTime', 'symbol', 'clientOrderId', 'side', 'orderType', 'timeInForce', 'execType', 'price', 'avgPrice', 'stopPrice', 'origQty', 'filledQty', 'lastFilledQty', 'lastFilledPrice', 'commission', 'commissionAsset', 'realizedProfit', 'tradeId']) {
      expect(second).toHaveProperty(key);
    }
    expect(typeof second?.price).toBe('string');
  });

  it('defaults to JSON when stdout is not a terminal and writes status to stderr', async () => {
    const run = startMain(['tail'], { env: envFor(), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    pushOrder(7, 'NEW');
    await run.waitForStdout(/\n$/);
    run.interrupt();
    expect(await run.exit).toBe(0);
    expect(JSON.parse(run.stdout())).toMatchObject({ orderId: 7 });
    expect(run.stderr()).toMatch(/connected to usdm/);
  });

  it('prints pretty lines without colour codes under NO_COLOR, and with them under FORCE_COLOR', async () => {
    const plain = startMain(['tail', '-o', 'pretty'], { env: envFor({ NO_COLOR: '1' }), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    pushOrder(55, 'NEW', { symbol: 'ETHUSDT' });
    await plain.waitForStdout(/ETHUSDT/);
    plain.interrupt();
    await plain.exit;
    expect(plain.stdout()).not.toContain('\u001b[');
    expect(plain.stdout()).toMatch(/ETHUSDT.*NEW.*55/);

    const coloured = startMain(['tail', '-o', 'pretty'], { env: envFor({ FORCE_COLOR: '1' }), cwd: dir });
    const conn = await sim.waitForConnection({ after: 1, timeoutMs: CLI_START_MS });
    expect(conn.id).toBeGreaterThan(1);
    pushOrder(56, 'NEW');
    await coloured.waitForStdout(/56/);
    coloured.interrupt();
    await coloured.exit;
    expect(coloured.stdout()).toContain('\u001b[');
  });

  it('prints raw frames unchanged', async () => {
    const run = startMain(['tail', '-o', 'raw'], { env: envFor(), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    const frame = JSON.stringify(orderTradeUpdate({ orderId: 9, status: 'NEW' }));
    sim.push('usdm', frame);
    await run.waitForStdout(/\n$/);
    run.interrupt();
    await run.exit;
    expect(run.stdout()).toBe(`${frame}\n`);
  });

  it('applies --symbol, --side and --status filters', async () => {
    const run = startMain(['tail', '--json', '--symbol', 'ethusdt', '--side', 'sell', '--status', 'FILLED'], { env: envFor(), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    pushOrder(1, 'FILLED', { symbol: 'BTCUSDT', side: 'SELL' });
    pushOrder(2, 'FILLED', { symbol: 'ETHUSDT', side: 'BUY' });
    pushOrder(3, 'NEW', { symbol: 'ETHUSDT', side: 'SELL' });
    pushOrder(4, 'FILLED', { symbol: 'ETHUSDT', side: 'SELL' });
    await run.waitForStdout(/"orderId":4/);
    run.interrupt();
    await run.exit;
    expect(run.stdout().trimEnd().split('\n').map((l) => (JSON.parse(l) as { orderId: number }).orderId)).toEqual([4]);
  });

  it('renews the listenKey with PUT at the --keepalive interval and does not DELETE it on exit', async () => {
    const run = startMain(['tail', '--json', '--keepalive', '300ms'], { env: envFor(), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    await run.waitForStderr(/connected/);
    const start = sim.requests.length;
    const puts = await waitFor('two keepalive PUTs', () => {
      const seen = sim.requests.slice(start).filter((r) => r.method === 'PUT' && r.path === '/fapi/v1/listenKey');
      return seen.length >= 2 ? seen : undefined;
    }, CLI_START_MS);
    expect(puts.every((r) => Object.keys(r.query).length === 0 && r.apiKey === API_KEY)).toBe(true);
    run.interrupt();
    expect(await run.exit).toBe(0);
    expect(sim.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('deletes the listenKey on exit only with --close-listen-key', async () => {
    const run = startMain(['tail', '--close-listen-key'], { env: envFor(), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    await run.waitForStderr(/connected/);
    run.interrupt();
    expect(await run.exit).toBe(0);
    expect(sim.requests.filter((r) => r.method === 'DELETE' && r.path === '/fapi/v1/listenKey')).toHaveLength(1);
  });

  it('uses the COIN-M listenKey path and stream route for -m coin-m', async () => {
    const run = startMain(['tail', '-m', 'coin-m', '--json'], { env: envFor(), cwd: dir });
    const conn = await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    expect(conn.market).toBe('coinm');
    expect(conn.path).toBe(`/ws/${LISTEN_KEY}`);
    expect(sim.requests.some((r) => r.method === 'POST' && r.path === '/dapi/v1/listenKey')).toBe(true);
    run.interrupt();
    expect(await run.exit).toBe(0);
  });

  it('connects USDⓈ-M to the /private route with the key in the query', async () => {
    const run = startMain(['tail'], { env: envFor(), cwd: dir });
    const conn = await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    expect(conn.path).toBe(`/private/ws?listenKey=${LISTEN_KEY}`);
    run.interrupt();
    await run.exit;
  });

  it('reads the API key from ./.env in the working directory', async () => {
    await writeFile(join(dir, '.env'), `BINANCE_API_KEY=${API_KEY}\n`);
    const run = startMain(['tail'], { env: cleanEnv({ BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl }), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    run.interrupt();
    expect(await run.exit).toBe(0);
  });

  it('reads the API key from the file --env-file names, and exits 0 on SIGTERM', async () => {
    await writeFile(join(dir, 'other.env'), `BINANCE_API_KEY=${API_KEY}\n`);
    const run = spawnCli(['tail', '--env-file', join(dir, 'other.env')], { env: cleanEnv({ BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl }), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  });

  it('ends quietly with exit 0 when the reader closes the pipe', async () => {
    const child = spawn('bash', ['-c', `"${BIN}" tail --json | head -n 2; echo "tail-exit=\${PIPESTATUS[0]}" >&2`], {
      env: envFor(),
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    for (let i = 1; i <= 3; i++) pushOrder(i, 'NEW');
    // head has left after two lines; the next writes hit a closed pipe
    const deadline = Date.now() + 10_000;
    let n = 4;
    while (!/tail-exit=/.test(err) && Date.now() < deadline) {
      pushOrder(n++, 'NEW');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await exited).toBe(0);
    expect(out.trimEnd().split('\n')).toHaveLength(2);
    expect(err).toContain('tail-exit=0');
    expect(err).not.toMatch(/EPIPE|Error:|at .*\.js/);
  });
});
