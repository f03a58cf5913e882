import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

/** The built CLI, run through its shebang exactly as a user runs it. */
export const BIN = fileURLToPath(new URL('../../bin/binance-orders.js', import.meta.url));

/** Bound for a spawned CLI to start and connect: a cold start on a busy 2-core machine can take seconds. */
export const CLI_START_MS = 15_000;

/** An environment with nothing from the developer's shell that could change the outcome. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const { PATH = '', HOME = '', SYSTEMROOT = '' } = process.env;
  return { PATH, HOME, SYSTEMROOT, ...extra };
}

export interface CliRun {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code (or 128+signal); rejects if the process outlives `timeoutMs`. */
  readonly exit: Promise<number>;
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<void>;
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Spawns the built CLI; the process is killed if it has not exited within `timeoutMs` (default 30 s: only a hang should meet it). */
export function spawnCli(args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): CliRun {
  const child = spawn(BIN, args, {
    env: options.env ?? cleanEnv(),
    cwd: options.cwd ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const exit = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`binance-orders ${args.join(' ')} did not exit within ${timeoutMs}ms\nstderr: ${err}`));
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 9));
    });
  });
  exit.catch(() => {});
  return { child, exit, ...outputWaits(() => out, () => err) };
}

/**
 * Reads and waits on what a run (a process, or main() in this process) wrote so far; a wait that
 * fails says how the output ends, which usually says why.
 */
export function outputWaits(stdout: () => string, stderr: () => string) {
  const telling = (error: unknown): never => {
    throw new Error(`${(error as Error).message}\nstdout ends: ${stdout().slice(-500)}\nstderr ends: ${stderr().slice(-1_500)}`);
  };
  return {
    stdout,
    stderr,
    waitForStdout: async (pattern: RegExp, ms = CLI_START_MS) => {
      await waitFor(`stdout matching ${pattern}`, () => (pattern.test(stdout()) ? true : undefined), ms).catch(telling);
    },
    waitForStderr: async (pattern: RegExp, ms = CLI_START_MS) => {
      await waitFor(`stderr matching ${pattern}`, () => (pattern.test(stderr()) ? true : undefined), ms).catch(telling);
    },
  };
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}) {
  const run = spawnCli(args, options);
  const code = await run.exit;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
