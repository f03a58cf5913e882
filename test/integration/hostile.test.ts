import { afterEach, describe, expect, it } from 'vitest';
import { hmacSigner } from '../../src/rest/sign.js';
import { createSimExchange, listenKeyExpired, orderTradeUpdate, SIM_API_SECRET, type SimExchange, type SimOptions } from '../../src/sim/index.js';
import { gap } from '../helpers/gap.js';
import { startTail, type StartTailOptions, type TailHarness } from '../helpers/tail.js';
import { waitFor } from '../helpers/wait.js';

const KEY_PATH = '/fapi/v1/listenKey';
const ESC = '\u001b';

let sim: SimExchange | undefined;
let tail: TailHarness | undefined;
afterEach(async () => {
  await tail?.stop();
  tail = undefined;
  await sim?.close();
  sim = undefined;
});

async function start(options: Partial<StartTailOptions> = {}, simOptions: SimOptions = {}) {
  sim = await createSimExchange(simOptions);
  tail = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, ...options });
  return { sim, tail };
}

const reconcileOn = { mode: 'on', signer: hmacSigner(SIM_API_SECRET) } as const;

describe('a REST answer that never completes', () => {
  it('gives up on a listenKey body that trickles in, and retries', async () => {
    const { sim, tail } = await start({ timers: { restTimeoutMs: 300 } });
    sim.failNext({ method: 'POST', path: KEY_PATH, status: 200, body: { listenKey: 'x'.repeat(64) }, trickleMs: 200 });
    await tail.waitForLog(/POST \/fapi\/v1\/listenKey: no complete answer within 300ms/);
    const conn = await sim.waitForConnection();
    expect(conn.listenKey).toBe(sim.activeKey('usdm'));
  });

  it('does not read a body larger than the cap, and retries', async () => {
    const { sim, tail } = await start();
    sim.failNext({ method: 'POST', path: KEY_PATH, status: 200, bodyBytes: 20 * 1024 * 1024 });
    // 16 MB cross the socket before the cap is reached: seconds on a busy machine.
    await tail.waitForLog(/POST \/fapi\/v1\/listenKey answered a body larger than 16777216 bytes/, 20_000);
    await sim.waitForConnection();
  });

  it('runs a gap recovery again when one of its calls timed out, and recovers the missed fill', async () => {
    const { sim, tail } = await start({ reconcile: reconcileOn, timers: { restTimeoutMs: 300 } });
    await sim.waitForConnection();
    await tail.waitForLog(/open order\(s\) recorded at start/);
    const { order } = sim.orders.place('usdm', { side: 'BUY', price: '100000.00', quantity: '0.010' });
    await tail.waitForLines(1);
    sim.refuseConnections(true);
    sim.drop(1001);
    await waitFor('no subscriber', () => (sim.subscribers('usdm') === 0 ? true : undefined));
    sim.orders.fill('usdm', order.orderId);
    sim.failNext({ method: 'GET', path: '/fapi/v1/openOrders', status: 200, body: [], trickleMs: 200 });
    sim.refuseConnections(false);
    await tail.waitForLog(/reconcile: recovering .* failed: .*no complete answer within 300ms; trying again/);
    await tail.waitForLog(/reconcile: gap .*1 missed update/);
    const states = tail.json().map((line) => `${String(line.status)} ${String(line.source)}`);
    expect(states).toEqual(['NEW ws', 'FILLED reconcile']);
  });
});

describe('a huge frame', () => {
  it('is refused without being read, and the connection is replaced', async () => {
    const { sim, tail } = await start();
    const first = await sim.waitForConnection();
    sim.push('usdm', orderTradeUpdate({ orderId: 1, status: 'NEW', clientOrderId: 'c'.repeat(2 * 1024 * 1024) }));
    await tail.waitForLog(/warning: stream: socket error \(refused a frame larger than 1048576 bytes\); reconnecting/);
    await sim.waitForConnection({ after: first.id });
    sim.push('usdm', orderTradeUpdate({ orderId: 2, status: 'NEW' }));
    await tail.waitForLines(1);
    expect(tail.json().map((line) => line.orderId)).toEqual([2]);
  });
});

describe('listenKeyExpired', () => {
  it('is ignored when it names a key other than the connection\'s', async () => {
    const { sim, tail } = await start();
    const conn = await sim.waitForConnection();
    const live = sim.activeKey('usdm') as string;
    const stale = 'STALEKEY'.repeat(8);
    sim.push('usdm', listenKeyExpired('usdm', stale, Date.now()));
    await tail.waitForLog(/ignored listenKeyExpired for STAL…EKEY/);
    sim.push('usdm', orderTradeUpdate({ orderId: 3, status: 'NEW' }));
    await tail.waitForLines(1);
    expect(sim.connections().map((c) => c.id)).toEqual([conn.id]);
    expect(sim.activeKey('usdm')).toBe(live);
  });

  it('still renews the key on Portfolio Margin, whose notice names none', async () => {
    const { sim } = await start({ market: 'pm' });
    const first = await sim.waitForConnection();
    sim.expireKey('pm');
    const second = await sim.waitForConnection({ after: first.id });
    expect(second.listenKey).toBe(sim.activeKey('pm'));
  });
});

