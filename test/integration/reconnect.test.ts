import { afterEach, describe, expect, it } from 'vitest';
import { expectExactlyOnce, startSession, type Session } from '../helpers/session.js';
import type { TailHarness } from '../helpers/tail.js';
import { waitFor } from '../helpers/wait.js';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** The delays the supervisor chose before each retry, in order. */
const retryDelaysMs = (tail: TailHarness) => tail.transitionsOf('retry').map((t) => t.delayMs);

describe('reconnecting after the server goes away', () => {
  it('reconnects after a clean close (1001) and prints every delivered update once, in order', async () => {
    session = await startSession();
    const { sim, tail } = session;
    await session.flowing();
    const first = await sim.waitForConnection();
    sim.drop(1001);
    await sim.waitForConnection({ after: first.id });
    const { gap } = await tail.waitForTransition('gap-closed');
    expect(gap).toMatchObject({ cause: { kind: 'closed', code: 1001 }, attempts: 1 });
    expect(tail.transitionsOf('state').map((t) => `${t.from}→${t.to}`)).toEqual([
      'stopped→connecting',
      'connecting→open',
      'open→backoff',
      'backoff→connecting',
      'connecting→open',
    ]);
    await tail.waitForLog(/gap closed .* cause: closed by the server \(1001\), reconnect attempts: 1/);
    await session.flowing();
    expectExactlyOnce(await session.settle());
  });

  it('reconnects after an abrupt TCP reset (no close frame)', async () => {
    session = await startSession();
    const { sim, tail } = session;
    await session.flowing();
    const first = await sim.waitForConnection();
    sim.reset();
    await sim.waitForConnection({ after: first.id });
    const { gap } = await tail.waitForTransition('gap-closed');
    expect(gap.cause).toMatchObject({ kind: 'closed', code: 1006 });
    await tail.waitForLog(/gap closed .* cause: connection lost with no close frame \(1006\)/);
    await session.flowing();
    expectExactlyOnce(await session.settle());
  });

  it('terminates a link that stops answering and sending, and replaces it once the server is back', async () => {
    session = await startSession();
    const { sim, tail } = session;
    await session.flowing();
    const first = await sim.waitForConnection();
    sim.stall(true);
    await tail.waitForTransition('retry', (t) => t.cause.kind === 'stale');
    // New sockets stall too, so each is found dead in turn until the server answers again.
    const second = await sim.waitForConnection({ after: first.id });
    await sim.waitForConnection({ after: second.id });
    sim.stall(false);
    const { gap } = await tail.waitForTransition('gap-closed');
    expect(gap.cause.kind).toBe('stale');
    expect(gap.attempts).toBeGreaterThanOrEqual(1);
    expect(tail.transitionsOf('retry').filter((t) => t.cause.kind === 'stale').length).toBeGreaterThanOrEqual(2);
    await session.flowing();
    expectExactlyOnce(await session.settle());
  });

  it('keeps retrying refused connections with growing, capped backoff, then recovers', async () => {
    // random() = 1 makes full jitter take the ceiling, so the delays are the backoff curve itself.
    session = await startSession({ random: () => 1, timers: { backoffBaseMs: 10, backoffCapMs: 100 } });
    const { sim, tail } = session;
    await session.flowing();
    sim.refuseConnections(true);
    sim.drop(1001);
    await waitFor('six retries', () => (retryDelaysMs(tail).length >= 6 ? true : undefined));
    await tail.waitForLog(/handshake refused \(HTTP 503\).*next attempt in 100ms/);
    sim.refuseConnections(false);
    const { gap } = await tail.waitForTransition('gap-closed');
    expect(gap.cause).toMatchObject({ kind: 'closed', code: 1001 });
    const retries = tail.transitionsOf('retry');
    expect(retries.slice(0, 6).map((t) => t.delayMs)).toEqual([10, 20, 40, 80, 100, 100]);
    expect(retries.slice(1).every((t) => t.cause.kind === 'handshake')).toBe(true);
    expect(gap.attempts).toBe(retries.length);
    await session.flowing();
    expectExactlyOnce(await session.settle());
  });

  it("waits as long as a refused upgrade's Retry-After asks before the next attempt", async () => {
    session = await startSession({ timers: { backoffBaseMs: 10, backoffCapMs: 100 } });
    const { sim, tail } = session;
    await session.flowing();
    const first = await sim.waitForConnection();
    sim.refuseConnections(true, { status: 429, retryAfterSec: 1 });
    sim.drop(1001);
    const asked = await tail.waitForTransition('retry', (t) => t.cause.kind === 'handshake');
    expect(asked).toMatchObject({ cause: { status: 429, retryAfterMs: 1_000 }, delayMs: 1_000 });
    await tail.waitForLog(/handshake refused \(HTTP 429, retry after 1\.0s\); next attempt in 1\.0s/);
    const refusedAtMs = Date.now();
    sim.refuseConnections(false);
    const conn = await sim.waitForConnection({ after: first.id, timeoutMs: 3_000 });
    expect(conn.openedAtMs - refusedAtMs).toBeGreaterThanOrEqual(800);
    await tail.waitForTransition('gap-closed');
    await session.flowing();
    expectExactlyOnce(await session.settle());
  });

  it('starts the backoff over only after a connection stayed healthy', async () => {
    const healthyAfterMs = 300;
    session = await startSession({ random: () => 1, timers: { backoffBaseMs: 10, backoffCapMs: 1_000, healthyAfterMs } });
    const { sim, tail } = session;
    // Health is a matter of time open, so here the wait is the condition itself.
    const stayHealthy = async () => {
      const conn = await sim.waitForConnection();
      await waitFor('a healthy connection', () => (Date.now() - conn.openedAtMs > healthyAfterMs + 50 ? true : undefined));
    };
    await stayHealthy();
    // A server that accepts and drops at once: each reconnect is short-lived, so the delay keeps growing.
    for (let i = 0; i < 3; i++) {
      const conn = await sim.waitForConnection();
      sim.drop(1001);
      await sim.waitForConnection({ after: conn.id });
    }
    expect(retryDelaysMs(tail)).toEqual([10, 20, 40]);
    await stayHealthy();
    sim.drop(1001);
    await waitFor('a fourth retry', () => (retryDelaysMs(tail).length >= 4 ? true : undefined), 2_000);
    expect(retryDelaysMs(tail)).toEqual([10, 20, 40, 10]);
  });
});
