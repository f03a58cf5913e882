import { afterEach, describe, expect, it } from 'vitest';
import { orderTradeUpdate, type SimRequest } from '../../src/sim/index.js';
import { compareDelivery } from '../helpers/delivery.js';
import { expectExactlyOnce, startSession, type Session } from '../helpers/session.js';
import { waitFor } from '../helpers/wait.js';

const KEY_PATH = '/fapi/v1/listenKey';
const isPost = (r: SimRequest) => r.method === 'POST' && r.path === KEY_PATH;
const isPut = (r: SimRequest) => r.method === 'PUT' && r.path === KEY_PATH;

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('listenKey renewal', () => {
  it('gets a new key and a new connection after listenKeyExpired', async () => {
    session = await startSession();
    const { sim, tail } = session;
    await session.flowing();
    const first = await sim.waitForConnection();
    const oldKey = sim.activeKey('usdm');
    const posts = sim.requests.filter(isPost).length;
    sim.expireKey('usdm');
    const second = await sim.waitForConnection({ after: first.id });
    expect(second.listenKey).not.toBe(oldKey);
    expect(second.listenKey).toBe(sim.activeKey('usdm'));
    const { gap } = await tail.waitForTransition('gap-closed');
    expect(gap).toMatchObject({ cause: { kind: 'key-expired', via: 'event' }, attempts: 1 });
    await tail.waitForLog(/gap closed .* cause: listenKey expired \(listenKeyExpired\), reconnect attempts: 1/);
    expect(sim.requests.filter(isPost).length).toBe(posts + 1);
    await session.flowing();
    expectExactlyOnce(await session.settle());
  });

  it('recovers once when listenKeyExpired arrives twice in a row', async () => {
    session = await startSession();
    const { sim, tail } = session;
    await session.flowing();
    const first = await sim.waitForConnection();
    const posts = sim.requests.filter(isPost).length;
    sim.expireKey('usdm', { times: 2 });
    sim.drop(1001); // and the socket closes as well: a third trigger of the same recovery
    const second = await sim.waitForConnection({ after: first.id });
    await tail.waitForTransition('gap-closed');
    // All three triggers came on the first socket, before it closed; updates on the second show they are behind us.
    await session.flowing();
    await waitFor('the first socket closed', () => (sim.connections().length === 1 ? true : undefined));
    expect(sim.connections().map((c) => c.id)).toEqual([second.id]);
    expect(sim.requests.filter(isPost).length).toBe(posts + 1);
    expect(tail.transitionsOf('retry')).toHaveLength(1);
    expect(tail.transitionsOf('gap-closed')).toHaveLength(1);
    expectExactlyOnce(await session.settle());
  });

  it('gets a new key (POST) and reconnects when a keepalive is answered -1125', async () => {
    session = await startSession({ timers: { keepaliveMs: 300 } });
    const { sim, tail } = session;
    await session.flowing();
    const first = await sim.waitForConnection();
    // The simulator's key stays valid behind a scripted -1125, so its old socket would keep receiving
    // for a moment after we leave it; Binance's would not. Hold the flow over that instant.
    session.hold(true);
    sim.failNext({ method: 'PUT', path: KEY_PATH, status: 400, body: { code: -1125, msg: 'This listenKey does not exist.' } });
    const failed = await sim.waitForRequest((r) => isPut(r) && r.status === 400);
    await tail.waitForLog(/keepalive answered -1125/);
    await sim.waitForRequest((r) => isPost(r) && r.atMs >= failed.atMs);
    await sim.waitForConnection({ after: first.id });
    const { gap } = await tail.waitForTransition('gap-closed');
    expect(gap.cause).toEqual({ kind: 'key-expired', via: 'keepalive' });
    session.hold(false);
    await session.flowing();
    expectExactlyOnce(await session.settle());
  });

  it('retries a keepalive that failed for a network reason quickly, without reconnecting', async () => {
    session = await startSession({ timers: { keepaliveMs: 1_000, keepaliveRetryMs: 50 } });
    const { sim, tail } = session;
    const first = await sim.waitForConnection();
    sim.failNext({ method: 'PUT', path: KEY_PATH, status: 0, destroy: true });
    const failed = await sim.waitForRequest((r) => isPut(r) && r.status === 0);
    const retried = await sim.waitForRequest((r) => isPut(r) && r.atMs > failed.atMs);
    expect(retried.status).toBe(200);
    // The retry, not the next scheduled keepalive, which would come a whole interval later.
    expect(retried.atMs - failed.atMs).toBeLessThan(900);
    await tail.waitForLog(/keepalive failed .* retrying in 50ms/);
    expect(sim.connections().map((c) => c.id)).toEqual([first.id]);
    expectExactlyOnce(await session.settle(), 0);
  });
});

