import type { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Chalk } from 'chalk';
import type { Market } from '../exchange/endpoints.js';
import { ConfigError, UsageError } from '../errors/errors.js';
import type { EventFilter } from '../events/filter.js';
import { rateLimitedWarn, type Logger } from '../log/log.js';
import type { PrettyOptions } from '../output/pretty.js';
import { createSink } from '../output/sink.js';
import { createPrinter, type OutputMode } from '../output/printer.js';
import { createPipeline, type Pipeline } from '../pipeline/pipeline.js';
import { FrameLine } from '../record/frame-line.js';
import { describeNonRecording } from '../record/not-a-recording.js';

/** What `replay` needs, already validated. */
export interface ReplayConfig {
  /** What `tail --record` wrote, read once from front to back (a file, a pipe, stdin). */
  input: Readable;
  /** The input's name in messages: its path, or stdin. */
  name: string;
  filter: EventFilter;
  output: OutputMode;
  colorLevel: 0 | 1 | 2 | 3;
  /** Terminal width and time zone of pretty lines. */
  pretty?: PrettyOptions;
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
 * tail tags pretty lines with the market when it follows several; a recording of such a run holds
 * several. Replay reads its input once, so it decides from the frames at the front, held in memory.
 */
const LOOKAHEAD_FRAMES = 1_000;

/**
 * Runs recorded frames through the same pipeline as tail (one per market, as tail has), so the lines
 * printed are the lines the recorded run printed with the same filter and output. Input with no
 * recorded frame at all is a UsageError that says what the input looks like instead.
 */
export async function runReplay(config: ReplayConfig, io: ReplayIo): Promise<{ frames: number }> {
  const { log, now, signal } = io;
  let stopped = signal.aborted;
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
  const pipelines = new Map<Market, Pipeline>();
  let tagMarket = false;
  const pipelineOf = (market: Market): Pipeline => {
    let pipeline = pipelines.get(market);
    if (pipeline === undefined) {
      const chalk = new Chalk({ level: config.colorLevel });
      const print = createPrinter({ output: config.output, market, tagMarket, chalk, pretty: config.pretty });
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

  let frames = 0;
  let first: { recordedMs: number; playedMs: number } | undefined;
  async function play(record: FrameLine): Promise<void> {
    first ??= { recordedMs: record.t, playedMs: now() };
    const dueMs = first.playedMs + (record.t - first.recordedMs) / config.speed;
    if (Number.isFinite(dueMs) && dueMs > now()) await sleep(dueMs - now(), undefined, { signal }).catch(() => {});
    while (outputFull && !stopped) await new Promise<void>((resolve) => (resumeOutput = resolve));
    if (stopped) return;
    frames++;
    pipelineOf(record.market).handleFrame(record.frame, IGNORE_CONNECTION_NOTICES);
  }

  signal.addEventListener('abort', stop, { once: true });
  const lines = createInterface({ input: config.input, crlfDelay: Infinity });
  let lineNo = 0;
  let recorded = 0;
  /** Lines before the first recorded frame: reported once a frame shows the input is a recording. */
  const skippedBefore: number[] = [];
  let firstOther: string | undefined;
  const ahead: FrameLine[] = [];
  const markets = new Set<Market>();
  const flushAhead = async () => {
    tagMarket = markets.size > 1;
    for (const record of ahead.splice(0)) if (!stopped) await play(record);
  };
  try {
    for await (const text of lines) {
      if (stopped) break;
      lineNo++;
      if (text.trim() === '') continue;
      const record = parseLine(text);
      if (record === undefined) {
        if (recorded === 0) {
          firstOther ??= text;
          skippedBefore.push(lineNo);
        } else {
          warn(`replay: line ${lineNo} of ${config.name} is not a recorded frame; skipped`);
        }
        continue;
      }
      if (recorded++ === 0 && skippedBefore.length > 0) {
        warn(`replay: ${linesText(skippedBefore)} of ${config.name} ${skippedBefore.length === 1 ? 'is' : 'are'} not a recorded frame; skipped`);
      }
      if (recorded <= LOOKAHEAD_FRAMES) {
        markets.add(record.market);
        ahead.push(record);
        if (recorded === LOOKAHEAD_FRAMES) await flushAhead();
        continue;
      }
      await play(record);
    }
    if (!stopped) await flushAhead();
  } catch (err) {
    // A read error of the input (EIO, a FIFO's writer gone wrong) is the user's to fix; anything else is ours.
    const code = (err as NodeJS.ErrnoException | null)?.code;
    if (typeof code === 'string') throw new ConfigError(`cannot read recording ${config.name}: ${code}`, { cause: err });
    throw err;
  } finally {
    signal.removeEventListener('abort', stop);
    lines.close();
    config.input.destroy();
    await sink.flush();
  }
  if (recorded === 0 && !stopped) throw new UsageError(`${config.name} ${describeNonRecording(firstOther)}`);
  return { frames };
}

/** "line 3" or "lines 1-4" (with gaps left out of the wording: it only says where to look). */
function linesText(numbers: readonly number[]): string {
  return numbers.length === 1 ? `line ${numbers[0]}` : `lines ${numbers[0]}-${numbers.at(-1)}`;
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
