import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Chalk } from 'chalk';
import type { Market } from '../exchange/endpoints.js';
import { ConfigError } from '../errors/errors.js';
import type { EventFilter } from '../events/filter.js';
import { rateLimitedWarn, type Logger } from '../log/log.js';
import { createSink } from '../output/sink.js';
import { createPrinter, type OutputMode } from '../output/printer.js';
import { createPipeline, type Pipeline } from '../pipeline/pipeline.js';
import { FrameLine } from '../record/frame-line.js';

/** What `replay` needs, already validated. */
export interface ReplayConfig {
  /** A file written by `tail --record`. */
  path: string;
  filter: EventFilter;
  output: OutputMode;
  colorLevel: 0 | 1 | 2 | 3;
  /** Playback speed: 1 is the pace of the recording, 10 ten times faster; Infinity does not wait. */
  speed: number;
}

export interface ReplayIo {
  stdout: Writable;
  log: Logger;
  /** Aborted on SIGINT/SIGTERM: stop, flush, resolve. */
  signal: AbortSignal;
  now: () => number;
}

const WARNINGS_PER_MINUTE = 10;

/**
 * Runs recorded frames through the same pipeline as tail (one per market, as tail has), so the lines
 * printed are the lines the recorded run printed with the same filter and output.
 */
export async function runReplay(config: ReplayConfig, io: ReplayIo): Promise<{ frames: number }> {
  const { log, now } = io;
  const input = createReadStream(config.path, { encoding: 'utf8' });
  try {
    await once(input, 'open');
  } catch (err) {
    throw new ConfigError(`cannot read recording ${config.path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let stopped = io.signal.aborted;
  let resumeOutput: (() => void) | undefined;
  let outputFull = false;
  const stop = () => {
    stopped = true;
    resumeOutput?.();
  };
  const sink = createSink(io.stdout, {
    onBrokenPipe: stop,
    onError: (err) => {
      log.error(`cannot write to stdout: ${err.message}`);
      stop();
    },
    onPressure: (full) => {
      outputFull = full;
      if (!full) resumeOutput?.();
    },
  });
  const warn = rateLimitedWarn(log, WARNINGS_PER_MINUTE, 60_000, now);
  // tail tags pretty lines when it follows several markets; a recording of such a run holds several.
  const tagMarket = (await marketsIn(config.path)).size > 1;
  const pipelines = new Map<Market, Pipeline>();
  const pipelineOf = (market: Market): Pipeline => {
    let pipeline = pipelines.get(market);
    if (pipeline === undefined) {
      const print = createPrinter({ output: config.output, market, tagMarket, chalk: new Chalk({ level: config.colorLevel }) });
      pipeline = createPipeline({
        market,
        filter: config.filter,
        deliver: (e, text) => sink.write(print(e, text)),
        onBadFrame: warn,
      });
      pipelines.set(market, pipeline);
    }
    return pipeline;
  };

  io.signal.addEventListener('abort', stop, { once: true });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let frames = 0;
  let first: { recordedMs: number; playedMs: number } | undefined;
  try {
    for await (const text of lines) {
      if (stopped) break;
      lineNo++;
      if (text.trim() === '') continue;
      const record = parseLine(text);
      if (record === undefined) {
        warn(`replay: line ${lineNo} of ${config.path} is not a recorded frame; skipped`);
        continue;
      }
      first ??= { recordedMs: record.t, playedMs: now() };
      const dueMs = first.playedMs + (record.t - first.recordedMs) / config.speed;
      if (Number.isFinite(dueMs) && dueMs > now()) await sleep(dueMs - now(), undefined, { signal: io.signal }).catch(() => {});
      while (outputFull && !stopped) await new Promise<void>((resolve) => (resumeOutput = resolve));
      if (stopped) break;
      frames++;
      pipelineOf(record.market).handleFrame(record.frame, IGNORE_CONNECTION_NOTICES);
    }
  } finally {
    io.signal.removeEventListener('abort', stop);
    lines.close();
    input.destroy();
    await sink.flush();
  }
  return { frames };
}

/** A recording has no live connection to renew or replace. */
const IGNORE_CONNECTION_NOTICES = { onKeyExpired: () => {}, onServerShutdown: () => {} };

function parseLine(text: string): FrameLine | undefined {
  try {
    const parsed = FrameLine.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The markets a recording holds frames of. */
async function marketsIn(path: string): Promise<Set<Market>> {
  const markets = new Set<Market>();
  for await (const text of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    const record = parseLine(text);
    if (record) markets.add(record.market);
  }
  return markets;
}
