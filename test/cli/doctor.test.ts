import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimExchange, type SimExchange, type SimOptions } from '../../src/sim/index.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';

const API_KEY = 'SentinelApiKey7f3a9c1e5bSentinelApiKey7f3a9c1e5bSentinelApiKey7f';
const SECRET = 'SentinelSecret91c2d4e6f8SentinelSecret91c2d4e6f8SentinelSecret91';
const LISTEN_KEY = 'SENTINELLISTENKEY0123456789abcdefSENTINELLISTENKEY0123456789abcd';

interface Report {
  check: string;
  result: string;
  summary: string;
  hint?: string;
  ms: number;
}

let sim: SimExchange | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function startSim(options: SimOptions = {}): Promise<SimExchange> {
  sim = await createSimExchange({ apiKeys: [API_KEY], apiSecrets: { [API_KEY]: SECRET }, keyFactory: () => LISTEN_KEY, ...options });
  return sim;
}

/** Runs doctor --json against `exchange`, in this process unless `run` is the spawned CLI. */
async function doctor(exchange: SimExchange, env: Record<string, string> = {}, args: string[] = [], run: typeof runMain = runMain) {
  const result = await run(['doctor', '--json', '--hold', '300ms', '--timeout', '2s', ...args], {
    env: cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_API_SECRET: SECRET, BINANCE_REST_URL: exchange.restUrl, BINANCE_WS_URL: exchange.wsUrl, ...env }),
  });
  for (const secret of [API_KEY, SECRET, LISTEN_KEY]) expect(result.stdout + result.stderr).not.toContain(secret);
  const reports = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Report);
  const byId = Object.fromEntries(reports.map((r) => [r.check, r]));
  return { ...result, reports, byId };
}

