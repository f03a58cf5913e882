/**
 * One line of a `tail --record` file: `{"t":<receive time, epoch ms>,"market":"usdm","frame":"<text>"}`.
 * The frame is the text exactly as received, except that a listenKey inside it is redacted: a
 * recording is meant to be shared, and the key grants read access to the account's stream.
 */
import { z } from 'zod';
import type { Market } from '../exchange/endpoints.js';
import { formatRaw } from '../output/raw.js';
import { redactKey } from '../log/redact.js';

/** A recorded frame, as read back by `replay`. */
export const FrameLine = z.strictObject({
  t: z.number().int().nonnegative(),
  market: z.enum(['usdm', 'coinm', 'pm']),
  frame: z.string(),
});
export type FrameLine = z.infer<typeof FrameLine>;

// Any "listenKey":"…" pair, at any depth (a wrapped /private/stream frame nests the event in `data`).
const NESTED_KEY = /("listenKey"\s*:\s*")([^"\\]+)"/g;

/**
 * The frame with every listenKey it carries redacted; otherwise unchanged. `liveKey`, the key of the
 * connection, is redacted wherever it appears (a `streams=` route names its stream after the key).
 */
export function redactFrame(text: string, liveKey?: string): string {
  if (liveKey !== undefined && liveKey !== '' && text.includes(liveKey)) return redactFrame(text.replaceAll(liveKey, redactKey(liveKey)));
  if (!text.includes('listenKey')) return text;
  return formatRaw(text, undefined, redactKey).replace(NESTED_KEY, (_match, head: string, key: string) => `${head}${redactKey(key)}"`);
}

/** The NDJSON line for one received frame. */
export function frameLine(atMs: number, market: Market, text: string, liveKey?: string): string {
  return JSON.stringify({ t: atMs, market, frame: redactFrame(text, liveKey) } satisfies FrameLine);
}
