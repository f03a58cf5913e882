/** One measurement each: a burst, a fixed-rate stream, cold starts, an idle stream, a slow reader. */
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSimExchange, type SimExchange } from '../src/sim/index.js';
import { stderrTail, stop, type ConsumerSpec } from './consumers.js';
import { benchFrames, FIRST_ORDER_ID } from './frames.js';
import { cpuMsOf, peakRssMbOf } from './proc.js';

const NEWLINE = 0x0a;
/** Time for a freshly connected consumer to finish its start-up work before measuring. */
const SETTLE_MS = 500;
const CONNECT_TIMEOUT_MS = 15_000;

/** A wall-clock time with sub-millisecond resolution, comparable to Date.now(). */
const clockMs = () => performance.timeOrigin + performance.now();

function countLines(chunk: Buffer): number {
  let lines = 0;
  for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) lines++;
  return lines;
}

/** Resolves once the reader has seen `lines` lines; rejects after `timeoutMs` or if the child dies. */
function linesSeen(stdout: Readable, child: ChildProcess, lines: () => number, target: number, timeoutMs: number, why: () => string) {
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (lines() < target) return;
      cleanup();
      resolve();
    };
    const fail = (message: string) => {
      cleanup();
      reject(new Error(`${message} (${lines()} of ${target} lines)\n${why()}`));
    };
    const onExit = () => fail('the consumer exited');
    const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      stdout.off('data', check);
      child.off('exit', onExit);
    };
    stdout.on('data', check);
    child.on('exit', onExit);
    check();
  });
}

async function connected(sim: SimExchange, subscribers: number): Promise<void> {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  while (sim.subscribers('usdm') < subscribers) {
    if (Date.now() > deadline) throw new Error(`only ${sim.subscribers('usdm')} of ${subscribers} consumers connected`);
    await sleep(20);
  }
  await sleep(SETTLE_MS);
}

export interface BurstResult {
  eventsPerSec: number;
  cpuSecPer100k: number;
  peakRssMb: number;
}

/** Throughput: `orders` order updates (plus filtered events) as fast as the consumer drains them. */
export async function measureBurst(spec: ConsumerSpec, orders: number, timeoutMs: number): Promise<BurstResult> {
  const sim = await createSimExchange();
  const child = spec.spawn(sim);
  const why = stderrTail(child);
  try {
    const stdout = child.stdout as Readable;
    let lines = 0;
    stdout.on('data', (chunk: Buffer) => (lines += countLines(chunk)));
    await connected(sim, 1);
    const pid = child.pid as number;
    const frames = benchFrames(orders);
    const eventTimeMs = Date.now();
    const cpuBeforeMs = cpuMsOf(pid);
    const startMs = performance.now();
    const allSeen = linesSeen(stdout, child, () => lines, orders, timeoutMs, why);
    await sim.burst('usdm', frames.total, (index) => frames.text(index, eventTimeMs));
    await allSeen;
    const elapsedMs = performance.now() - startMs;
    const cpuMs = cpuMsOf(pid) - cpuBeforeMs;
    return { eventsPerSec: orders / (elapsedMs / 1000), cpuSecPer100k: cpuMs / 1000 / (orders / 100_000), peakRssMb: peakRssMbOf(pid) };
  } finally {
    await stop(child);
    await sim.close();
  }
}

export interface LatencyResult {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  received: number;
}

/**
 * Latency: every consumer connected at once to one stream at a fixed rate, side by side. Each frame
 * carries its send time in `E`; latency is the reader's arrival time minus the send time (kept here
 * with sub-millisecond resolution, since `E` has only whole milliseconds).
 */
export async function measureLatency(specs: readonly ConsumerSpec[], ratePerSec: number, seconds: number): Promise<Map<string, LatencyResult>> {
  const sim = await createSimExchange();
  const frames = benchFrames(Math.floor((ratePerSec * seconds * 9) / 10));
  const sentAtMs = new Float64Array(frames.orders);
  const runs = specs.map((spec) => {
    const child = spec.spawn(sim);
    const latencies: number[] = [];
    let partial = '';
    (child.stdout as Readable).setEncoding('utf8');
    (child.stdout as Readable).on('data', (chunk: string) => {
      const arrivedMs = clockMs();
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const id = spec.orderId.exec(line)?.[1];
        if (id !== undefined) latencies.push(arrivedMs - (sentAtMs[Number(id) - FIRST_ORDER_ID] ?? Number.NaN));
      }
    });
    return { spec, child, latencies, why: stderrTail(child) };
  });
  try {
    await connected(sim, specs.length);
    const startMs = performance.now();
    let sent = 0;
    while (sent < frames.total) {
      const due = Math.min(frames.total, Math.floor(((performance.now() - startMs) / 1000) * ratePerSec));
      for (; sent < due; sent++) {
        const nowMs = clockMs();
        const seq = frames.orderSeq(sent);
        if (seq !== undefined) sentAtMs[seq] = nowMs;
        sim.push('usdm', frames.text(sent, Math.floor(nowMs)));
      }
      await sleep(1);
    }
    await Promise.all(
      runs.map((run) => linesSeen(run.child.stdout as Readable, run.child, () => run.latencies.length, frames.orders, 10_000, run.why)),
    );
    return new Map(runs.map((run) => [run.spec.name, summarize(run.latencies)]));
  } finally {
    await Promise.all(runs.map((run) => stop(run.child)));
    await sim.close();
  }
}

