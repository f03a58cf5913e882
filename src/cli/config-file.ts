/**
 * The config file: defaults for flags such as market, output and filters, validated with the same
 * zod schemas as the flags. Flags given on the command line win; credentials and endpoint overrides
 * are not accepted there (they belong to the environment or the env file).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Env } from '../config/env.js';
import { MarketsOption, StreamOptions } from '../config/schema.js';
import { ConfigError } from '../errors/errors.js';

/** The keys a config file may set, checked by the flags' own schemas. */
export const ConfigFile = StreamOptions.pick({
  market: true,
  testnet: true,
  demoTrading: true,
  keepalive: true,
  heartbeat: true,
  maxConnectionAge: true,
  reconnectMin: true,
  reconnectMax: true,
  events: true,
  symbol: true,
  side: true,
  status: true,
  output: true,
  color: true,
  quiet: true,
  verbose: true,
})
  .extend({ market: MarketsOption }) // tail and orders take several; the other commands check for one themselves
  .partial()
  .strict();

/** Flags that exclude each other: one given on the command line silences the others' config values. */
const EXCLUSIVE: readonly (readonly string[])[] = [
  ['output', 'json'],
  ['quiet', 'verbose'],
  ['testnet', 'demoTrading'],
];

/** $XDG_CONFIG_HOME/binance-orders/config.json, else ~/.config/binance-orders/config.json. */
export function defaultConfigPath(env: Env): string | undefined {
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'binance-orders', 'config.json');
  if (env.HOME) return join(env.HOME, '.config', 'binance-orders', 'config.json');
  return undefined;
}

const camel = (key: string) => key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * Reads and validates a config file; returns its values as written (the flags' schemas transform
 * them later, as they do flag text). A missing default file is no config; a missing --config is an error.
 */
export async function loadConfigFile(path: string, explicit: boolean): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') return {};
    throw new ConfigError(`cannot read config file ${path}: ${code ?? String(err)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${path} is not JSON: ${(err as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`config file ${path} must hold one JSON object`);
  const values = Object.fromEntries(Object.entries(raw).map(([key, value]) => [camel(key), value]));
  const parsed = ConfigFile.safeParse(values);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
    throw new ConfigError(`config file ${path}: ${issues.join('; ')}`);
  }
  return values;
}

/** Sets each config value the command has a flag for, unless that flag (or one it excludes) was given. */
export function applyConfig(cmd: Command, values: Record<string, unknown>): void {
  const given = (key: string) => cmd.getOptionValueSource(key) === 'cli';
  for (const [key, value] of Object.entries(values)) {
    if (!cmd.options.some((option) => option.attributeName() === key)) continue;
    const group = EXCLUSIVE.find((keys) => keys.includes(key)) ?? [key];
    if (group.some(given)) continue;
    cmd.setOptionValueWithSource(key, value, 'config');
  }
}

/** The config path the program uses: --config (relative to cwd) or the default one. */
export function configPathOf(flag: unknown, env: Env, cwd: string): { path: string | undefined; explicit: boolean } {
  const path = z.string().min(1).optional().parse(flag);
  if (path === undefined) return { path: defaultConfigPath(env), explicit: false };
  return { path: isAbsolute(path) ? path : join(cwd, path), explicit: true };
}
