import { afterEach, describe, expect, it } from 'vitest';
import { createSimExchange, orderTradeUpdate, type SimExchange } from '../../src/sim/index.js';
import type { SupervisorSnapshot } from '../../src/stream/supervisor.js';
import { cleanEnv, CLI_START_MS, spawnCli } from '../helpers/cli.js';
import { startTail, type TailHarness } from '../helpers/tail.js';
import { sleep } from '../helpers/session.js';

let sim: SimExchange | undefined;
let tail: TailHarness | undefined;
afterEach(async () => {
  await tail?.stop();
  await sim?.close();
  tail = sim = undefined;
});

describe('the status display', () => {
  it('reads the live state, last event, connection and key age and reconnects, and is stopped with the run', async () => {
    sim = await createSimExchange();
    let read: (() => SupervisorSnapshot) | undefined;
    let stopped = 0;
    tail = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, status: { start: (source) => (read = source), stop: () => stopped++ } });
    const first = await sim.waitForConnection();
    await tail.waitForLog(/connected to usdm/);
    expect(read?.()).toMatchObject({ state: 'open', lastFrameAtMs: undefined, reconnects: 0 });
    sim.drop(1001);
    await sim.waitForConnection({ after: first.id });
    await tail.waitForTransition('gap-closed');
    const before = Date.now();
    sim.push('usdm', orderTradeUpdate({ orderId: 1 }));
    await tail.waitForLines(1);
    const s = read!();
    expect(s).toMatchObject({ state: 'open', reconnects: 1 });
    expect(s.lastFrameAtMs).toBeGreaterThanOrEqual(before);
    expect(s.connectionOpenedAtMs).toBeLessThanOrEqual(before);
    expect(s.keyObtainedAtMs).toBeLessThanOrEqual(s.connectionOpenedAtMs!);
    expect(stopped).toBe(0);
    await tail.stop();
    expect(stopped).toBe(1);
  });

  it('draws nothing when stderr is not a terminal', async () => {
    sim = await createSimExchange();
    const env = cleanEnv({ BINANCE_API_KEY: 'SimulatedExchangeApiKey00000000000000000000000000000000000000000', BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl });
    const run = spawnCli(['tail', '--status-line'], { env });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    sim.push('usdm', orderTradeUpdate({ orderId: 1 }));
    await run.waitForStdout(/\n/);
    // A status line draws when the run starts and again right after every printed line, not only on its
    // refresh tick: by now it would have drawn twice. This stretch lets that output cross the pipe.
    await sleep(200);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toMatch(/connected to usdm/);
    expect(run.stderr()).not.toMatch(/\r|\u001b/);
  });
});
