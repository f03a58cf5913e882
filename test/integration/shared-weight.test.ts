import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runAccounts, type AccountRun } from '../../src/run/accounts.js';
import { resolveEndpoints } from '../../src/exchange/endpoints.js';
import { selectKinds } from '../../src/events/filter.js';
import { createLogger } from '../../src/log/log.js';
import { sharedWeights } from '../../src/run/multi-market.js';
import { hmacSigner } from '../../src/rest/sign.js';
import { WeightBudget } from '../../src/rest/weight.js';
import { createSimExchange, type SimExchange } from '../../src/sim/index.js';
import { FAST_TIMERS } from '../helpers/tail.js';
import { waitFor } from '../helpers/wait.js';

let sim: SimExchange | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const NAMES = Array.from({ length: 60 }, (_, i) => `acct${i}`);

function runsFor(s: SimExchange): AccountRun[] {
  return NAMES.map((name) => ({
    config: {
      endpoints: resolveEndpoints('usdm', 'mainnet', { restUrl: s.restUrl, wsUrl: s.wsUrl }),
      apiKey: `key-${name}`,
      timers: FAST_TIMERS,
      filter: { events: selectKinds(['order']) },
      output: 'json',
      colorLevel: 0,
      closeListenKey: false,
      reconcile: { mode: 'on', signer: hmacSigner(`secret-${name}`) },
      account: { name, width: 6 },
    },
  }));
}

describe('accounts on one REST weight budget', () => {
  it('queues start-up checks that do not fit the minute instead of earning a 429', async () => {
    // 60 baselines of openOrders (weight 40) need 2400+: even split over two clock minutes, more than a budget of 400 (360 spent, 40 kept) allows.
    sim = await createSimExchange({
      apiKeys: NAMES.map((name) => `key-${name}`),
      apiSecrets: Object.fromEntries(NAMES.map((name) => [`key-${name}`, `secret-${name}`])),
      separateAccounts: true,
      weightLimitPerMinute: 400,
    });
    const logs: string[] = [];
    const s = sim;
    const openOrders = () => s.requests.filter((r) => r.path === '/fapi/v1/openOrders').length;
    let sentBeforePause: number | undefined;
    const log = createLogger({
      write: (text) => {
        logs.push(text);
        if (/request weight is spent/.test(text)) sentBeforePause ??= openOrders();
      },
      verbosity: 'normal',
    });
    const controller = new AbortController();
    const io = { stdout: new PassThrough(), log, signal: controller.signal, now: Date.now, random: Math.random };
    const done = runAccounts(runsFor(sim), { ...io, weights: sharedWeights(io, new WeightBudget(400, 40)) });
    const pause = await waitFor('the queue to hold calls back', () => logs.find((line) => /request weight is spent.*request\(s\) wait/.test(line)), 15_000);
    expect(pause).toMatch(/kept for other tools/);
    await waitFor('every account connected', () => (s.connections().length === NAMES.length ? true : undefined), 15_000);
    controller.abort();
    await done;
    expect(sentBeforePause).toBeLessThanOrEqual(Math.floor(360 / 40));
    expect(s.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(new Set(s.requests.filter((r) => r.method === 'POST').map((r) => r.apiKey)).size).toBe(NAMES.length);
  });
});
