import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** Validates a JSON line against the committed docs/schema/<kind>.schema.json; returns the errors, or [] when it conforms. */
export function schemaErrors(line: Record<string, unknown>): string[] {
  const validate = validatorOf(String(line.event));
  if (validate(line)) return [];
  return (validate.errors ?? []).map((error) => `${String(line.event)}${error.instancePath} ${error.message ?? ''}`);
}

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

function validatorOf(kind: string) {
  let validate = validators.get(kind);
  if (validate === undefined) {
    const text = readFileSync(new URL(`../../docs/schema/${kind}.schema.json`, import.meta.url), 'utf8');
    validate = ajv.compile(JSON.parse(text) as object);
    validators.set(kind, validate);
  }
  return validate;
}
