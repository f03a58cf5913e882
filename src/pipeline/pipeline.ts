import type { ChalkInstance } from 'chalk';
import { parseFrame } from '../events/parse.js';
import { matches, type EventFilter } from '../events/filter.js';
import type { Market } from '../exchange/endpoints.js';
import type { StreamEvent } from '../events/types.js';
import { formatJson, formatWireJson } from '../output/json.js';
import { formatPretty } from '../output/pretty.js';
import { formatRaw } from '../output/raw.js';
import { redactKey } from '../log/redact.js';
import { DedupeWindow, eventKey } from './dedupe.js';
import { OrderWindow } from './order-window.js';

const MARKET_TAG_WIDTH = 5;

/** How events are printed on stdout. */
export type OutputMode = 'pretty' | 'json' | 'raw';

export interface PipelineOptions {
  market: Market;
  filter: EventFilter;
  output: OutputMode;
  /** Colours for pretty output; the other outputs need none (see loadChalk). */
  chalk: ChalkInstance | undefined;
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
  /** The account this stream belongs to: set on every event and written first on pretty lines, padded to `width`. */
  account?: AccountTag | undefined;
  /** How many recent updates are remembered to drop repeats: order updates, and the other kinds, each this many. @default 4096 */
  dedupeWindow?: number;
}

/** An account's name and the width pretty lines pad it to, so that the columns after it line up. */
export interface AccountTag {
  name: string;
  width: number;
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
  const { market, filter, output, chalk, write, onBadFrame, onPrinted, admit, account } = options;
  const accountTag = account && chalk ? `${chalk.bold(account.name.padEnd(account.width))} ` : '';
  const tag = `${accountTag}${options.tagMarket && chalk ? `${chalk.dim(market.padEnd(MARKET_TAG_WIDTH))} ` : ''}`;
  // An account is added to events that normalize built without one, so its key order comes from formatJson.
  const print = printerFor(output, chalk, tag, account !== undefined);
  const accountName = account?.name;
  const seen = new DedupeWindow(options.dedupeWindow ?? 4096);
  const seenOrders = new OrderWindow(options.dedupeWindow ?? 4096);

  /** `text` is the frame `e` was parsed from; undefined for an event built elsewhere, in any key order. */
  function emit(e: StreamEvent, text: string | undefined) {
    if (!matches(filter, e)) return;
    if (e.event === 'order' ? seenOrders.check(e) : seen.check(eventKey(e, text?.length ?? 0))) return;
    if (accountName !== undefined) e.account = accountName;
    write(print(e, text));
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

/** The line for an event and the frame it came from (undefined when built elsewhere), chosen once. */
function printerFor(
  output: OutputMode,
  chalk: ChalkInstance | undefined,
  marketTag: string,
  tagged: boolean,
): (e: StreamEvent, text: string | undefined) => string {
  switch (output) {
    case 'json':
      return (e, text) => (text === undefined || tagged ? formatJson(e) : formatWireJson(e));
    case 'pretty':
      if (chalk === undefined) throw new Error('pretty output needs a chalk instance');
      return marketTag === '' ? (e) => formatPretty(e, chalk) : (e) => `${marketTag}${formatPretty(e, chalk)}`;
    case 'raw':
      return (e, text) => formatRaw(text ?? formatJson(e), e, redactKey);
  }
}
