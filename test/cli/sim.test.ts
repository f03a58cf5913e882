import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, spawnCli } from '../helpers/cli.js';
import { type MainRun, runMain, startMain } from '../helpers/cli-in-process.js';
import { waitFor } from '../helpers/wait.js';

interface SimLine {
  restUrl: string;
  wsUrl: string;
  apiKey: string;
  apiSecret: string;
}

/** Reads the one JSON line `sim` prints on stdout. */
async function simLine(run: MainRun): Promise<SimLine> {
  await run.waitForStdout(/\n/);
  return JSON.parse(run.stdout().split('\n')[0] ?? '') as SimLine;
}

/** A control call; resolves with the status and the JSON body. */
async function control(sim: SimLine, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.restUrl}/_sim/${path}`, body === undefined ? {} : { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('binance-orders sim, driven over HTTP, followed by tail', () => {
  let simRun: MainRun;
  let tailRun: MainRun;
  let sim: SimLine;
  let openedBefore = 0;

  /** Tail's JSON lines so far. */
  const printed = () =>
    tailRun
      .stdout()
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as { orderId: number; status: string; source: string });

  /** Fails a wait with the end of what tail wrote on stderr, which usually says why. */
  const withTailStderr = (error: unknown): never => {
    throw new Error(`${(error as Error).message}\ntail's stderr ends:\n${tailRun.stderr().slice(-2_000)}`);
  };

  /** Places an order over the control API and waits until tail prints it. */
  async function placeAndSee(): Promise<number> {
    const placed = await control(sim, 'orders', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.001', price: '90000' });
    expect(placed.status).toBe(200);
    const orderId = placed.body.orderId as number;
    await waitFor(`tail to print order ${orderId}`, () => printed().find((event) => event.orderId === orderId && event.status === 'NEW'), 10_000).catch(withTailStderr);
    return orderId;
  }

  /** Waits until tail has opened a socket newer than those seen so far. */
  async function reconnected(): Promise<void> {
    const before = openedBefore;
    await waitFor('tail to reconnect', async () => {
      const { body } = await control(sim, 'state');
      const ids = (body.connections as { id: number }[]).map((connection) => connection.id);
      return ids.some((id) => id > before) ? true : undefined;
    }, 10_000).catch(withTailStderr);
    await markConnections();
  }

  async function markConnections(): Promise<void> {
    const { body } = await control(sim, 'state');
    openedBefore = Math.max(openedBefore, ...(body.connections as { id: number }[]).map((connection) => connection.id));
  }

  beforeAll(async () => {
    simRun = startMain(['sim', '--rate', '0'], { timeoutMs: 120_000 });
    sim = await simLine(simRun);
    tailRun = startMain(
      ['tail', '--json', '--heartbeat', '300ms', '--reconnect-min', '20ms', '--reconnect-max', '200ms', '--keepalive', '1s'],
      {
        env: cleanEnv({ BINANCE_API_KEY: sim.apiKey, BINANCE_API_SECRET: sim.apiSecret, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl }),
        timeoutMs: 120_000,
      },
    );
    await waitFor('tail to connect', async () => ((await control(sim, 'state')).body.connections as unknown[]).length > 0 || undefined, 10_000);
    await markConnections();
  });

  afterAll(async () => {
    tailRun?.interrupt();
    simRun?.interrupt();
    expect(await tailRun?.exit).toBe(0);
    expect(await simRun?.exit).toBe(0);
    expect(simRun.stdout().trimEnd().split('\n')).toHaveLength(1);
  });

  it('prints exactly one JSON line with loopback URLs and the simulator key, and logs only on stderr', () => {
    expect(sim).toEqual({ restUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), wsUrl: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/), apiKey: 'SimulatedExchangeApiKey00000000000000000000000000000000000000000', apiSecret: 'sim-api-secret' });
    expect(simRun.stderr()).toMatch(/listening on http:\/\/127\.0\.0\.1/);
  });

  it('an order placed, filled and cancelled through /_sim/orders reaches tail', async () => {
    const first = await placeAndSee();
    // At the reference price, so the last price stays above the resting orders placed later.
    expect((await control(sim, `orders/${first}/fill`, { quantity: '0.001', price: '104250.00' })).body.status).toBe('FILLED');
    const second = await placeAndSee();
    expect((await control(sim, `orders/${second}/cancel`, {})).body.status).toBe('CANCELED');
    await waitFor('FILLED and CANCELED lines', () => {
      const statuses = printed().map((event) => `${event.orderId}:${event.status}`);
      return statuses.includes(`${first}:FILLED`) && statuses.includes(`${second}:CANCELED`) ? true : undefined;
    }, 10_000);
  });

  it.each([
    ['drop', { kind: 'drop' }],
    ['reset', { kind: 'reset' }],
    ['close', { kind: 'close', code: 1001 }],
    ['expire-key', { kind: 'expire-key' }],
    ['server-shutdown', { kind: 'server-shutdown', ms: 50 }],
  ])('after %s tail reconnects and prints the next order', async (_kind, fault) => {
    expect((await control(sim, 'faults', fault)).status).toBe(200);
    await reconnected();
    await placeAndSee();
  });

  it('after stall tail finds the link stale, reconnects once the stall ends, and prints the next order', async () => {
    expect((await control(sim, 'faults', { kind: 'stall', ms: 1_500 })).body).toEqual({ kind: 'stall', sockets: 1 });
    await reconnected();
    // A stalled server sends nothing, so an order placed before the stall ends would never reach tail.
    await waitFor('the stall to end', async () => ((await control(sim, 'state')).body.faults as { stalled: boolean }).stalled === false || undefined, 10_000);
    await placeAndSee();
  });

  it('after invalidate-key tail learns of it from the keepalive, renews the key and prints the next order', async () => {
    expect((await control(sim, 'faults', { kind: 'invalidate-key' })).body).toEqual({ kind: 'invalidate-key', markets: ['usdm'] });
    await reconnected();
    await placeAndSee();
  });

  it('refuse and rate-limit delay the reconnect after a drop without losing the next order', async () => {
    expect((await control(sim, 'faults', { kind: 'refuse', ms: 600, retryAfter: 0 })).status).toBe(200);
    expect((await control(sim, 'faults', { kind: 'rate-limit', count: 1, retryAfter: 1 })).status).toBe(200);
    expect((await control(sim, 'faults', { kind: 'drop' })).status).toBe(200);
    await reconnected();
    await placeAndSee();
  });

  it('bad-frame makes tail warn on stderr and carry on', async () => {
    expect((await control(sim, 'faults', { kind: 'bad-frame' })).body).toEqual({ kind: 'bad-frame', sockets: 1 });
    await tailRun.waitForStderr(/warning: ignored a frame/);
    await placeAndSee();
  });

  it('clock-skew moves the exchange clock that signed requests are checked against', async () => {
    expect((await control(sim, 'faults', { kind: 'clock-skew', ms: 120_000 })).status).toBe(200);
    const { serverTime } = (await (await fetch(`${sim.restUrl}/fapi/v1/time`)).json()) as { serverTime: number };
    expect(serverTime - Date.now()).toBeGreaterThan(100_000);
    expect((await control(sim, 'faults', { kind: 'clock-skew', ms: 0 })).status).toBe(200);
    await placeAndSee();
  });

  it('reports connections, keys, open orders and counts in GET /_sim/state', async () => {
    const { status, body } = await control(sim, 'state');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      connections: [expect.objectContaining({ market: 'usdm', subscriptions: [expect.stringMatching(/^[A-Za-z0-9]{64}$/)] })],
      listenKeys: { usdm: expect.any(String), coinm: null, pm: null },
      sent: { frames: expect.any(Number), events: expect.objectContaining({ ORDER_TRADE_UPDATE: expect.any(Number) }) },
      faults: { stalled: false, refusing: null, clockSkewMs: 0 },
    });
    expect((body.openOrders as Record<string, unknown[]>).usdm?.length).toBeGreaterThan(0);
  });

  it('answers bad control input with a 400 naming the field, and keeps running', async () => {
    const cases: [string, unknown, string][] = [
      ['orders', '{not json', 'body'],
      ['orders', [1, 2], 'body'],
      ['orders', { symbol: 'DOGEUSDT', side: 'BUY', type: 'MARKET', quantity: '1' }, 'symbol'],
      ['orders', { symbol: 'BTCUSDT', side: 'HOLD', type: 'MARKET', quantity: '1' }, 'side'],
      ['orders', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.001' }, 'price'],
      ['orders', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.0001' }, 'quantity'],
      ['orders', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '-1' }, 'quantity'],
      ['orders', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', qty: '1' }, 'qty'],
      ['orders/abc/fill', {}, 'orderId'],
      ['faults', { kind: 'explode' }, 'kind'],
      ['faults', { kind: 'stall' }, 'ms'],
      ['faults', { kind: 'stall', ms: 'soon' }, 'ms'],
      ['faults', { kind: 'drop', market: 'spot' }, 'market'],
      ['faults', { kind: 'close', code: 1006 }, 'code'],
    ];
    for (const [path, body, field] of cases) {
      const reply = await control(sim, path, body);
      expect({ path, body, status: reply.status, field: reply.body.field }).toEqual({ path, body, status: 400, field });
      expect(reply.body.error).toEqual(expect.any(String));
    }
    expect((await control(sim, 'orders/999/fill', {})).status).toBe(404);
    expect((await control(sim, 'nothing-here')).status).toBe(404);
    await placeAndSee();
  });
});

describe('binance-orders sim flags', () => {
  it('refuses a non-loopback --host unless told, with exit 2 and one line', async () => {
    const { code, stdout, stderr } = await runMain(['sim', '--host', '0.0.0.0']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^binance-orders: --host 0\.0\.0\.0 is not a loopback address.*--allow-remote.*\n$/);
  });

  it('rejects a --faults schedule it cannot read, naming the entry', async () => {
    const { code, stderr } = await runMain(['sim', '--faults', 'drop@30s,stall@every 1m']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--faults: "stall@every 1m": ms is required/);
  });

  // Spawned: the bundle runs sim end to end, and a real SIGTERM stops it.
  it('applies a --faults schedule and logs each fault as it fires; SIGTERM exits 0', async () => {
    const run = spawnCli(['sim', '--rate', '0', '--faults', 'clock-skew:-2s@100ms,rate-limit:2@every 200ms']);
    await run.waitForStderr(/fault clock-skew/);
    await run.waitForStderr(/fault rate-limit[\s\S]*fault rate-limit/);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toMatch(/^\{"restUrl":"http:\/\/127\.0\.0\.1:\d+".*\}\n$/);
  });
});
