import { afterEach, describe, expect, it } from 'vitest';
import { createSimExchange, SIM_API_KEY, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, CLI_START_MS, spawnCli } from '../helpers/cli.js';
import { startTail, type TailHarness } from '../helpers/tail.js';
import { sleep } from '../helpers/session.js';
import { waitFor } from '../helpers/wait.js';

/** Active handles and requests by type (sockets, servers, timers) that keep this process alive. */
function census(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function listenerCounts(tail: TailHarness): Record<string, number> {
  return Object.fromEntries(tail.stdout.eventNames().map((name) => [String(name), tail.stdout.listenerCount(name)]));
}

/** Waits until the simulator holds exactly one socket and nothing has moved for a moment; returns the census then. */
async function quiet(sim: SimExchange): Promise<Record<string, number>> {
  await waitFor('one open socket', () => (sim.connections().length === 1 ? true : undefined), 3_000);
  await sleep(100);
  return census();
}

/** The kinds of handle there are more of than in `before`, with how many more. */
function grown(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).flatMap(([kind, n]) => (n > (before[kind] ?? 0) ? [[kind, n - (before[kind] ?? 0)]] : [])));
}

/**
 * Waits until no kind of handle outnumbers `before`, and returns what still does: a handle left behind
 * at each reconnect never lets it. Fewer is no leak: the REST client's idle keep-alive socket to the
 * simulator (both of its ends are in this process) closes a few seconds after its last request, later
 * on a busy machine: the bound is long, and costs time only when something did leak.
 */
const growthSince = (before: Record<string, number>) =>
  waitFor('no more handles than before', () => (Object.keys(grown(before, census())).length === 0 ? true : undefined), 10_000)
    .catch(() => undefined)
    .then(() => grown(before, census()));

let sim: SimExchange | undefined;
let tail: TailHarness | undefined;
afterEach(async () => {
  await tail?.stop();
  await sim?.close();
  tail = sim = undefined;
});

describe('what a reconnect leaves behind', () => {
  it('keeps active handles and listener counts flat over many reconnects of every kind', async () => {
    sim = await createSimExchange();
    // A quicker heartbeat finds each stall sooner; a busy moment taken for one is just another reconnect.
    tail = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, timers: { heartbeatMs: 200 } });
    let conn = await sim.waitForConnection();
    const handles = await quiet(sim);
    const listeners = listenerCounts(tail);
    // A stall lasts until the tail has found the link dead and dialled again.
    const faults = [() => sim!.drop(1001), () => sim!.reset(), () => sim!.expireKey('usdm', { times: 2 }), () => sim!.stall(true)];
    for (let i = 0; i < 16; i++) {
      const gaps = tail.transitionsOf('gap-closed').length;
      faults[i % faults.length]!();
      conn = await sim.waitForConnection({ after: conn.id, timeoutMs: 10_000 });
      sim.stall(false);
      await waitFor('the gap to close', () => (tail!.transitionsOf('gap-closed').length > gaps ? true : undefined));
    }
    await quiet(sim);
    expect(tail.transitionsOf('gap-closed').length).toBeGreaterThanOrEqual(16);
    expect(await growthSince(handles)).toEqual({});
    expect(listenerCounts(tail)).toEqual(listeners);
  });

  it('keeps them flat over many make-before-break rotations', async () => {
    sim = await createSimExchange();
    tail = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, timers: { maxConnectionAgeMs: 300 } });
    // Midway between two rotations the old socket is gone and the next is not yet being made.
    const afterRotation = (n: number) => tail!.waitForTransition('rotated', (t) => t.fromId === n);
    await afterRotation(1);
    const handles = await quiet(sim);
    await afterRotation(10);
    await quiet(sim);
    expect(await growthSince(handles)).toEqual({});
    expect(sim.connections()).toHaveLength(1);
    expect(tail.transitionsOf('gap-closed')).toEqual([]);
  });

  it('stop() closes its sockets, and nothing of the run goes on afterwards', async () => {
    await waitFor('no sockets from earlier tests', () => (sockets(census()) === 0 ? true : undefined), 3_000);
    sim = await createSimExchange();
    tail = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, timers: { keepaliveMs: 100, keepaliveRetryMs: 20 } });
    let conn = await sim.waitForConnection();
    sim.drop(1001);
    conn = await sim.waitForConnection({ after: conn.id });
    await tail.waitForTransition('gap-closed');
    await sim.waitForRequest((r) => r.method === 'PUT' && r.atMs > conn.openedAtMs); // a keepalive timer is armed again
    await tail.stop();
    await waitFor('the server to see the socket closed', () => (sim!.connections().length === 0 ? true : undefined), 2_000);
    const logged = tail.logs.length;
    const requests = sim.requests.length;
    await sleep(250); // a leaked keepalive (every 100 ms) or reconnect timer would fire in this stretch
    expect(sim.requests.length).toBe(requests);
    await sim.close();
    await waitFor('every socket closed', () => (sockets(census()) === 0 ? true : undefined), 2_000).catch(() => undefined);
    expect(sockets(census())).toBe(0);
    expect(tail.logs.slice(logged)).toEqual([]);
  });

  it('lets the CLI process exit at once on SIGINT after reconnects: no handle keeps it alive', async () => {
    sim = await createSimExchange();
    const run = spawnCli(['tail', '--keepalive', '200ms', '--heartbeat', '300ms', '--reconnect-min', '10ms'], {
      env: cleanEnv({ BINANCE_API_KEY: SIM_API_KEY, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl }),
    });
    let conn = await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    for (const fault of [() => sim!.drop(1001), () => sim!.reset(), () => sim!.expireKey('usdm')]) {
      fault();
      conn = await sim.waitForConnection({ after: conn.id, timeoutMs: CLI_START_MS });
    }
    await sim.waitForRequest((r) => r.method === 'PUT' && r.atMs > conn.openedAtMs); // a keepalive timer is armed again
    const signalledAt = Date.now();
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    // main() sets process.exitCode and returns; the process ends only once no timer or socket is left.
    // The shortest timer that could be left at its default is 5 s (keepalive retry): the bound stays
    // below it, with room for a slow exit on a loaded machine.
    expect(Date.now() - signalledAt).toBeLessThan(4_000);
  });
});

function sockets(counts: Record<string, number>): number {
  return Object.entries(counts).reduce((sum, [kind, n]) => sum + (kind.startsWith('TCP') ? n : 0), 0);
}