describe('the 24-hour cut', () => {
  it('opens the replacement before closing the old socket, and prints updates sent on both once', async () => {
    session = await startSession({ timers: { maxConnectionAgeMs: 500 }, sim: { maxConnectionAgeMs: 1_000 } });
    const { sim, tail } = session;
    const first = await sim.waitForConnection();
    const second = await sim.waitForConnection({ after: first.id });
    // The server has accepted the replacement and the client has not yet seen it open: both sockets get these.
    expect(sim.subscribers('usdm')).toBe(2);
    const overlap = [9001, 9002, 9003].map((orderId) => orderTradeUpdate({ orderId, status: 'NEW' }));
    for (const payload of overlap) expect(sim.push('usdm', payload)).toBe(2);
    expect(await tail.waitForTransition('rotated')).toEqual({ kind: 'rotated', fromId: 1, toId: 2, why: 'max-age' });
    await tail.waitForLog(/replaced connection #1 by #2/);
    await waitFor('the old socket closed', () => (sim.connections().length === 1 ? true : undefined));
    expect(sim.connections().map((c) => c.id)).toEqual([second.id]);
    await session.settle();
    const overlapIds = new Set([9001, 9002, 9003]);
    const [fromOverlap, fromFlow] = [true, false].map((inOverlap) =>
      tail.json().filter((line) => overlapIds.has(line.orderId as number) === inOverlap),
    );
    expect(fromOverlap!.map((line) => line.orderId)).toEqual([9001, 9002, 9003]);
    expectExactlyOnce(compareDelivery(session.flow.sent, fromFlow!));
    expect(tail.transitionsOf('gap-closed')).toEqual([]);
  });
});

describe('REST trouble', () => {
  it('waits for Retry-After when the first POST is answered 429', async () => {
    session = await startSession({
      before: (sim) => sim.failNext({ method: 'POST', path: KEY_PATH, status: 429, headers: { 'Retry-After': '1' }, body: { code: -1003, msg: 'Too many requests.' } }),
    });
    const posts = session.sim.requests.filter(isPost);
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[1]!.atMs - posts[0]!.atMs).toBeGreaterThanOrEqual(1_000);
    await session.tail.waitForLog(/rate limited.*next attempt in 1\.0s/);
  });

  it('waits for Retry-After when a keepalive PUT is answered 429, and keeps the connection', async () => {
    session = await startSession({ timers: { keepaliveMs: 200 } });
    const { sim, tail } = session;
    const first = await sim.waitForConnection();
    sim.failNext({ method: 'PUT', path: KEY_PATH, status: 429, headers: { 'Retry-After': '1' }, body: { code: -1003, msg: 'Too many requests.' } });
    const limited = await sim.waitForRequest((r) => isPut(r) && r.status === 429);
    const next = await sim.waitForRequest((r) => isPut(r) && r.atMs > limited.atMs, 3_000);
    expect(next.atMs - limited.atMs).toBeGreaterThanOrEqual(1_000);
    await tail.waitForLog(/keepalive failed \(rate limited.*retrying in 1\.0s/);
    expect(sim.connections().map((c) => c.id)).toEqual([first.id]);
  });

  it('rides out a burst of 5xx answers on the POST that follows a drop', async () => {
    session = await startSession();
    const { sim, tail } = session;
    await session.flowing();
    const first = await sim.waitForConnection();
    sim.failNext({ method: 'POST', path: KEY_PATH, status: 503, times: 3, body: 'Service Unavailable' });
    sim.failNext({ method: 'POST', path: KEY_PATH, status: 502, times: 2, body: { code: -1001, msg: 'Internal error' } });
    sim.drop(1001);
    await sim.waitForConnection({ after: first.id });
    const { gap } = await tail.waitForTransition('gap-closed');
    expect(gap.attempts).toBe(6);
    expect(tail.transitionsOf('retry').map((t) => t.cause.kind)).toEqual(['closed', 'rest', 'rest', 'rest', 'rest', 'rest']);
    expect(tail.logs.filter((line) => /listenKey request failed \(POST .* answered HTTP 50[23]/.test(line))).toHaveLength(5);
    await session.flowing();
    expectExactlyOnce(await session.settle());
  });

  it('ends with AuthRejectedError when the exchange refuses the API key', async () => {
    session = await startSession({ apiKey: 'not-a-known-key', waitConnected: false });
    await expect(session.tail.done).rejects.toMatchObject({ name: 'AuthRejectedError', code: 'AUTH_REJECTED', exitCode: 3 });
    expect(session.sim.connections()).toEqual([]);
  });

  it('ends with AuthRejectedError when the key is refused on a reconnect', async () => {
    session = await startSession();
    const { sim, tail } = session;
    sim.failNext({ method: 'POST', path: KEY_PATH, status: 401, body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' } });
    sim.drop(1001);
    await expect(tail.done).rejects.toMatchObject({ name: 'AuthRejectedError', exitCode: 3 });
  });
});
