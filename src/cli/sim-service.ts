import type { ScheduledFault } from '../config/fault-schedule.js';
import type { Logger } from '../log/log.js';
import type { SimExchange } from '../sim/index.js';

/** How `sim` and `demo` run the simulated exchange. */
export interface SimServiceOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 takes a free port. */
  port: number;
  /** Background order lifecycle steps per second on USDⓈ-M; 0 for none. */
  ratePerSec: number;
  /** Seeds the order flow and generated clientOrderIds, so a run can be replayed. */
  seed?: number;
  /** Faults to apply on a timer. */
  faults?: readonly ScheduledFault[];
  log: Logger;
}

/** A running simulated exchange with its order flow and fault timers; close() stops all of them. */
export interface SimService {
  readonly sim: SimExchange;
  close(): Promise<void>;
}

/**
 * Starts the simulated exchange the way both `sim` and `demo` use it: listening, with the
 * background order flow (held while no client listens, so no event is sent to nobody) and the
 * scheduled faults, each logged as it fires.
 */
export async function startSimService(options: SimServiceOptions): Promise<SimService> {
  // Loaded here so that `tail` never pays for the simulator at start-up.
  const { createSimExchange, demoScenario, seededRandom } = await import('../sim/index.js');
  const random = options.seed === undefined ? Math.random : seededRandom(options.seed);
  const sim = await createSimExchange({
    host: options.host ?? '127.0.0.1',
    port: options.port,
    random,
    log: (line) => options.log.info(`sim: ${line}`),
  });
  const flow = options.ratePerSec > 0 ? demoScenario.start(sim, { ratePerSec: options.ratePerSec, random }) : undefined;
  const timers: NodeJS.Timeout[] = [];
  for (const entry of options.faults ?? []) {
    const fire = () => {
      try {
        sim.fault(entry.fault);
      } catch (err) {
        options.log.warn(`sim: scheduled fault ${entry.text} did not apply: ${(err as Error).message}`);
      }
    };
    timers.push(entry.everyMs === undefined ? setTimeout(fire, entry.atMs) : setInterval(fire, entry.everyMs));
  }
  return {
    sim,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      flow?.stop();
      await sim.close();
    },
  };
}
