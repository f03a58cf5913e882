import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors/errors.js';
import type { Logger } from '../log/log.js';
import { hmacSigner, parsePrivateKey, privateKeySigner, type Signer } from '../rest/sign.js';
import type { Env } from '../config/env.js';

/** Why no signer could be made, worded for a stderr line. */
export const NO_SIGNING_CREDENTIALS = 'neither BINANCE_API_SECRET nor BINANCE_PRIVATE_KEY_FILE is set';

/**
 * The request signer the environment describes: an Ed25519 or RSA key from BINANCE_PRIVATE_KEY_FILE
 * (a PEM; an API key registered that way has no secret), else BINANCE_API_SECRET. Every form of the
 * secret and the key text is registered with the logger first, so no message can print it.
 */
export async function signerFromEnv(env: Env, log: Logger): Promise<Signer | undefined> {
  const secret = env.BINANCE_API_SECRET?.trim();
  if (secret) log.addSecret(secret);
  const keyFile = env.BINANCE_PRIVATE_KEY_FILE?.trim();
  if (keyFile) {
    let pem: string;
    try {
      pem = await readFile(keyFile, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read BINANCE_PRIVATE_KEY_FILE ${keyFile}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    for (const line of pem.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith('-----')) log.addSecret(line.trim());
    log.addSecret(pem.trim());
    try {
      return privateKeySigner(parsePrivateKey(pem));
    } catch (err) {
      throw new ConfigError(`BINANCE_PRIVATE_KEY_FILE ${keyFile}: ${(err as Error).message}; give an unencrypted PKCS#8 PEM (Ed25519 or RSA)`);
    }
  }
  return secret ? hmacSigner(secret) : undefined;
}
