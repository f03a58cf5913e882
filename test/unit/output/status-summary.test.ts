import { describe, expect, it } from 'vitest';
import { createStatusSummary } from '../../../src/output/status-summary.js';
import { WeightBudget } from '../../../src/rest/weight.js';
import type { SupervisorSnapshot } from '../../../src/stream/supervisor.js';

const snapshot = (state: SupervisorSnapshot['state'], lastFrameAtMs: number | undefined, reconnects: number): SupervisorSnapshot => ({
  state,
  lastFrameAtMs,
  connectionOpenedAtMs: 0,
  keyObtainedAtMs: 0,
  reconnects,
  attempt: 0,
});

describe('the status summary of many streams', () => {
  it('counts open, connecting and ended streams, the freshest event, reconnects and the weight used', () => {
    const budget = new WeightBudget();
    budget.spend(420, 10_000);
    const summary = createStatusSummary(4, budget);
    const streams = [snapshot('open', 9_000, 1), snapshot('rotating', 9_500, 0), snapshot('backoff', 2_000, 3)].map((s) => {
      const status = summary.track();
      status.start(() => s);
      return status;
    });
    const ended = summary.track();
    ended.start(() => snapshot('open', undefined, 0));
    ended.stop();
    expect(summary.describe(10_000)).toBe('2/4 streams open · 1 connecting · 1 ended · last event 500ms ago · reconnects 4 · REST weight 420/2400');
    for (const status of streams) status.stop();
    expect(summary.describe(10_000)).toBe('0/4 streams open · 4 ended · last event none yet · reconnects 0 · REST weight 420/2400');
  });
});
