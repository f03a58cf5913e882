/**
 * NDJSON encoders, one per event kind, built once from the kind's schema in events/types.ts: the
 * schema's key order is the line's key order, whatever order the event object was built in
 * (reconciliation builds its own), and every key is written, null when the event has no value
 * for it, so a consumer can rely on the set of keys (only `account` is left out when unset).
 * Decimals stay strings.
 */
import { EVENT_SCHEMAS, WRITTEN_WHEN_SET, type EventKind, type StreamEvent } from '../events/types.js';

/** Keys a line never carries: a listenKey is a secret. */
const UNWRITTEN: ReadonlySet<string> = new Set(['listenKey']);

/** The keys of a kind's line, in order. */
export function keysOf(kind: EventKind): readonly string[] {
  return Object.keys(EVENT_SCHEMAS[kind].shape).filter((key) => !UNWRITTEN.has(key));
}

/** Same output as JSON.stringify (NaN becomes null), with a shortcut for numbers and booleans; absent is null. */
function encode(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

type Encoder = (e: StreamEvent) => string;

/**
 * The encoder of one kind as a single concatenation over its keys, compiled once: on the hot path
 * that costs about what one native JSON.stringify of the event does, with no per-key loop.
 */
function compileEncoder(kind: EventKind): Encoder {
  const parts = keysOf(kind).map((key, i) => {
    const prefix = JSON.stringify(`${i === 0 ? '{' : ','}${JSON.stringify(key)}:`);
    const value = `e[${JSON.stringify(key)}]`;
    return WRITTEN_WHEN_SET.has(key) ? `(${value} === undefined ? '' : ${prefix} + encode(${value}))` : `${prefix} + encode(${value})`;
  });
  return new Function('encode', `return (e) => ${parts.join(' + ')} + '}';`)(encode) as Encoder;
}

const ENCODERS = Object.fromEntries(Object.keys(EVENT_SCHEMAS).map((kind) => [kind, compileEncoder(kind as EventKind)])) as Readonly<
  Record<EventKind, Encoder>
>;

const KEYS = Object.fromEntries(Object.keys(EVENT_SCHEMAS).map((kind) => [kind, keysOf(kind as EventKind)])) as Readonly<
  Record<EventKind, readonly string[]>
>;

/** One JSON line for the event, without the trailing newline. */
export function formatJson(e: StreamEvent): string {
  return ENCODERS[e.event](e);
}

/**
 * The object a JSON line holds: every key of the kind in the line's order, null for an absent
 * value, so `JSON.stringify(toJsonObject(e)) === formatJson(e)`. What followOrders() yields.
 */
export function toJsonObject(e: StreamEvent): Record<string, unknown> {
  const fields = e as unknown as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const key of KEYS[e.event]) {
    const value = fields[key];
    if (value !== undefined || !WRITTEN_WHEN_SET.has(key)) out[key] = value ?? null;
  }
  return out;
}
