/**
 * A fast path for zod. safeParse costs more than JSON.parse itself on a frame (it copies every
 * object it validates), so each wire schema is also compiled once into a plain predicate that
 * answers "zod would accept this value and return it unchanged". When the predicate says yes the
 * value is used as it is; when it says no, or the schema holds something it cannot judge, zod
 * decides, so errors and every edge case stay zod's. The frame schemas in kinds/ stay the one definition.
 */
import type { z } from 'zod';

/** True only when the schema's safeParse would succeed with output deep-equal to the value. */
export type FastCheck = (value: unknown) => boolean;

/** What the compiler cannot see through: a transform, a refinement, a default. */
const UNSUPPORTED: FastCheck = () => false;

/**
 * Compiles the schema into a predicate. `known` gives predicates for schemas the compiler cannot
 * read (transforms); each must accept only values the schema returns unchanged. Objects become
 * generated functions (as zod's own fast path does): a closure per field costs several times more.
 */
export function compileFastCheck(schema: z.ZodType, known: ReadonlyMap<z.ZodType, FastCheck> = new Map()): FastCheck {
  const given = known.get(schema);
  if (given !== undefined) return given;
  const def = defOf(schema);
  if (def.type === 'array') {
    const element = compileFastCheck(def.element as z.ZodType, known);
    return (value) => Array.isArray(value) && value.every(element);
  }
  if (def.type === 'object') return compileObject(def, known);
  const constants: unknown[] = [];
  const test = expression(schema, 'v', constants, known);
  if (test === undefined) return UNSUPPORTED;
  return new Function('k', `return function fastCheck(v) { return ${test}; };`)(constants) as FastCheck;
}

/** A JS boolean expression testing `v` against the schema, or undefined when none can be written. */
function expression(schema: z.ZodType, v: string, constants: unknown[], known: ReadonlyMap<z.ZodType, FastCheck>): string | undefined {
  const constant = (value: unknown) => `k[${constants.push(value) - 1}]`;
  const def = defOf(schema);
  if (known.has(schema) || def.type === 'object' || def.type === 'array') {
    const check = compileFastCheck(schema, known);
    return check === UNSUPPORTED ? undefined : `${constant(check)}(${v})`;
  }
  if (def.checks !== undefined && def.checks.length > 0) return undefined;
  switch (def.type) {
    case 'string':
      return `typeof ${v} === 'string'`;
    case 'number':
      return `(typeof ${v} === 'number' && Number.isFinite(${v}))`;
    case 'boolean':
      return `typeof ${v} === 'boolean'`;
    case 'unknown':
      return 'true';
    case 'literal':
      return `${constant(new Set(def.values ?? []))}.has(${v})`;
    case 'enum':
      return `${constant(new Set(Object.values(def.entries ?? {})))}.has(${v})`;
    case 'optional': {
      const inner = expression(def.innerType as z.ZodType, v, constants, known);
      return inner === undefined ? undefined : `(${v} === undefined || ${inner})`;
    }
    case 'union': {
      const options = (def.options ?? []).map((option) => expression(option, v, constants, known));
      return options.includes(undefined) ? undefined : `(${options.join(' || ')})`;
    }
    default:
      return undefined;
  }
}

function compileObject(def: Def, known: ReadonlyMap<z.ZodType, FastCheck>): FastCheck {
  // Without a catchall zod strips unknown keys, which a value used as it is keeps: harmless to
  // readers that name their fields, but not "unchanged". Only loose objects are compiled.
  if (def.catchall === undefined || defOf(def.catchall).type !== 'unknown') return UNSUPPORTED;
  if (def.checks !== undefined && def.checks.length > 0) return UNSUPPORTED;
  const constants: unknown[] = [];
  const lines: string[] = [];
  for (const [key, field] of Object.entries(def.shape ?? {})) {
    const test = expression(field, 'x', constants, known);
    if (test === undefined) return UNSUPPORTED;
    lines.push(`x = v[${JSON.stringify(key)}]; if (!(${test})) return false;`);
  }
  const body = `if (typeof v !== 'object' || v === null || Array.isArray(v)) return false; let x; ${lines.join(' ')} return true;`;
  return new Function('k', `return function fastCheck(v) { ${body} };`)(constants) as FastCheck;
}

function defOf(schema: z.ZodType): Def {
  return schema._zod.def as unknown as Def;
}

/** The parts of a zod 4 definition the compiler reads. */
interface Def {
  type: string;
  checks?: unknown[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  innerType?: unknown;
  options?: z.ZodType[];
  element?: unknown;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
}