describe('what the exchange hands back', () => {
  it('refuses an implausible listenKey instead of putting it in a URL', async () => {
    const { sim, tail } = await start({}, { keyFactory: () => `../../x?${ESC}]0;pwned` });
    await tail.waitForLog(/the listenKey is not a plausible key/);
    // The retry's POST comes after the first key was refused: had it been used, its socket would exist by now.
    await waitFor('a second POST', () => (sim.requests.filter((r) => r.method === 'POST').length >= 2 ? true : undefined));
    expect(sim.connections()).toHaveLength(0);
    expect(tail.logs.join('\n')).not.toContain(ESC);
    expect(tail.logs.join('\n')).not.toContain('pwned');
  });

  it('stops on HTTP 410 for the listenKey with an error that says the endpoint is retired', async () => {
    const { sim, tail } = await start();
    sim.failNext({ method: 'POST', path: KEY_PATH, status: 410, body: '' });
    await expect(tail.done).rejects.toMatchObject({ code: 'ENDPOINT_RETIRED', exitCode: 6 });
    await expect(tail.done).rejects.toThrow(/retired this endpoint/);
    expect(sim.requests.filter((r) => r.path === KEY_PATH)).toHaveLength(1);
  });
});

describe('control characters from the wire', () => {
  it('never reach stderr raw: REST messages, close reasons, bad frames', async () => {
    const { sim, tail } = await start({ verbosity: 'verbose' });
    sim.failNext({ method: 'POST', path: KEY_PATH, status: 400, body: { code: -1000, msg: `bad${ESC}]0;title\u0007\r\u009b2J` } });
    const first = await sim.waitForConnection();
    sim.push('usdm', `{"e":"${ESC}[2J"}`);
    sim.push('usdm', `not json ${ESC}[31m`);
    await tail.waitForLog(/ignored a frame .*not json/);
    sim.drop(4000, `bye${ESC}]0;x\u0007`);
    await sim.waitForConnection({ after: first.id });
    await tail.waitForLog(/closed by the server \(4000 bye\\x1b\]0;x\\x07\)/);
    const stderr = tail.logs.join('\n');
    expect(stderr).toMatch(/bad\\x1b\]0;title\\x07\\x0d\\x9b2J/);
    expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  const id = `evil${ESC}]0;pwned\u0007\r`;
  it.each(['pretty', 'json', 'raw'] as const)('are escaped in %s output only when it is pretty', async (output) => {
    const { sim, tail } = await start({ output });
    await sim.waitForConnection();
    const payload = orderTradeUpdate({ orderId: 7, status: 'NEW', clientOrderId: id });
    sim.push('usdm', payload);
    // Pretty output starts with the date line, then the event.
    const lines = await tail.waitForLines(output === 'pretty' ? 2 : 1);
    const line = lines.find((l) => !/^--- \d{4}-\d\d-\d\d /.test(l)) ?? '';
    if (output === 'pretty') {
      expect(line).toContain('evil\\x1b]0;pwned\\x07\\x0d');
      expect(line).not.toMatch(/[\u0007\u001b\r]/);
    } else if (output === 'json') {
      expect((JSON.parse(line) as { clientOrderId: string }).clientOrderId).toBe(id);
    } else {
      expect(line).toBe(JSON.stringify(payload));
    }
  });
});

describe('gap recovery where allOrders demands a symbol', () => {
  const needsSymbol = { method: 'GET', path: '/fapi/v1/allOrders', missingParam: 'symbol', status: 400, body: { code: -1102, msg: "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed." }, times: 100 };

  it('says which symbols were checked instead of "nothing missed"', async () => {
    const { sim, tail } = await start({ reconcile: reconcileOn });
    sim.failNext(needsSymbol);
    await sim.waitForConnection();
    await tail.waitForLog(/open order\(s\) recorded at start/);
    await gap(sim, () => void sim.orders.place('usdm', { symbol: 'SOLUSDT', side: 'BUY', type: 'MARKET', quantity: '1.00' }));
    const line = await tail.waitForLog(/reconcile: gap /);
    expect(line).toMatch(/warning: reconcile: gap .*allOrders needs a symbol and no symbol was known; orders created during the gap on any other symbol could not be checked/);
    expect(tail.logs.join('\n')).not.toMatch(/nothing missed/);
  });

  it('asks for the symbols of the orders open at start and those named with --symbol', async () => {
    sim = await createSimExchange();
    sim.orders.place('usdm', { symbol: 'ETHUSDT', side: 'BUY', price: '1000.00', quantity: '0.100' });
    sim.failNext(needsSymbol);
    tail = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, reconcile: { ...reconcileOn, symbols: new Set(['SOLUSDT']) } });
    const s = sim;
    await s.waitForConnection();
    await tail.waitForLog(/1 open order\(s\) recorded at start/);
    let solId = 0;
    let ethId = 0;
    await gap(s, () => {
      solId = s.orders.place('usdm', { symbol: 'SOLUSDT', side: 'BUY', type: 'MARKET', quantity: '1.00' }).order.orderId;
      ethId = s.orders.place('usdm', { symbol: 'ETHUSDT', side: 'SELL', type: 'MARKET', quantity: '0.100' }).order.orderId;
    });
    await tail.waitForLog(/only ETHUSDT, SOLUSDT could be checked/);
    const recovered = tail.json().map((line) => line.orderId);
    expect(recovered).toEqual(expect.arrayContaining([solId, ethId]));
  });
});
