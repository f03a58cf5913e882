/**
 * --output raw: the frame text exactly as received. The one change: the listenKey inside a
 * listenKeyExpired frame is replaced by its redacted form, because the full key must never be
 * printed. A frame that did not parse is checked too, since a malformed listenKeyExpired may
 * still carry the key.
 */
import type { StreamEvent } from '../events/types.js';

/** The frame for printing, with a listenKeyExpired key redacted. */
export function formatRaw(frameText: string, e: StreamEvent | undefined, redactKey: (key: string) => string): string {
  if (e !== undefined) {
    return e.event === 'key-expired' && e.listenKey !== undefined ? redact(frameText, e.listenKey, redactKey) : frameText;
  }
  const key = listenKeyIn(frameText);
  return key === undefined ? frameText : redact(frameText, key, redactKey);
}

/**
 * Replaces the key where it appears literally. If it does not (the frame wrote it with JSON
 * escapes), the frame is re-serialized with the key replaced: changing the bytes beats leaking.
 */
function redact(frameText: string, key: string, redactKey: (key: string) => string): string {
  if (key === '') return frameText;
  if (frameText.includes(key)) return frameText.replaceAll(key, redactKey(key));
  const frame = parseObject(frameText);
  if (frame === undefined) return frameText;
  return JSON.stringify({ ...frame, listenKey: redactKey(key) });
}

/** The string `listenKey` of a frame that is a JSON object, if any; only for frames that failed to parse. */
function listenKeyIn(frameText: string): string | undefined {
  if (!frameText.includes('listenKey')) return undefined;
  const key = parseObject(frameText)?.listenKey;
  return typeof key === 'string' ? key : undefined;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
