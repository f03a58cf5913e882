/**
 * The wire side every kind shares: the field types its frame schemas are built from, and the pair
 * of a frame schema and the mapping from what it validated to an event. Frame schemas are loose:
 * unknown fields are tolerated (and ignored by the mapping), so a new Binance field never breaks
 * parsing. Only fields the event needs are required. Enum-like values (status, order type, ...)
 * are plain strings so unknown values pass through. Decimals are strings and are never converted.
 */
import { z } from 'zod';
import type { Market } from '../exchange/endpoints.js';

/**
 * `E`: a number, or a numeric string (listenKeyExpired has been seen both ways, so every event
 * accepts both). Coerced to a number without a regex: Number() and an integer check.
 */
export const RawEventTime = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : value === '' ? Number.NaN : Number(value);
  if (Number.isSafeInteger(ms) && ms >= 0) return ms;
  ctx.addIssue({ code: 'custom', message: `event time is not a non-negative integer: ${JSON.stringify(value)}` });
  return z.NEVER;
});

export const decimal = z.string();
export const id = z.number();
export const time = z.number();
export const optionalDecimal = decimal.optional();
/** Fields documented as "ignore" (`si`, `ss`): tolerated as number or string. */
export const opaque = z.union([z.number(), z.string()]).optional();

/** A frame as JSON.parse returned it, before validation. */
export type Frame = Record<string, unknown>;

/**
 * A frame schema paired with the mapping from what it validated to an event (source 'ws'). The
 * mapping also gets the frame as parsed, for kinds that carry it whole. parse.ts compiles each pair
 * once into a decoder; `toEvent` is a method so that every kind's pair fits its one table.
 */
export interface WireMapping<S extends z.ZodType, E> {
  readonly schema: S;
  toEvent(raw: z.output<S>, market: Market, frame: Frame): E;
}

/** Pairs a frame schema with its mapping, so the mapping's input is the schema's output. */
export function wireMapping<S extends z.ZodType, E>(
  schema: S,
  toEvent: (raw: z.output<S>, market: Market, frame: Frame) => E,
): WireMapping<S, E> {
  return { schema, toEvent };
}
