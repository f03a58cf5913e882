import { expect } from 'vitest';
import { createSimExchange, seededRandom, type SimExchange, type SimFlow, type SimOptions } from '../../src/sim/index.js';
import { compareDelivery, type DeliveryReport } from './delivery.js';
import { startTail, type StartTailOptions, type TailHarness } from './tail.js';
import { waitFor } from './wait.js';

/** A simulator, the real tail following it, and an order flow running through both. */
export interface Session {
  readonly sim: SimExchange;
  readonly tail: TailHarness;
  readonly flow: SimFlow;
  /** While true the flow takes no step, for faults whose instant cannot be pinned down. */
  hold(on: boolean): void;
  /** Waits until `count` more order updates have been printed than when called: the stream is flowing. */
  flowing(count?: number): Promise<void>;
  /** Stops the flow, waits until every delivered update has been printed (bounded), and compares the two. */
  settle(): Promise<DeliveryReport>;
  close(): Promise<void>;
}

export interface SessionOptions extends Partial<Omit<StartTailOptions, 'restUrl' | 'wsUrl'>> {
  sim?: SimOptions;
  /** Order flow steps per second. @default 200 */
  ratePerSec?: number;
  /** Faults to arm before the tail starts (e.g. a refused first POST). */
  before?: (sim: SimExchange) => void;
  /** Wait for the first connection before returning. @default true */
  waitConnected?: boolean;
}

/** Starts a session; the flow starts once the tail is connected. */
export async function startSession(options: SessionOptions = {}): Promise<Session> {
  const { sim: simOptions, ratePerSec = 200, before, waitConnected = true, ...tailOptions } = options;
  const sim = await createSimExchange(simOptions);
  before?.(sim);
  const tail = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, ...tailOptions });
  if (waitConnected) await tail.waitForTransition('state', (t) => t.to === 'open');
  let holding = false;
  const flow = sim.startFlow({ market: 'usdm', ratePerSec, random: seededRandom(7), holdWhile: () => holding });
  const printedOrders = () => tail.json().filter((line) => line.event === 'order').length;
  return {
    sim,
    tail,
    flow,
    hold(on) {
      holding = on;
    },
    async flowing(count = 5) {
      const target = printedOrders() + count;
      await waitFor(`${target} printed order updates`, () => (printedOrders() >= target ? true : undefined), 10_000);
    },
    async settle() {
      flow.stop();
      const report = () => compareDelivery(flow.sent, tail.json());
      // Set inclusion, not counts: a test may print updates of its own, which must not stand in for missing ones.
      return waitFor('every delivered order update to be printed', () => {
        const r = report();
        return r.missing.length === 0 ? r : undefined;
      }, 10_000).catch(() => report());
    },
    async close() {
      flow.stop();
      await tail.stop();
      await sim.close();
    },
  };
}

/** Every order update delivered to a connected socket was printed exactly once, in order. */
export function expectExactlyOnce(report: DeliveryReport, atLeast = 10): void {
  expect(report.duplicated).toEqual([]);
  expect(report.missing).toEqual([]);
  expect(report.printed).toEqual(report.delivered);
  expect(report.delivered.length).toBeGreaterThanOrEqual(atLeast);
}

/** Resolves after `ms` of real time. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
