import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorContext } from '../../../src/doctor/check.js';
import { listenKeyCheck } from '../../../src/doctor/checks/exchange.js';
import { streamCheck } from '../../../src/doctor/checks/stream.js';
import { resolveEndpoints } from '../../../src/exchange/endpoints.js';
import { createSimExchange, SIM_API_KEY, type SimExchange } from '../../../src/sim/index.js';

let sim: SimExchange;
beforeEach(async () => {
  sim = await createSimExchange();
});
afterEach(async () => {
  await sim.close();
});

function context(registered: string[]): DoctorContext {
  return {
    endpoints: resolveEndpoints('usdm', 'mainnet', { restUrl: sim.restUrl, wsUrl: sim.wsUrl }),
    apiKey: SIM_API_KEY,
    apiSecret: undefined,
    overrideSources: {},
    timeoutMs: 5_000,
    streamHoldMs: 50,
    now: Date.now,
    signal: new AbortController().signal,
    addSecret: (secret) => registered.push(secret),
  };
}

describe('the checks that obtain a listenKey', () => {
  it.each([
    ['listenKey', listenKeyCheck],
    ['stream', streamCheck],
  ])('%s registers the key with the scrubber as soon as it has it', async (_name, check) => {
    const registered: string[] = [];
    const result = await check.run(context(registered));
    expect(result.outcome).not.toBe('fail');
    expect(registered).toEqual([sim.activeKey('usdm')]);
  });
});
