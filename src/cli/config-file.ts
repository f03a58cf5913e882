/**
 * The config file: defaults for flags such as market, output and filters, validated with the same
 * zod schemas as the flags. Flags given on the command line win; credentials and endpoint overrides
 * are not accepted there (they belong to the environment or the env file).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Env } from '../config/env.js';
import { ConnectionOptions, EndpointOptions, FilterOptions, MarketsOption, OutputOptions } from '../config/schema.js';
import { closest } from '../config/suggest.js';
import { ConfigError, UsageError } from '../errors/errors.js';
import { createLogger } from '../log/log.js';
import type { CliContext } from './context.js';

/** The keys a config file may set, checked by the flags' own schemas. */
export const ConfigFile = z
  .object({
    market: MarketsOption, // tail and orders take several; the other commands check for one themselves
    ...EndpointOptions.pick({ testnet: true, demoTrading: true }).shape,
    ...ConnectionOptions.omit({ closeListenKey: true }).shape,
    ...FilterOptions.shape,
    ...OutputOptions.pick({ output: true, color: true, utc: true, quiet: true, verbose: true }).shape,
  })
  .partial()
  .strict();

/** Flags that exclude each other: one given on the command line silences the others' config values. */
const EXCLUSIVE: readonly (readonly string[])[] = [
  ['output', 'json'],
  ['quiet', 'verbose'],
  ['testnet', 'demoTrading'],
];

/** $XDG_CONFIG_HOME/binance-orders/config.json, else ~/.config/binance-orders/config.json. */
function defaultConfigPath(env: Env): string | undefined {
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'binance-orders', 'config.json');
  if (env.HOME) return join(env.HOME, '.config', 'binance-orders', 'config.json');
  return undefined;
}

const camel = (key: string) => key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Keys people put in a config file that belong elsewhere, and where. */
const ELSEWHERE: Readonly<Record<string, string>> = {
  restUrl: 'endpoints come from --rest-url or BINANCE_REST_URL',
  wsUrl: 'endpoints come from --ws-url or BINANCE_WS_URL',
  envFile: 'give --env-file on the command line',
  apiKey: 'credentials belong in the environment or ./.env (BINANCE_API_KEY)',
  apiSecret: 'credentials belong in the environment or ./.env (BINANCE_API_SECRET)',
  binanceApiKey: 'credentials belong in the environment or ./.env',
  binanceApiSecret: 'credentials belong in the environment or ./.env',
};

/** A key the file may not hold, as the user spelled it, with what to do instead. */
function unknownKey(written: string): string {
  const key = camel(written);
  const where = ELSEWHERE[key];
  if (where !== undefined) return `"${written}" is not accepted here: ${where}`;
  const guess = closest(kebab(key), Object.keys(ConfigFile.shape).map(kebab));
  return `unknown key "${written}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`;
}

/** JSON.parse's complaint as "line L, column C" (its messages differ between Node versions and may quote the text). */
function whereJsonFails(text: string, err: Error): string {
  const position = /at position (\d+)/.exec(err.message);
  const index = position ? Number(position[1]) : text.search(/\S/);
  const before = text.slice(0, Math.max(0, index));
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * Reads and validates a config file; returns its values as written (the flags' schemas transform
 * them later, as they do flag text). A missing default file is no config (undefined); a missing --config is an error.
 */
async function loadConfigFile(path: string, explicit: boolean): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new ConfigError(`cannot read config file ${path}: it is a directory`);
    throw new ConfigError(`cannot read config file ${path}: ${code ?? String(err)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${path} is not JSON (${whereJsonFails(text, err as Error)}); it holds one object such as {"market": "coinm", "output": "json"}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`config file ${path} must hold one JSON object`);
  const written = new Map(Object.keys(raw).map((key) => [camel(key), key]));
  const values = Object.fromEntries(Object.entries(raw).map(([key, value]) => [camel(key), value]));
  const parsed = ConfigFile.safeParse(values);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => unknownKey(written.get(key) ?? key));
      const key = issue.path[0];
      const name = key === undefined ? undefined : (written.get(String(key)) ?? String(key));
      return [`${name === undefined ? '' : `${name}: `}${issue.message}`];
    });
    throw new ConfigError(`config file ${path}: ${issues.join('; ')}`);
  }
  return values;
}

/** Sets each config value the command has a flag for, unless that flag (or one it excludes) was given. */
function applyConfig(cmd: Command, values: Record<string, unknown>): void {
  const given = (key: string) => cmd.getOptionValueSource(key) === 'cli';
  for (const [key, value] of Object.entries(values)) {
    if (!cmd.options.some((option) => option.attributeName() === key)) continue;
    const group = EXCLUSIVE.find((keys) => keys.includes(key)) ?? [key];
    if (group.some(given)) continue;
    cmd.setOptionValueWithSource(key, value, 'config');
  }
}

/** The config path the program uses: --config (relative to cwd) or the default one. */
function configPathOf(flag: string | undefined, env: Env, cwd: string): { path: string | undefined; explicit: boolean } {
  if (flag === undefined) return { path: defaultConfigPath(env), explicit: false };
  if (flag.trim() === '') throw new UsageError('--config: the path is empty; give a JSON file, or leave the flag out');
  return { path: resolve(cwd, flag), explicit: true };
}

/** Applies the config file (--config, else the default one, if any) to the command about to run. */
export async function applyConfigFile(configFlag: string | undefined, cmd: Command, ctx: CliContext): Promise<void> {
  const { path, explicit } = configPathOf(configFlag, ctx.env, ctx.cwd);
  const values = path === undefined ? undefined : await loadConfigFile(path, explicit);
  if (path === undefined || values === undefined) return;
  applyConfig(cmd, values);
  // Defaults that change the output (JSON on a terminal, say) need a visible cause.
  if (cmd.getOptionValue('verbose') === true) {
    createLogger({ write: (text) => ctx.stderr.write(text), verbosity: 'verbose' }).info(`config: defaults from ${path}: ${Object.keys(values).join(', ') || 'none'}`);
  }
}
