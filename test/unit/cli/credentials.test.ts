import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signerFromEnv } from '../../../src/cli/credentials.js';
import { ConfigError } from '../../../src/errors/errors.js';
import { createLogger } from '../../../src/log/log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-cred-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function logger() {
  const out: string[] = [];
  return { out, log: createLogger({ write: (text) => out.push(text), verbosity: 'verbose' }) };
}

describe('signerFromEnv', () => {
  it('makes an HMAC signer from BINANCE_API_SECRET and registers the secret with the logger', async () => {
    const { out, log } = logger();
    const signer = await signerFromEnv({ BINANCE_API_SECRET: 'SENTINEL-SECRET-abcdef' }, log);
    expect(signer?.kind).toBe('hmac-sha256');
    log.info('value SENTINEL-SECRET-abcdef');
    expect(out.join('')).not.toContain('SENTINEL-SECRET-abcdef');
  });

  it('returns nothing without a secret or key file', async () => {
    expect(await signerFromEnv({}, logger().log)).toBeUndefined();
  });

  it('names a missing or malformed key file without quoting it', async () => {
    const missing = await signerFromEnv({ BINANCE_PRIVATE_KEY_FILE: join(dir, 'none.pem') }, logger().log).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ConfigError);
    expect((missing as Error).message).toMatch(/cannot read BINANCE_PRIVATE_KEY_FILE .*ENOENT/);
    const file = join(dir, 'bad.pem');
    await writeFile(file, '-----BEGIN PRIVATE KEY-----\nSENTINELSENTINELSENTINEL\n-----END PRIVATE KEY-----\n');
    const bad = await signerFromEnv({ BINANCE_PRIVATE_KEY_FILE: file }, logger().log).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ConfigError);
    expect((bad as Error).message).not.toContain('SENTINEL');
  });
});
