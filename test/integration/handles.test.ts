import { afterEach, describe, expect, it } from 'vitest';
import { createSimExchange, SIM_API_KEY, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, spawnCli } from '../helpers/cli.js';
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

/** Waits until the simulator holds exactly one socket and nothing has moved for a moment. */
async function quiet(sim: SimExchange) {
  await waitFor('one open socket', () => (sim.connections().length === 1 ? true : undefined), 3_000);
  await sleep(100);
}

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
    tail = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl });
    let conn = await sim.waitForConnection();
    await quiet(sim);
    const handles = census();
    const listeners = listenerCounts(tail);
    const faults = [
      () => sim!.drop(1001),
      () => sim!.reset(),
      () => sim!.expireKey('usdm', { times: 2 }),
      () => {
        sim!.stall(true);
        setTimeout(() => sim?.stall(false), 450);
      },
    ];
    for (let i = 0; i < 16; i++) {
      faults[i % faults.length]!();
      conn = await sim.waitForConnection({ after: conn.id, timeoutMs: 3_000 });
      await sleep(i % faults.length === 3 ? 500 : 30);
    }
    await quiet(sim);
    expect(tail.logs.filter((line) => /gap closed/.test(line)).length).toBeGreaterThanOrEqual(16);
    expect(census()).toEqual(handles);
    expect(listenerCounts(tail)).toEqual(listeners);
  });

  it('keeps them flat over many make-before-break rotations', async () => {
    sim = await createSimExchange();
    tail = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, timers: { maxConnectionAgeMs: 300 } });
    // Midway between two rotations the old socket is gone and the next is not yet being made.
    const midwayAfterRotation = async (n: number) => {
      await tail!.waitForLog(new RegExp(`replaced connection #${n} by #${n + 1} `), 5_000);
      await sleep(100);
      return census();
    };
    const handles = await midwayAfterRotation(1);
    expect(await midwayAfterRotation(10)).toEqual(handles);
    expect(sim.connections()).toHaveLength(1);
    expect(tail.logs.some((line) => /gap closed/.test(line))).toBe(false);
  });

  it('stop() closes its sockets, and nothing of the run goes on afterwards', async () => {
    await waitFor('no sockets from earlier tests', () => (sockets(census()) === 0 ? true : undefined), 3_000);
    sim = await createSimExchange();
    tail = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, timers: { keepaliveMs: 100, keepaliveRetryMs: 20 } });
    let conn = await sim.waitForConnection();
    sim.drop(1001);
    conn = await sim.waitForConnection({ after: conn.id });
    await sleep(150);
    await tail.stop();
    await waitFor('the server to see the socket closed', () => (sim!.connections().length === 0 ? true : undefined), 2_000);
    const logged = tail.logs.length;
    const requests = sim.requests.length;
    await sleep(300); // a leaked keepalive or reconnect timer would fire in this stretch
    expect(sim.requests.length).toBe(requests);
    await sim.close();
    await sleep(200);
    expect(sockets(census())).toBe(0);
    expect(tail.logs.slice(logged)).toEqual([]);
  });

  it('lets the CLI process exit at once on SIGINT after reconnects: no handle keeps it alive', async () => {
    sim = await createSimExchange();
    const run = spawnCli(['tail', '--keepalive', '200ms', '--heartbeat', '300ms', '--reconnect-min', '10ms'], {
      env: cleanEnv({ BINANCE_API_KEY: SIM_API_KEY, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl }),
    });
    let conn = await sim.waitForConnection();
    for (const fault of [() => sim!.drop(1001), () => sim!.reset(), () => sim!.expireKey('usdm')]) {
      fault();
      conn = await sim.waitForConnection({ after: conn.id });
    }
    await sleep(300);
    const signalledAt = Date.now();
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    // main() sets process.exitCode and returns; the process ends only once no timer or socket is left.
    expect(Date.now() - signalledAt).toBeLessThan(1_500);
  });
});

function sockets(counts: Record<string, number>): number {
  return Object.entries(counts).reduce((sum, [kind, n]) => sum + (kind.startsWith('TCP') ? n : 0), 0);
}
