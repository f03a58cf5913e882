import { createHash } from 'node:crypto';
import type { SinkItem } from './item.js';

/** The subject template's placeholders. */
const PLACEHOLDERS = ['account', 'market', 'event', 'symbol'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export const DEFAULT_SUBJECT_TEMPLATE = 'binance.orders.{account}.{market}.{event}';

/** A subject template checked once: its tokens, and the stream subject that captures every subject it makes. */
export interface SubjectTemplate {
  readonly text: string;
  /** e.g. `binance.orders.>` for the default template. */
  readonly streamSubject: string;
}

/** Checks a --nats-subject template; returns a message for the user when it cannot work. */
export function parseSubjectTemplate(text: string): SubjectTemplate | string {
  const tokens = text.split('.');
  if (tokens.some((token) => token === '')) return `"${text}" has an empty token; NATS subjects are dot-separated words`;
  if (/[\s*>]/.test(text)) return `"${text}" contains a space, * or >; a published subject cannot`;
  for (const match of text.matchAll(/\{([^}]*)\}/g)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(match[1] ?? '')) {
      return `"${text}" has an unknown placeholder {${match[1]}}; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`;
    }
  }
  const fixed = [];
  for (const token of tokens) {
    if (token.includes('{')) break;
    fixed.push(token);
  }
  if (fixed.length === tokens.length) return { text, streamSubject: text };
  return { text, streamSubject: [...fixed, '>'].join('.') };
}

/** A value made safe as one subject token: dots, spaces and wildcards become `_`. */
const token = (value: string) => (value === '' ? '_' : value.replace(/[.\s*>]/g, '_'));

/** The subject of one event. */
export function subjectOf(template: SubjectTemplate, { event, account }: SinkItem): string {
  const values: Record<Placeholder, string> = {
    account,
    market: event.market,
    event: event.event,
    symbol: 'symbol' in event && typeof event.symbol === 'string' ? event.symbol : '_',
  };
  return template.text.replace(/\{(account|market|event|symbol)\}/g, (_all, name: Placeholder) => token(values[name]));
}

/**
 * `Nats-Msg-Id`: the same for one update whichever process saw it, so two tailers of one account
 * publishing into one stream leave one message (JetStream drops the repeat within its duplicate
 * window). An order update is named by what changed: execution type, status, trade, cumulative
 * fill and transaction time. The `source` is left out, so a REST-recovered state matching the
 * live one is the same message too. Any other kind is named by a hash of its JSON line without the
 * source: both tailers receive the same frame, so they print the same line.
 */
export function messageIdOf({ event, line, account }: SinkItem): string {
  const prefix = `${account}:${event.market}:${event.event}`;
  switch (event.event) {
    case 'order':
      return `${prefix}:${event.symbol}:${event.orderId}:${event.execType}:${event.status}:${event.tradeId}:${event.filledQty}:${event.transactionTime}`;
    case 'trade-lite':
      return `${prefix}:${event.symbol}:${event.orderId}:${event.tradeId}`;
    default: {
      const withoutSource = line.replace(/,"source":"[a-z]+"\}$/, '}');
      return `${prefix}:${createHash('sha256').update(withoutSource).digest('base64url').slice(0, 32)}`;
    }
  }
}
