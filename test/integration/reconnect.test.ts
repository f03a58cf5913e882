import { afterEach, describe, expect, it } from 'vitest';
import { expectExactlyOnce, sleep, startSession, type Session } from '../helpers/session.js';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** The delays the supervisor announced, from its -v lines, in order. */
function announcedDelaysMs(logs: readonly string[]): number[] {
  return logs.flatMap((line) => {
    const match = /next attempt in (\d+)ms/.exec(line);
    return match ? [Number(match[1])] : [];
  });
}

describe('reconnecting after the server goes away', () => {
  it('reconnects after a clean close (1001) and prints every delivered update once, in order', async () => {
    session = await startSession();
    const { sim, tail } = session;
    await sleep(200);
    const first = await sim.waitForConnection();
    sim.drop(1001);
    await sim.waitForConnection({ after: first.id });
    await tail.waitForLog(/gap closed .* cause: closed by the server \(1001\), reconnect attempts: 1/);
    await sleep(200);
    expectExactlyOnce(await session.settle());
  });

  it('reconnects after an abrupt TCP reset (no close frame)', async () => {
    session = await startSession();
    const { sim, tail } = session;
    await sleep(200);
    const first = await sim.waitForConnection();
    sim.reset();
    await sim.waitForConnection({ after: first.id });
    await tail.waitForLog(/gap closed .* cause: connection lost with no close frame \(1006\)/);
    await sleep(200);
    expectExactlyOnce(await session.settle());
  });

  it('terminates a link that stops answering and sending, and replaces it once the server is back', async () => {
    session = await startSession();
    const { sim, tail } = session;
    await sleep(200);
    const first = await sim.waitForConnection();
    sim.stall(true);
    await tail.waitForLog(/no frame for \d+ms; link presumed dead; reconnecting/);
    // New sockets stall too, so each is found dead in turn until the server answers again.
    await sim.waitForConnection({ after: first.id });
    await sleep(300);
    sim.stall(false);
    const gap = await tail.waitForLog(/gap closed .* cause: no frame for/);
    expect(Number(/reconnect attempts: (\d+)/.exec(gap)?.[1])).toBeGreaterThanOrEqual(1);
    await sleep(200);
    expectExactlyOnce(await session.settle());
  });

  it('keeps retrying refused connections with growing, capped backoff, then recovers', async () => {
    // random() = 1 makes full jitter take the ceiling, so the delays are the backoff curve itself.
    session = await startSession({ random: () => 1, timers: { backoffBaseMs: 10, backoffCapMs: 100 } });
    const { sim, tail } = session;
    await sleep(200);
    sim.refuseConnections(true);
    sim.drop(1001);
    await tail.waitForLog(/handshake refused \(HTTP 503\).*next attempt in 100ms/);
    await sleep(300);
    sim.refuseConnections(false);
    const gap = await tail.waitForLog(/gap closed .* cause: closed by the server \(1001\)/);
    const delays = announcedDelaysMs(tail.logs);
    expect(delays.slice(0, 6)).toEqual([10, 20, 40, 80, 100, 100]);
    expect(Number(/reconnect attempts: (\d+)/.exec(gap)?.[1])).toBe(delays.length);
    await sleep(200);
    expectExactlyOnce(await session.settle());
  });

  it("waits as long as a refused upgrade's Retry-After asks before the next attempt", async () => {
    session = await startSession({ timers: { backoffBaseMs: 10, backoffCapMs: 100 } });
    const { sim, tail } = session;
    await sleep(200);
    const first = await sim.waitForConnection();
    sim.refuseConnections(true, { status: 429, retryAfterSec: 1 });
    sim.drop(1001);
    await tail.waitForLog(/handshake refused \(HTTP 429, retry after 1\.0s\); next attempt in 1\.0s/);
    const refusedAtMs = Date.now();
    sim.refuseConnections(false);
    const conn = await sim.waitForConnection({ after: first.id, timeoutMs: 3_000 });
    expect(conn.openedAtMs - refusedAtMs).toBeGreaterThanOrEqual(800);
    await tail.waitForLog(/gap closed/);
    expectExactlyOnce(await session.settle());
  });

  it('starts the backoff over only after a connection stayed healthy', async () => {
    session = await startSession({ random: () => 1, timers: { backoffBaseMs: 10, backoffCapMs: 1_000, healthyAfterMs: 300 } });
    const { sim, tail } = session;
    await sleep(350);
    // A server that accepts and drops at once: each reconnect is short-lived, so the delay keeps growing.
    for (let i = 0; i < 3; i++) {
      const conn = await sim.waitForConnection();
      sim.drop(1001);
      await sim.waitForConnection({ after: conn.id });
    }
    expect(announcedDelaysMs(tail.logs)).toEqual([10, 20, 40]);
    await sleep(350);
    sim.drop(1001);
    await waitForDelays(tail.logs, 4);
    expect(announcedDelaysMs(tail.logs)).toEqual([10, 20, 40, 10]);
  });
});

async function waitForDelays(logs: readonly string[], count: number) {
  const deadline = Date.now() + 2_000;
  while (announcedDelaysMs(logs).length < count && Date.now() < deadline) await sleep(10);
}