function summarize(latencies: number[]): LatencyResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? Number.NaN, received: sorted.length };
}

export interface ColdStartResult {
  /** Spawn to the first listenKey request reaching the simulator. */
  wallMs: number;
  /** CPU (user + sys) the process had used by then: steadier than wall time on a busy machine, in 10 ms ticks. */
  cpuMs: number;
}

/** Cold start: spawn to the first listenKey request reaching the simulator. */
export async function measureColdStart(sim: SimExchange, spec: ConsumerSpec): Promise<ColdStartResult> {
  const before = sim.requests.length;
  const startMs = performance.now();
  const child = spec.spawn(sim);
  const why = stderrTail(child);
  try {
    await sim.waitForRequest((r) => r.method === 'POST' && r.path.endsWith('/listenKey') && sim.requests.indexOf(r) >= before, 10_000);
    const wallMs = performance.now() - startMs;
    return { wallMs, cpuMs: cpuMsOf(child.pid as number) };
  } catch (error) {
    throw new Error(`${spec.name}: no listenKey request: ${(error as Error).message}\n${why()}`);
  } finally {
    await stop(child);
  }
}

/** Idle: every consumer connected to a quiet stream at once; CPU used over `seconds`, in % of one core. */
export async function measureIdle(specs: readonly ConsumerSpec[], seconds: number): Promise<Map<string, number>> {
  const sim = await createSimExchange();
  const children = specs.map((spec) => ({ spec, child: spec.spawn(sim) }));
  for (const { child } of children) child.stdout?.resume();
  try {
    await connected(sim, specs.length);
    const before = children.map(({ child }) => cpuMsOf(child.pid as number));
    await sleep(seconds * 1000);
    return new Map(
      children.map(({ spec, child }, i) => [spec.name, ((cpuMsOf(child.pid as number) - (before[i] as number)) / (seconds * 1000)) * 100]),
    );
  } finally {
    await Promise.all(children.map(({ child }) => stop(child)));
    await sim.close();
  }
}

export interface SlowReaderResult {
  received: number;
  expected: number;
  peakRssMb: number;
  seconds: number;
}

/**
 * A burst into a reader that takes at most `bytesPerSec` from the pipe: the consumer must hold its
 * memory by pushing back on the socket, and still deliver every event.
 */
export async function measureSlowReader(spec: ConsumerSpec, orders: number, bytesPerSec: number, timeoutMs: number): Promise<SlowReaderResult> {
  const sim = await createSimExchange();
  const child = spec.spawn(sim);
  const why = stderrTail(child);
  const stdout = child.stdout as Readable;
  stdout.pause();
  let lines = 0;
  const tickMs = 10;
  const bytesPerTick = Math.max(1, Math.floor((bytesPerSec * tickMs) / 1000));
  const reader = setInterval(() => {
    let budget = bytesPerTick;
    while (budget > 0) {
      const chunk = stdout.read(Math.min(budget, stdout.readableLength)) as Buffer | null;
      if (chunk === null || chunk.length === 0) break;
      lines += countLines(chunk);
      budget -= chunk.length;
    }
  }, tickMs);
  try {
    await connected(sim, 1);
    const pid = child.pid as number;
    const frames = benchFrames(orders);
    const eventTimeMs = Date.now();
    const startMs = performance.now();
    const sending = sim.burst('usdm', frames.total, (index) => frames.text(index, eventTimeMs));
    const deadline = Date.now() + timeoutMs;
    let peakRssMb = 0;
    while (lines < orders && Date.now() < deadline && child.exitCode === null) {
      peakRssMb = Math.max(peakRssMb, peakRssMbOf(pid));
      await sleep(50);
    }
    peakRssMb = Math.max(peakRssMb, child.exitCode === null ? peakRssMbOf(pid) : 0);
    await Promise.race([sending, sleep(1_000)]);
    if (lines < orders) process.stderr.write(`slow reader: ${spec.name} delivered ${lines} of ${orders}\n${why()}\n`);
    return { received: lines, expected: orders, peakRssMb, seconds: (performance.now() - startMs) / 1000 };
  } finally {
    clearInterval(reader);
    stdout.resume();
    await stop(child);
    await sim.close();
  }
}
