import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_SCHEMAS, type EventKind } from '../../../src/events/types.js';
import { keysOf } from '../../../src/output/json.js';

const DOC = readFileSync(new URL('../../../docs/json-schema.md', import.meta.url), 'utf8');

/** The keys of the table under the kind's `## \`kind\`` heading, in the order written. */
function documentedKeys(kind: string): string[] | undefined {
  const section = DOC.split(/^## /m).find((text) => text.startsWith(`\`${kind}\``));
  return section === undefined ? undefined : [...section.matchAll(/^\| `(\w+)` \|/gm)].map((match) => match[1] ?? '');
}

describe('docs/json-schema.md', () => {
  it('has a table for every kind that lists its keys in the line order (account is described once, above)', () => {
    for (const kind of Object.keys(EVENT_SCHEMAS) as EventKind[]) {
      expect(documentedKeys(kind), kind).toEqual(keysOf(kind).filter((key) => key !== 'account'));
    }
  });
});