describe('binance-orders doctor', () => {
  it('passes every check against a healthy exchange and exits 0 (the built CLI, end to end)', async () => {
    const exchange = await startSim();
    const { code, reports, byId } = await doctor(exchange, {}, [], runCli);
    expect(reports.map((r) => r.check)).toEqual([
      'credentials', 'endpoints', 'rest-dns', 'rest-tcp', 'rest-tls', 'rest-http', 'stream-dns', 'stream-tcp', 'stream-tls', 'clock', 'listen-key', 'account', 'stream',
    ]);
    expect(reports.filter((r) => !['ok', 'info', 'skip'].includes(r.result))).toEqual([]);
    expect(code).toBe(0);
    expect(byId['endpoints']?.summary).toMatch(/REST from BINANCE_REST_URL/);
    expect(byId['rest-dns']?.result).toBe('skip');
    expect(byId['rest-tls']?.summary).toMatch(/loopback/);
    expect(byId['account']?.summary).toMatch(/GET \/fapi\/v3\/account \(signed\).*secret matches/);
    expect(byId['stream']?.summary).toMatch(/stayed open 300ms/);
    expect(reports.every((r) => Number.isInteger(r.ms))).toBe(true);
    expect(exchange.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('when the stream stays silent, names the alternative routes and whether each accepts a connection', async () => {
    const exchange = await startSim();
    const { byId } = await doctor(exchange, {}, ['-m', 'usdm']);
    const hint = byId['stream']?.hint ?? '';
    expect(byId['stream']?.result).toBe('ok');
    const host = exchange.wsUrl;
    expect(hint).toContain(`${host}/private/ws?listenKey={listenKey}&events=ORDER_TRADE_UPDATE/`);
    expect(hint).toMatch(/listenKeyExpired \(opens\)/);
    expect(hint).toContain(`${host}/private/stream?listenKey={listenKey} (opens)`);
    expect(hint).toContain('binance-orders verify');
  });

  it('fails the key checks with the known causes of -2015 when the key is rejected', async () => {
    const exchange = await startSim({ apiKeys: ['SomeOtherKey0000000000000000000000000000000000000000000000000000'] });
    const { code, byId } = await doctor(exchange);
    expect(code).toBe(2);
    for (const id of ['listen-key', 'account']) {
      expect(byId[id]?.result).toBe('fail');
      expect(byId[id]?.summary).toMatch(/-2015/);
      expect(byId[id]?.hint).toMatch(/futures are not enabled.*IP allow-list.*testnet key on mainnet/);
    }
    expect(byId['stream']?.result).toBe('fail');
  });

  it('says the secret does not belong to the key on -1022', async () => {
    const exchange = await startSim();
    const { code, byId } = await doctor(exchange, { BINANCE_API_SECRET: 'WrongSecret00000000000000000000000000000000000000000000000000000' });
    expect(code).toBe(2);
    expect(byId['account']).toMatchObject({ result: 'fail', hint: expect.stringMatching(/BINANCE_API_SECRET is not the secret of this API key/) });
    expect(byId['listen-key']?.result).toBe('ok');
  });

  it('warns on a skew over 500 ms and fails over the recvWindow, while the signed call corrects for it', async () => {
    const warned = await doctor(await startSim({ now: () => Date.now() + 2_000 }));
    expect(warned.code).toBe(1);
    expect(warned.byId['clock']).toMatchObject({ result: 'warn', summary: expect.stringMatching(/behind the exchange/) });
    expect(warned.byId['account']?.result).toBe('ok');
    await sim?.close();
    const failed = await doctor(await startSim({ now: () => Date.now() - 8_000 }));
    expect(failed.code).toBe(2);
    expect(failed.byId['clock']).toMatchObject({ result: 'fail', summary: expect.stringMatching(/ahead of the exchange/), hint: expect.stringMatching(/-1021.*time sync/) });
  });

  it('reports a refused REST port and a refused stream with what to do', async () => {
    const exchange = await startSim();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await doctor(exchange, { BINANCE_REST_URL: `http://127.0.0.1:${port}` });
    expect(refused.code).toBe(2);
    expect(refused.byId['rest-tcp']).toMatchObject({ result: 'fail', summary: expect.stringMatching(/ECONNREFUSED/), hint: expect.stringMatching(/nothing accepts connections/) });
    expect(refused.byId['listen-key']?.result).toBe('fail');

    exchange.refuseConnections(true);
    const noStream = await doctor(exchange);
    expect(noStream.code).toBe(2);
    expect(noStream.byId['stream']).toMatchObject({ result: 'fail', summary: expect.stringMatching(/HTTP 503/), hint: expect.stringMatching(/refused new connections/) });
  });

  it('turns scripted exchange failures into hints: a firewall 403 and a rate limit', async () => {
    const exchange = await startSim();
    exchange.failNext({ method: 'GET', path: '/', status: 403, body: '<html>blocked</html>' });
    exchange.failNext({ method: 'POST', path: '/fapi/v1/listenKey', status: 429, body: { code: -1003, msg: 'Too many requests.' } });
    const { code, byId } = await doctor(exchange);
    expect(code).toBe(2);
    expect(byId['rest-http']).toMatchObject({ result: 'fail', hint: expect.stringMatching(/firewall or restricted region/) });
    expect(byId['listen-key']).toMatchObject({ result: 'fail', hint: expect.stringMatching(/too many requests/) });
  });

  it('without credentials fails the credentials check and skips the key checks', async () => {
    const exchange = await startSim();
    const run = await runMain(['doctor', '--json', '--hold', '300ms'], { env: cleanEnv({ BINANCE_REST_URL: exchange.restUrl, BINANCE_WS_URL: exchange.wsUrl }) });
    const byId = Object.fromEntries(run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Report).map((r) => [r.check, r]));
    expect(run.code).toBe(2);
    expect(byId['credentials']).toMatchObject({ result: 'fail', summary: 'BINANCE_API_KEY is not set' });
    for (const id of ['listen-key', 'account', 'stream']) expect(byId[id]?.result).toBe('skip');
    expect(run.stderr).toMatch(/doctor: 1 failed/);
  });

  it('prints a table with a hint under each problem', async () => {
    const exchange = await startSim();
    const run = await runMain(['doctor', '--hold', '200ms'], {
      env: cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_API_SECRET: 'x', BINANCE_REST_URL: exchange.restUrl, BINANCE_WS_URL: exchange.wsUrl, NO_COLOR: '1' }),
    });
    expect(run.code).toBe(2);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CHECK\s+RESULT\s+TIME\s+DETAIL$/);
    expect(lines[1]).toMatch(/^credentials\s+WARN\s+(\d+ms|\d+\.\ds)\s+BINANCE_API_SECRET is 1 characters/);
    const account = lines.findIndex((l) => l.startsWith('signed account read'));
    expect(lines[account]).toMatch(/FAIL .*-1022/);
    expect(lines[account + 1]).toMatch(/^ {30,}hint: -1022: the signature does not match/);
    expect(lines.find((l) => /^stream\s+ok/.test(l))).toMatch(/^stream\s+ok\s+(\d+ms|\d+\.\ds)\s+opened ws:/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('gives a hint once in the table when every network check fails the same way', async () => {
    const run = await runMain(['doctor', '--timeout', '2s'], {
      env: cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_REST_URL: 'http://127.0.0.1:1', BINANCE_WS_URL: 'ws://127.0.0.1:1', NO_COLOR: '1' }),
    });
    expect(run.code).toBe(2);
    expect(run.stdout.match(/ECONNREFUSED/g)?.length).toBeGreaterThan(2);
    expect(run.stdout.match(/hint: nothing accepts connections/g)).toHaveLength(1);
  });
});
