import type { SimExchange } from './exchange.js';
import type { SimFlow } from './flow.js';
import type { Random } from './random.js';

/** Options of the demo scenario. */
export interface DemoScenarioOptions {
  /** Lifecycle steps per second. @default 2 */
  ratePerSec?: number;
  /** Stop after this many steps. @default unlimited */
  count?: number;
  /** @default Math.random */
  random?: Random;
}

/** A named script that drives a simulated exchange. */
export interface SimScenario<Options> {
  readonly name: string;
  readonly description: string;
  start(sim: SimExchange, options: Options): SimFlow;
}

/**
 * What `binance-orders demo` shows: a steady, realistic USDⓈ-M order flow. It holds while no
 * client is listening, so a demo with a count prints every one of its events.
 */
export const demoScenario: SimScenario<DemoScenarioOptions> = {
  name: 'demo',
  description: 'steady USDⓈ-M order flow: limit orders, partial and full fills, cancels, expiries, market orders',
  start(sim, { ratePerSec = 2, count, random } = {}) {
    return sim.startFlow({
      market: 'usdm',
      ratePerSec,
      count,
      random,
      holdWhile: () => sim.subscribers('usdm') === 0,
    });
  },
};
