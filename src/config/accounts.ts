/**
 * The accounts file of `tail --accounts`: which accounts to follow, on which markets and network,
 * and the names of the environment variables that hold each one's credentials. The file never
 * holds a credential itself, so it can be shared, committed and shown on screen.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Market, Network } from '../exchange/endpoints.js';
import { UsageError } from '../errors/errors.js';
import type { Env } from './env.js';
import { MarketOption } from './schema.js';

// The name starts pretty lines and may become a NATS subject token, where '.', '*', '>' and spaces have meaning.
const AccountName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'use 1 to 64 letters, digits, "-" or "_", starting with a letter or digit');
const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'give the name of an environment variable (letters, digits, "_"), not its value');

/** Keys that would put a credential in the file: refused with a pointer to the *Env key. */
const CREDENTIAL_KEYS: Readonly<Record<string, string>> = {
  apiKey: 'apiKeyEnv',
  apiSecret: 'apiSecretEnv',
  secret: 'apiSecretEnv',
  privateKey: 'privateKeyFileEnv',
  privateKeyFile: 'privateKeyFileEnv',
};

const AccountEntry = z
  .object({
    name: AccountName,
    apiKeyEnv: EnvName,
    apiSecretEnv: EnvName.optional(),
    privateKeyFileEnv: EnvName.optional(),
    markets: z.array(MarketOption).min(1, 'name at least one market').prefault(['usdm']),
    network: z.enum(['mainnet', 'testnet', 'demo'], { message: 'use mainnet, testnet or demo' }).optional(),
    restUrl: z.string().optional(),
    wsUrl: z.string().optional(),
  })
  .strict();

const AccountsFileSchema = z
  .object({ accounts: z.array(AccountEntry).min(1, 'list at least one account') })
  .strict()
  .superRefine(({ accounts }, ctx) => {
    const seen = new Set<string>();
    accounts.forEach(({ name }, i) => {
      if (seen.has(name)) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'name'], message: `"${name}" is listed twice; names must be unique` });
      seen.add(name);
    });
  });

/** One account as the file describes it. */
export type AccountEntry = z.output<typeof AccountEntry>;

/** An account with its credentials read from the environment; everything `tail` needs to follow it. */
export interface ResolvedAccount {
  name: string;
  apiKey: string;
  /** The variable the key came from (apiKeyEnv). */
  apiKeyName: string;
  /** Where the account's signer is read from: BINANCE_API_SECRET and BINANCE_PRIVATE_KEY_FILE as this account names them. */
  signingEnv: Env;
  /** Each market once, in the file's order. */
  markets: Market[];
  network: Network | undefined;
  restUrl: string | undefined;
  wsUrl: string | undefined;
}

/** Validates the file's text; every message names the file and the place in it. */
export function parseAccountsFile(text: string, path: string): AccountEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--accounts ${path}: not valid JSON (${(err as Error).message})`);
  }
  const credential = credentialKeyIn(json);
  if (credential) {
    throw new UsageError(
      `--accounts ${path}: ${credential.where} has "${credential.key}": credentials never go in this file; name the environment variable that holds it in "${CREDENTIAL_KEYS[credential.key]}"`,
    );
  }
  const parsed = AccountsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '') : 'the file';
    throw new UsageError(`--accounts ${path}: ${where}: ${issue?.message ?? 'invalid'}; see docs/accounts.md for the format`);
  }
  return parsed.data.accounts;
}

/** Reads and validates the accounts file. */
export async function loadAccountsFile(path: string): Promise<AccountEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--accounts ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseAccountsFile(text, path);
}

/** Looks each account's credentials up in the environment (or the env file); a variable named but not set is a usage error naming it. */
export function resolveAccounts(entries: readonly AccountEntry[], env: Env): ResolvedAccount[] {
  const required = (entry: AccountEntry, key: 'apiKeyEnv' | 'apiSecretEnv' | 'privateKeyFileEnv'): string | undefined => {
    const name = entry[key];
    if (name === undefined) return undefined;
    const value = env[name]?.trim();
    if (!value) throw new UsageError(`account ${entry.name}: ${name} is not set (named by ${key}); export it or put it in ./.env or the --env-file`);
    return value;
  };
  return entries.map((entry) => ({
    name: entry.name,
    apiKey: required(entry, 'apiKeyEnv') as string,
    apiKeyName: entry.apiKeyEnv,
    signingEnv: { BINANCE_API_SECRET: required(entry, 'apiSecretEnv'), BINANCE_PRIVATE_KEY_FILE: required(entry, 'privateKeyFileEnv') },
    markets: [...new Set(entry.markets)],
    network: entry.network,
    restUrl: entry.restUrl,
    wsUrl: entry.wsUrl,
  }));
}

function credentialKeyIn(json: unknown): { key: string; where: string } | undefined {
  const accounts = (json as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(accounts)) return undefined;
  for (const [i, entry] of accounts.entries()) {
    if (entry === null || typeof entry !== 'object') continue;
    const key = Object.keys(entry).find((k) => Object.hasOwn(CREDENTIAL_KEYS, k));
    if (key) return { key, where: `accounts[${i}]` };
  }
  return undefined;
}
