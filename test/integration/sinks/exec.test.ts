import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/log/log.js';
import { execDestination, type ExecOptions } from '../../../src/sinks/exec.js';
import { inheritedEnv } from '../../../src/sinks/exec-env.js';
import { startSinks, type SinkRun } from '../../helpers/sink-run.js';
import { waitFor } from '../../helpers/wait.js';

let dir: string;
let run: SinkRun | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-exec-'));
});
afterEach(async () => {
  await run?.hub.stop(0);
  run = undefined;
  await rm(dir, { recursive: true, force: true });
});

const exec = (log: Logger, command: string, extra: Partial<ExecOptions> = {}) =>
  execDestination({
    command, env: inheritedEnv({ PATH: process.env.PATH, HOME: process.env.HOME }), log, now: Date.now,
    signalGroup: (pid, signal) => process.kill(-pid, signal), ...extra,
  });

const linesOf = async (file: string) => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((line) => line !== '');
const waitForLines = (file: string, count: number, timeoutMs = 5_000) =>
  waitFor(`${count} lines in ${file}`, () => (existsSync(file) && readFileSync(file, 'utf8').split('\n').length > count ? true : undefined), timeoutMs);

describe('--exec', () => {
  it('runs the command once per event, in order, with the JSON line on stdin and the event in its environment', async () => {
    const out = join(dir, 'out');
    const command = `read -r line; echo "$BINANCE_ORDERS_EVENT $BINANCE_ORDERS_MARKET $BINANCE_ORDERS_ACCOUNT $BINANCE_ORDERS_SYMBOL $BINANCE_ORDERS_STATUS $BINANCE_ORDERS_ORDER_ID $line" >> ${out}`;
    run = startSinks((log) => [exec(log, command)]);
    run.orders(1, 2, 3);
    await run.hub.stop(5_000);
    const lines = await linesOf(out);
    expect(lines.map((line) => line.split(' ').slice(0, 6).join(' '))).toEqual([
      'order usdm default BTCUSDT NEW 1',
      'order usdm default BTCUSDT NEW 2',
      'order usdm default BTCUSDT NEW 3',
    ]);
    expect(JSON.parse(lines[0]!.split(' ').slice(6).join(' '))).toMatchObject({ event: 'order', orderId: 1, price: '65000.10' });
  });

  it('runs one command at a time: the next event waits for the previous command to end', async () => {
    const out = join(dir, 'out');
    run = startSinks((log) => [exec(log, `echo "start $BINANCE_ORDERS_ORDER_ID" >> ${out}; sleep 0.1; echo "end $BINANCE_ORDERS_ORDER_ID" >> ${out}`)]);
    run.orders(1, 2);
    await run.hub.stop(5_000);
    expect(await linesOf(out)).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('kills a command that outlives --exec-timeout, with what it started, and goes on with the next event', async () => {
    const out = join(dir, 'out');
    const pids = join(dir, 'pids');
    // The stuck command starts a grandchild of its own; the whole group must go.
    const command = `if [ "$BINANCE_ORDERS_ORDER_ID" = 1 ]; then sleep 30 & echo $! > ${pids}; wait; fi; echo "done $BINANCE_ORDERS_ORDER_ID" >> ${out}`;
    run = startSinks((log) => [exec(log, command, { timeoutMs: 300, killGraceMs: 200 })]);
    run.orders(1, 2);
    await waitForLines(out, 1);
    expect(await linesOf(out)).toEqual(['done 2']);
    await run.waitForLog(/--exec: command killed after 300ms on the order BTCUSDT event; going on with the next/);
    const sleeper = Number((await readFile(pids, 'utf8')).trim());
    await waitFor('the grandchild to be gone', () => {
      try {
        process.kill(sleeper, 0);
        return undefined;
      } catch {
        return true;
      }
    });
  });

  it('warns about a failing command with its output, at most a few times a minute, and goes on', async () => {
    run = startSinks((log) => [exec(log, 'printf "\\033[31mred\\033[0m\\n" >&2; echo "no such chat" >&2; exit 3')]);
    run.orders(...Array.from({ length: 12 }, (_v, i) => i + 1));
    await run.hub.stop(10_000);
    const warnings = run.logs.filter((line) => /--exec: command exited with 3 on the order BTCUSDT event: /.test(line));
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatch(/event: \?\[31mred\?\[0m \| no such chat$/);
    expect(run.hub.counts()[0]?.counts).toMatchObject({ delivered: 0, failed: 12, pending: 0 });
  });

  it('hands the command no credential variable, whatever its name when its value is a known credential', async () => {
    const out = join(dir, 'out');
    const env = inheritedEnv(
      { PATH: process.env.PATH, BINANCE_API_KEY: 'SENTINEL-KEY', BINANCE_API_SECRET: 'SENTINEL-SECRET', NATS_PASSWORD: 'SENTINEL-NATS', ALPHA_KEY: 'SENTINEL-ALPHA', KEEP_ME: 'yes' },
      ['SENTINEL-ALPHA'],
    );
    run = startSinks((log) => [exec(log, `env > ${out}`, { env })]);
    run.orders(1);
    await run.hub.stop(5_000);
    const seen = await readFile(out, 'utf8');
    expect(seen).toContain('KEEP_ME=yes');
    expect(seen).not.toMatch(/SENTINEL/);
  });

  it('kills the running command when the drain time is over, and counts its event as not delivered', async () => {
    run = startSinks((log) => [exec(log, 'sleep 30')]);
    run.orders(1, 2);
    await waitFor('the first command to start', () => (run?.hub.counts()[0]?.counts.pending === 2 ? true : undefined));
    await run.hub.stop(200);
    expect(run.logs).toContainEqual(expect.stringMatching(/--exec: 2 events not delivered \(stopped after 200ms\)/));
  });
});
