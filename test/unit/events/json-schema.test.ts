import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publishedSchemas } from '../../../src/events/json-schema.js';
import { formatJson } from '../../../src/output/json.js';
import { schemaErrors } from '../../helpers/schemas.js';
import { allSampleEvents } from '../output/sample-events.js';

const DIR = new URL('../../../docs/schema/', import.meta.url);

describe('the published JSON Schemas', () => {
  it('are what the event definitions generate (run `npm run schema` after changing an event)', () => {
    const generated = publishedSchemas();
    expect(readdirSync(DIR).sort()).toEqual(generated.map(({ kind }) => `${kind}.schema.json`).sort());
    for (const { kind, text } of generated) expect(readFileSync(new URL(`${kind}.schema.json`, DIR), 'utf8'), kind).toBe(text);
  });

  it('accept the line of every sample event of every kind', () => {
    for (const e of allSampleEvents()) {
      if (e.event === 'key-expired') continue;
      expect(schemaErrors(JSON.parse(formatJson(e)) as Record<string, unknown>), e.event).toEqual([]);
    }
  });

  it('reject a line that lacks a key or carries an unknown one', () => {
    const line = JSON.parse(formatJson(allSampleEvents().find((e) => e.event === 'order')!)) as Record<string, unknown>;
    const { commission: _commission, ...without } = line;
    expect(schemaErrors(without)).not.toEqual([]);
    expect(schemaErrors({ ...line, extra: 1 })).not.toEqual([]);
  });
});
