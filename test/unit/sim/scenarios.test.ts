import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/sim/random.js';
import { demoScenario } from '../../../src/sim/scenarios.js';
import { connect, createKey, startSim, userDataPath } from './support.js';

describe('demoScenario', () => {
  it('holds until a usdm client listens, then sends `count` steps, all of them delivered', async () => {
    const sim = await startSim();
    const flow = demoScenario.start(sim, { ratePerSec: 200, count: 15, random: seededRandom(11) });
    await sleep(50);
    expect(flow.steps).toBe(0);

    const client = await connect(sim, userDataPath('usdm', await createKey(sim, 'usdm')));
    await flow.done;

    expect(flow.steps).toBe(15);
    expect(flow.sent.every((s) => s.delivered)).toBe(true);
    expect(await client.messagesAtLeast(flow.sent.length)).toEqual(flow.sent.map((s) => JSON.stringify(s.payload)));
    expect(demoScenario.name).toBe('demo');
  });
});
