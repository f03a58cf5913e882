import { z } from 'zod';
import { EVENT_SCHEMAS, PUBLISHED_KINDS, WRITTEN_WHEN_SET, type EventKind } from './types.js';

/**
 * A kind's JSON line as a zod schema: the kind's keys, all of them required, an optional value
 * written as null. Derived from the one definition in types.ts.
 */
function lineSchema(kind: EventKind): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(EVENT_SCHEMAS[kind].shape as Record<string, z.ZodType>)) {
    if (key === 'listenKey') continue;
    const meta = z.globalRegistry.get(field);
    const written = field instanceof z.ZodOptional && !WRITTEN_WHEN_SET.has(key) ? (field.unwrap() as z.ZodType).nullable() : field;
    shape[key] = meta ? written.meta(meta) : written;
  }
  return z.object(shape);
}

/** The JSON Schema (draft 2020-12) of one kind's line, as committed in docs/schema/<kind>.schema.json. */
export function jsonSchemaOf(kind: Exclude<EventKind, 'key-expired'>): Record<string, unknown> {
  const schema = z.toJSONSchema(lineSchema(kind), { target: 'draft-2020-12' });
  const description = z.globalRegistry.get(EVENT_SCHEMAS[kind])?.description;
  return {
    $schema: schema.$schema,
    title: `binance-orders ${kind} event`,
    ...(description ? { description } : {}),
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}

/** Every published kind with its JSON Schema text, as written to disk (two-space indent, final newline). */
export function publishedSchemas(): { kind: Exclude<EventKind, 'key-expired'>; text: string }[] {
  return PUBLISHED_KINDS.map((kind) => ({ kind, text: `${JSON.stringify(jsonSchemaOf(kind), null, 2)}\n` }));
}
