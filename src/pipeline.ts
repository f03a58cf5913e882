import type { ChalkInstance } from 'chalk';
import { parseFrame } from './events/parse.js';
import { matches, type EventFilter } from './events/filter.js';
import type { Market, StreamEvent } from './events/types.js';
import { formatJson } from './output/json.js';
import { formatPretty } from './output/pretty.js';
import { formatRaw } from './output/raw.js';
import { redactKey } from './redact.js';
import { DedupeWindow, eventKey } from './stream/dedupe.js';

const MARKET_TAG_WIDTH = 5;

/** How events are printed on stdout. */
export type OutputMode = 'pretty' | 'json' | 'raw';

export interface PipelineOptions {
  market: Market;
  filter: EventFilter;
  output: OutputMode;
  chalk: ChalkInstance;
  /** Receives each printed line (without newline). */
  write: (line: string) => void;
  /** A frame that is not a usable event: already described for a warning. */
  onBadFrame: (message: string) => void;
  /** After an event was printed. */
  onPrinted?: (e: StreamEvent) => void;
  /** Sees every parsed stream event before filter and dedupe; false drops it (reconciliation already printed that state). */
  admit?: (e: StreamEvent) => boolean;
  /** Start each pretty line with the market, for output that merges several markets. @default false */
  tagMarket?: boolean;
  /** How many recent updates are remembered to drop repeats. @default 4096 */
  dedupeWindow?: number;
}

/** Frame text in, lines out: parse once, drop repeats, filter, format. */
export interface Pipeline {
  /** The hot path: one frame from a connection. `onKeyExpired` is called with that connection's context. */
  handleFrame(text: string, onKeyExpired: () => void): void;
  /** An event built elsewhere (reconciliation), printed through the same dedupe, filter and format. */
  handleEvent(e: StreamEvent): void;
}

/** Builds the pipeline of one market. */
export function createPipeline(options: PipelineOptions): Pipeline {
  const { market, filter, output, chalk, write, onBadFrame, onPrinted, admit } = options;
  const seen = new DedupeWindow(options.dedupeWindow ?? 4096);
  const tag = options.tagMarket ? `${chalk.dim(market.padEnd(MARKET_TAG_WIDTH))} ` : '';

  function emit(e: StreamEvent, text: string | undefined) {
    if (!matches(filter, e)) return;
    if (seen.check(eventKey(e, text?.length ?? 0))) return;
    if (output === 'json') write(formatJson(e));
    else if (output === 'pretty') write(`${tag}${formatPretty(e, chalk)}`);
    else write(formatRaw(text ?? formatJson(e), e, redactKey));
    onPrinted?.(e);
  }

  return {
    handleFrame(text, onKeyExpired) {
      const parsed = parseFrame(text, market);
      if (!parsed.ok) {
        onBadFrame(`ignored a frame (${parsed.reason}): ${parsed.detail}`);
        return;
      }
      if (parsed.event.event === 'key-expired') onKeyExpired();
      if (admit && !admit(parsed.event)) return;
      emit(parsed.event, text);
    },
    handleEvent(e) {
      emit(e, undefined);
    },
  };
}
