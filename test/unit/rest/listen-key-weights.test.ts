import { afterEach, describe, expect, it } from 'vitest';
import { listenKeyApi } from '../../../src/rest/listen-key.js';
import { createRestClient } from '../../../src/rest/client.js';
import { WeightBudget } from '../../../src/rest/weight.js';
import { WeightQueue } from '../../../src/rest/weight-queue.js';
import { SIM_API_KEY, createSimExchange, type SimExchange } from '../../../src/sim/index.js';

let sim: SimExchange | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const apiOf = (s: SimExchange, weights: WeightQueue) => listenKeyApi(createRestClient({ baseUrl: s.restUrl, apiKey: SIM_API_KEY }), '/fapi/v1/listenKey', weights);

describe('listenKey calls on a shared weight queue', () => {
  it('staggers creates across streams but lets keepalives through', async () => {
    sim = await createSimExchange();
    const weights = new WeightQueue(new WeightBudget(), { staggerMs: 60_000 });
    const first = apiOf(sim, weights);
    const second = apiOf(sim, weights);
    await first.create();
    const abort = new AbortController();
    const held = second.create(abort.signal);
    await first.keepAlive();
    expect(sim.requests.map((r) => r.method)).toEqual(['POST', 'PUT']);
    abort.abort(new Error('stopped'));
    await expect(held).rejects.toThrow('stopped');
    expect(weights.budget.used).toBe(2);
  });

  it('holds every stream back after a 429 with Retry-After', async () => {
    sim = await createSimExchange();
    const weights = new WeightQueue(new WeightBudget());
    sim.failNext({ method: 'POST', path: '/fapi/v1/listenKey', status: 429, body: { code: -1003, msg: 'Too many requests.' }, headers: { 'Retry-After': '60' } });
    await expect(apiOf(sim, weights).create()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const abort = new AbortController();
    const held = apiOf(sim, weights).create(abort.signal);
    await new Promise((resolve) => setImmediate(resolve));
    expect(weights.waiting).toBe(1);
    abort.abort(new Error('stopped'));
    await expect(held).rejects.toThrow('stopped');
    expect(sim.requests).toHaveLength(1);
  });
});
