// Writes docs/schema/<kind>.schema.json from the event definitions (src/events/kinds/), through
// the built code: `npm run schema`. A test fails when the committed files differ from these.
import { mkdir, writeFile } from 'node:fs/promises';
import { publishedSchemas } from '../dist/events/json-schema.js';

const dir = new URL('../docs/schema/', import.meta.url);
await mkdir(dir, { recursive: true });
for (const { kind, text } of publishedSchemas()) await writeFile(new URL(`${kind}.schema.json`, dir), text);
