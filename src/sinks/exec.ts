import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration } from '../log/time-format.js';
import { rateLimitedWarn, type Logger } from '../log/log.js';
import { deliverInOrder, type Destination, type Outcome } from './destination.js';
import { eventEnv } from './exec-env.js';
import type { SinkItem } from './item.js';

export interface ExecOptions {
  /** Run through the shell, once per event, with the event's JSON line on stdin. */
  command: string;
  /** The environment every run inherits; see inheritedEnv, which leaves credentials out. */
  env: Record<string, string>;
  log: Logger;
  now: () => number;
  /** A run still going after this long is killed, and the next event goes on. @default 30_000 */
  timeoutMs?: number;
  /** After the timeout's SIGTERM, how long before SIGKILL. @default 2_000 */
  killGraceMs?: number;
  /**
   * Signals a whole process group: the shell and whatever it started. Killing the shell alone
   * would leave a stuck grandchild (`sleep`, `curl`) running. Throws when the group is gone.
   */
  signalGroup: (pid: number, signal: NodeJS.Signals) => void;
}

const WARNINGS_PER_MINUTE = 5;
const OUTPUT_KEPT_CHARS = 400;
const OUTPUT_SETTLE_MS = 100;

/** Runs a shell command per event, one at a time, in order; a failure is a warning and the next event goes on. */
export function execDestination(options: ExecOptions): Destination {
  const { command, env, log, now, timeoutMs = 30_000, killGraceMs = 2_000, signalGroup } = options;
  const killGroup = (pid: number | undefined, signal: NodeJS.Signals) => {
    if (pid === undefined) return;
    try {
      signalGroup(pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const label = '--exec';
  const warn = rateLimitedWarn(log, WARNINGS_PER_MINUTE, 60_000, now);

  function deliverOne(item: SinkItem, signal: AbortSignal): Promise<Outcome> {
    return new Promise((resolve) => {
      // Its own process group, so a timeout reaches the grandchildren too, and a Ctrl-C in our terminal
      // does not kill the command that is delivering the last events.
      const child = spawn(command, { shell: true, detached: true, env: { ...env, ...eventEnv(item) }, stdio: ['pipe', 'pipe', 'pipe'] });
      let output = '';
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-OUTPUT_KEPT_CHARS);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      // A command that does not read its stdin (notify-send) closes the pipe early: that is fine.
      child.stdin.on('error', () => {});
      child.stdin.end(`${item.line}\n`);

      let timedOut = false;
      let killer: NodeJS.Timeout | undefined;
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid, 'SIGTERM');
        killer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), killGraceMs);
      }, timeoutMs);
      const onAbort = () => killGroup(child.pid, 'SIGKILL');
      signal.addEventListener('abort', onAbort, { once: true });

      const what = `${item.event.event}${'symbol' in item.event && item.event.symbol ? ` ${item.event.symbol}` : ''}`;
      let settled = false;
      const finish = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(killer);
        signal.removeEventListener('abort', onAbort);
        // A background job of the command may hold its output open; we are done with it either way.
        child.stdout.destroy();
        child.stderr.destroy();
        resolve(outcome);
      };
      // One line, with no escape or other control character of the command's reaching our terminal.
      const shown = () => {
        const text = output.trim().replace(/\s*\n\s*/g, ' | ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
        return text === '' ? '' : `: ${text}`;
      };
      child.on('error', (err) => {
        warn(`${label}: cannot start the command for the ${what} event: ${err.message}`);
        finish('failed');
      });
      child.on('exit', (code, sig) => void ended(code, sig));
      // The output may still be in the pipes when the shell exits; wait for it briefly, not for a
      // background job that keeps the pipes open.
      async function ended(code: number | null, sig: NodeJS.Signals | null) {
        clearTimeout(timer);
        const drained = new AbortController();
        await Promise.race([once(child, 'close'), sleep(OUTPUT_SETTLE_MS, undefined, { signal: drained.signal })]).catch(() => {});
        drained.abort();
        if (signal.aborted) return finish('aborted');
        if (timedOut) {
          warn(`${label}: command killed after ${formatDuration(timeoutMs)} on the ${what} event; going on with the next${shown()}`);
          return finish('failed');
        }
        if (code === 0) return finish('delivered');
        warn(`${label}: command ${code === null ? `ended by ${sig}` : `exited with ${code}`} on the ${what} event${shown()}`);
        finish('failed');
      }
    });
  }

  return { label, run: (queue, signal) => deliverInOrder(queue, signal, deliverOne) };
}
