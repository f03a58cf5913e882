import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { cleanEnv, outputWaits } from './cli.js';

/**
 * The CLI's `main()` run in this process, with its own stdout, stderr, environment, working directory
 * and abort signal (a SIGINT for a process): what a command line decides (flags, configuration, exit
 * codes, what is printed where) without starting Node for each case. What only a process shows (the
 * shebang, signals, a closed pipe, a terminal, the bundle) is tested through spawnCli.
 */
export interface MainRun {
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code main() returned; rejects if it has not returned within `timeoutMs`. */
  readonly exit: Promise<number>;
  /** Aborts the run the way SIGINT, SIGTERM or SIGHUP aborts the process. */
  interrupt(): void;
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<void>;
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

export interface MainOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** What the command reads from stdin (`replay -`); empty by default. */
  stdin?: string;
  /** Only a hang should meet it (default 30 s). */
  timeoutMs?: number;
}

/** Starts `binance-orders <args>` in this process. */
export function startMain(args: string[], options: MainOptions = {}): MainRun {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const controller = new AbortController();
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const exit = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`binance-orders ${args.join(' ')} did not return within ${timeoutMs}ms\nstderr: ${err}`));
    }, timeoutMs);
    main(args, { stdin, stdout, stderr, env: options.env ?? cleanEnv(), cwd: options.cwd ?? process.cwd(), signal: controller.signal, secrets: new Set() }).then(
      (code) => {
        clearTimeout(timer);
        resolve(code);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
  exit.catch(() => {});
  return { exit, interrupt: () => controller.abort(), ...outputWaits(() => out, () => err) };
}

/** Runs `binance-orders <args>` in this process to its end and returns its exit code and output. */
export async function runMain(args: string[], options: MainOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = startMain(args, options);
  const code = await run.exit;
  // Output written just before main() returned is still in the PassThroughs' queues.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
