import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadEnv, type Env } from '../config/env.js';
import { ConfigError } from '../errors/errors.js';
import type { ResolvedEndpoints } from '../exchange/endpoints.js';
import type { ListenKeyApi } from '../rest/listen-key.js';
import { hmacSigner, parsePrivateKey, privateKeySigner, type Signer } from '../rest/sign.js';
import type { NatsAuth } from '../sinks/nats.js';
import type { CliContext } from './context.js';

/** Why no signer could be made, worded for a stderr line. */
export const NO_SIGNING_CREDENTIALS = 'neither BINANCE_API_SECRET nor BINANCE_PRIVATE_KEY_FILE is set';

/** One account's credentials as written in the environment, the env file or named by an accounts file. */
export interface CredentialSource {
  apiKey?: string | undefined;
  apiSecret?: string | undefined;
  /** Path of a PEM private key (Ed25519 or RSA); an API key registered that way has no secret. */
  privateKeyFile?: string | undefined;
}

/**
 * One account's credentials. This module is the only reader of credentials in the CLI (the NATS
 * sink's too), and registers each value with the scrubber (the context's secrets, which every logger
 * and the fatal error line use) as it reads it, so no command can print one by forgetting to.
 */
export interface Credentials {
  /** The API key, trimmed, or a ConfigError that says where to put it. */
  requireApiKey(): string;
  /** The request signer: the private key file first, else the secret; undefined when neither is set. */
  signer(): Promise<Signer | undefined>;
  /** The listenKey calls of a market with this API key; every key they create is registered too. */
  listenKeys(endpoints: ResolvedEndpoints): Promise<ListenKeyApi>;
  /** The credentials and the key file's path: a command run per event inherits no variable holding one. */
  readonly values: readonly string[];
}

/** The credentials of `source`, each registered in `secrets` as written and trimmed; a relative key file path is taken from `cwd`. */
export function credentialsOf(source: CredentialSource, secrets: Set<string>, cwd: string): Credentials {
  const register = (value: string | undefined) => {
    const trimmed = value?.trim();
    if (value === undefined || !trimmed) return undefined;
    secrets.add(value).add(trimmed);
    return trimmed;
  };
  const apiKey = register(source.apiKey);
  const apiSecret = register(source.apiSecret);
  const keyFile = source.privateKeyFile?.trim() || undefined;
  let signer: Promise<Signer | undefined> | undefined;
  const requireApiKey = () => {
    if (apiKey === undefined) {
      throw new ConfigError('BINANCE_API_KEY is not set: export it or put it in ./.env (see .env.example); there is no flag for it, so it never shows in the process list');
    }
    return apiKey;
  };
  return {
    requireApiKey,
    signer: () => (signer ??= signerOf(apiSecret, keyFile, secrets, cwd)),
    async listenKeys(endpoints) {
      const [{ createRestClient }, { listenKeyApi }] = await Promise.all([import('../rest/client.js'), import('../rest/listen-key.js')]);
      const keys = listenKeyApi(createRestClient({ baseUrl: endpoints.restBase, apiKey: requireApiKey() }), endpoints.listenKeyPath);
      const create = async (signal?: AbortSignal) => {
        const key = await keys.create(signal);
        secrets.add(key);
        return key;
      };
      return { ...keys, create };
    },
    values: [apiKey, apiSecret, keyFile].filter((value) => value !== undefined),
  };
}

/**
 * The process environment over ./.env or --env-file, and the credentials it holds
 * (BINANCE_API_KEY, BINANCE_API_SECRET, BINANCE_PRIVATE_KEY_FILE), registered as they are read.
 */
export async function loadCredentials(envFile: string | undefined, ctx: CliContext): Promise<{ env: Env; credentials: Credentials }> {
  const env = await loadEnv({ cwd: ctx.cwd, envFile, env: ctx.env });
  const credentials = credentialsOf({ apiKey: env.BINANCE_API_KEY, apiSecret: env.BINANCE_API_SECRET, privateKeyFile: env.BINANCE_PRIVATE_KEY_FILE }, ctx.secrets, ctx.cwd);
  return { env, credentials };
}

/** Reads the key file, registering the PEM and each of its lines before anything can quote them. */
async function signerOf(secret: string | undefined, keyFile: string | undefined, secrets: Set<string>, cwd: string): Promise<Signer | undefined> {
  if (keyFile === undefined) return secret === undefined ? undefined : hmacSigner(secret);
  let pem: string;
  try {
    pem = await readFile(resolve(cwd, keyFile), 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read BINANCE_PRIVATE_KEY_FILE ${keyFile}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  for (const line of pem.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith('-----')) secrets.add(line.trim());
  secrets.add(pem.trim());
  try {
    return privateKeySigner(parsePrivateKey(pem));
  } catch (err) {
    throw new ConfigError(`BINANCE_PRIVATE_KEY_FILE ${keyFile}: ${(err as Error).message}; give an unencrypted PKCS#8 PEM (Ed25519 or RSA)`);
  }
}

/**
 * The NATS sink's credentials from the environment (NATS_CREDS, NATS_USER/NATS_PASSWORD, NATS_TOKEN),
 * registered like the exchange's; a relative NATS_CREDS is taken from `cwd`. A creds file's user JWT
 * and NKEY seed are its long lines without spaces (the rest are its BEGIN/END markers and a notice).
 */
export async function natsAuthOf(env: Env, secrets: Set<string>, cwd: string): Promise<NatsAuth> {
  if (env.NATS_CREDS) {
    let creds: Buffer;
    try {
      creds = await readFile(resolve(cwd, env.NATS_CREDS));
    } catch (err) {
      throw new ConfigError(`NATS_CREDS: cannot read ${env.NATS_CREDS}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    for (const line of creds.toString('utf8').split(/\r?\n/)) {
      const value = line.trim();
      if (value.length >= 16 && !/\s|^-/.test(value)) secrets.add(value);
    }
    return { kind: 'creds', creds };
  }
  if (env.NATS_USER) {
    const pass = env.NATS_PASSWORD ?? '';
    if (pass) secrets.add(pass);
    return { kind: 'user', user: env.NATS_USER, pass };
  }
  if (env.NATS_TOKEN) {
    secrets.add(env.NATS_TOKEN);
    return { kind: 'token', token: env.NATS_TOKEN };
  }
  return { kind: 'none' };
}
