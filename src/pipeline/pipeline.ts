import { parseFrame } from '../events/parse.js';
import { matches, type EventFilter } from '../events/filter.js';
import type { Market } from '../exchange/endpoints.js';
import type { StreamEvent } from '../events/types.js';
import { DedupeWindow, eventKey } from './dedupe.js';
import { OrderWindow } from './order-window.js';

export interface PipelineOptions {
  market: Market;
  filter: EventFilter;
  /**
   * Receives each event that passed dedupe and filter, with the frame text it was parsed from
   * (undefined for an event built elsewhere, in any key order).
   */
  deliver: (e: StreamEvent, text: string | undefined) => void;
  /** A frame that is not a usable event: already described for a warning. */
  onBadFrame: (message: string) => void;
  /** Sees every parsed stream event before filter and dedupe; false drops it (reconciliation already printed that state). */
  admit?: (e: StreamEvent) => boolean;
  /** The account this stream belongs to (--accounts): set on every event delivered. */
  account?: string | undefined;
  /** How many recent updates are remembered to drop repeats: order updates, and the other kinds, each this many. @default 4096 */
  dedupeWindow?: number;
}

/** Callbacks a frame can trigger on the connection it came from. */
export interface FrameContext {
  /** listenKeyExpired arrived on this connection, naming `listenKey` (PM's notice names none). */
  onKeyExpired(listenKey: string | undefined): void;
  /** The server announced it is going away (serverShutdown): replace the connection. */
  onServerShutdown(): void;
}

/** Frame text in, events out: parse once, drop repeats, filter. */
export interface Pipeline {
  /** The hot path: one frame from a connection. */
  handleFrame(text: string, context: FrameContext): void;
  /** An event built elsewhere (reconciliation), delivered through the same dedupe and filter. */
  handleEvent(e: StreamEvent): void;
}

/** Builds the pipeline of one market. */
export function createPipeline(options: PipelineOptions): Pipeline {
  const { market, filter, deliver, onBadFrame, admit, account } = options;
  const seen = new DedupeWindow(options.dedupeWindow ?? 4096);
  const seenOrders = new OrderWindow(options.dedupeWindow ?? 4096);

  function emit(e: StreamEvent, text: string | undefined) {
    if (!matches(filter, e)) return;
    if (e.event === 'order' ? seenOrders.check(e) : seen.check(eventKey(e, text?.length ?? 0))) return;
    if (account !== undefined) e.account = account;
    deliver(e, text);
  }

  return {
    handleFrame(text, context) {
      const parsed = parseFrame(text, market);
      if (!parsed.ok) {
        if (parsed.reason === 'server-shutdown') context.onServerShutdown();
        else onBadFrame(`ignored a frame (${parsed.reason}): ${parsed.detail}`);
        return;
      }
      if (parsed.event.event === 'key-expired') context.onKeyExpired(parsed.event.listenKey);
      if (admit && !admit(parsed.event)) return;
      emit(parsed.event, text);
    },
    handleEvent(e) {
      emit(e, undefined);
    },
  };
}
