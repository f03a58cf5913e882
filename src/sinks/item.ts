import type { KeyExpiredEvent, StreamEvent } from '../events/types.js';

/** An event as sinks see it: the object tail prints, so never with a listenKey. */
export type SinkEvent = Exclude<StreamEvent, KeyExpiredEvent> | Omit<KeyExpiredEvent, 'listenKey'>;

/** One event on its way to a destination. */
export interface SinkItem {
  readonly event: SinkEvent;
  /** The event's JSON line, exactly as `tail --json` prints it (without newline). */
  readonly line: string;
  /** The account the event belongs to: `default` unless several accounts are followed. */
  readonly account: string;
}

/** The account name while one account is followed. */
export const DEFAULT_ACCOUNT = 'default';
