import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from '../errors/errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadEnvOptions {
  cwd: string;
  /** An explicit --env-file; unlike ./.env it must exist. */
  envFile?: string | undefined;
  env: Env;
}

/**
 * Returns the process environment laid over ./.env (or --env-file). The real environment wins, as with
 * dotenv. Nothing is written to process.env.
 */
export async function loadEnv({ cwd, envFile, env }: LoadEnvOptions): Promise<Env> {
  const path = resolve(cwd, envFile ?? '.env');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (envFile === undefined && code === 'ENOENT') return env;
    throw new ConfigError(`cannot read env file ${envFile ?? path}: ${code ?? String(err)}`);
  }
  // Windows editors start a UTF-8 file with a byte-order mark; left in, it hides the first variable's name.
  const fromFile = parseEnv(text.replace(/^\uFEFF/, '')) as Record<string, string>;
  return { ...fromFile, ...definedOnly(env) };
}

function definedOnly(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
