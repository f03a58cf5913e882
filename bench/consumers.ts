/** The processes under test, each spawned with stdout piped back to the benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIM_API_KEY } from '../src/sim/index.js';

// Compiled to dist/bench/bench/: the CLI is the built one, run as a user runs it.
const BIN = fileURLToPath(new URL('../../../bin/binance-orders.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor.js', import.meta.url));
/** No ./.env to pick up, nothing from the developer's shell. */
const CWD = mkdtempSync(join(tmpdir(), 'binance-orders-bench-'));

export interface ConsumerSpec {
  readonly name: string;
  /** Extracts the order id from one output line. */
  readonly orderId: RegExp;
  spawn(sim: { restUrl: string; wsUrl: string }): ChildProcess;
}

function baseEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...extra };
}

function cli(name: string, args: string[], orderId: RegExp, extraEnv: Record<string, string> = {}): ConsumerSpec {
  return {
    name,
    orderId,
    spawn: (sim) =>
      // Through its shebang, as a user's shell or npm's bin link runs it: the node flags there are part of the CLI.
      spawn(BIN, ['tail', ...args, '--rest-url', sim.restUrl, '--ws-url', sim.wsUrl], {
        cwd: CWD,
        env: baseEnv({ BINANCE_API_KEY: SIM_API_KEY, ...extraEnv }),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
  };
}

export const FLOOR_CONSUMER: ConsumerSpec = {
  name: 'floor',
  orderId: /"i":(\d+)/,
  spawn: (sim) =>
    spawn(process.execPath, [FLOOR], {
      cwd: CWD,
      env: baseEnv({ BENCH_REST_URL: sim.restUrl, BENCH_WS_URL: sim.wsUrl, BENCH_API_KEY: SIM_API_KEY }),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
};

export const CLI_JSON = cli('tail --json', ['--json'], /"orderId":(\d+)/);

/** Every consumer, the floor first. */
export const CONSUMERS: readonly ConsumerSpec[] = [
  FLOOR_CONSUMER,
  CLI_JSON,
  cli('tail -o pretty', ['-o', 'pretty'], /#(\d+)/, { FORCE_COLOR: '1' }),
  cli('tail -o raw', ['-o', 'raw'], /"i":(\d+)/),
];

/** SIGTERM, then SIGKILL if it lingers; resolves once the process is gone. */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Keeps the last few KB of a child's stderr, for an error message. */
export function stderrTail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (text = (text + chunk).slice(-4_000)));
  return () => text;
}
