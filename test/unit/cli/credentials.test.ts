import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialsOf, natsAuthOf } from '../../../src/cli/credentials.js';
import { ConfigError } from '../../../src/errors/errors.js';
import { scrub } from '../../../src/log/redact.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-cred-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('credentialsOf', () => {
  it('registers the key and the secret, as written and trimmed, before anything asks for them', () => {
    const secrets = new Set<string>();
    const credentials = credentialsOf({ apiKey: ' SENTINEL-KEY-0123456789 ', apiSecret: 'SENTINEL-SECRET-abcdef\n' }, secrets, dir);
    expect(credentials.requireApiKey()).toBe('SENTINEL-KEY-0123456789');
    expect(scrub('key SENTINEL-KEY-0123456789 secret SENTINEL-SECRET-abcdef', secrets)).not.toMatch(/SENTINEL-(KEY|SECRET)-/);
    expect(secrets).toEqual(new Set([' SENTINEL-KEY-0123456789 ', 'SENTINEL-KEY-0123456789', 'SENTINEL-SECRET-abcdef\n', 'SENTINEL-SECRET-abcdef']));
  });

  it('makes an HMAC signer from the secret', async () => {
    expect((await credentialsOf({ apiSecret: 'SENTINEL-SECRET-abcdef' }, new Set(), dir).signer())?.kind).toBe('hmac-sha256');
  });

  it('has no key and no signer when nothing is set, and says where the key goes', async () => {
    const credentials = credentialsOf({ apiKey: '  ' }, new Set(), dir);
    expect(await credentials.signer()).toBeUndefined();
    expect(() => credentials.requireApiKey()).toThrow(/BINANCE_API_KEY is not set: export it or put it in \.\/\.env/);
  });

  it('registers the private key file and each of its lines when the signer is read, from a path relative to the working directory', async () => {
    const file = join(dir, 'key.pem');
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await writeFile(file, pem);
    const secrets = new Set<string>();
    const credentials = credentialsOf({ privateKeyFile: 'key.pem' }, secrets, dir);
    expect(credentials.values).toEqual(['key.pem']);
    expect((await credentials.signer())?.kind).toBe('ed25519');
    const body = pem.split('\n')[1] ?? '';
    expect(body.length).toBeGreaterThan(16);
    expect(scrub(`pem ${pem} line ${body}`, secrets)).not.toContain(body);
  });

  it('names a missing or malformed key file without quoting it', async () => {
    const missing = await credentialsOf({ privateKeyFile: join(dir, 'none.pem') }, new Set(), dir)
      .signer()
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ConfigError);
    expect((missing as Error).message).toMatch(/cannot read BINANCE_PRIVATE_KEY_FILE .*ENOENT/);
    const file = join(dir, 'bad.pem');
    await writeFile(file, '-----BEGIN PRIVATE KEY-----\nSENTINELSENTINELSENTINEL\n-----END PRIVATE KEY-----\n');
    const bad = await credentialsOf({ privateKeyFile: file }, new Set(), dir)
      .signer()
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ConfigError);
    expect((bad as Error).message).not.toContain('SENTINEL');
  });
});

describe('natsAuthOf', () => {
  it("registers a creds file's user JWT and NKEY seed, and not its notice, reading a relative path from the working directory", async () => {
    const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.SENTINEL-JWT-payload.sig';
    const seed = 'SUASENTINELSEEDSENTINELSEEDSENTINELSEEDSENTINELSEED';
    const file = join(dir, 'user.creds');
    await writeFile(
      file,
      `-----BEGIN NATS USER JWT-----\n${jwt}\n------END NATS USER JWT------\n\n` +
        '************************* IMPORTANT *************************\nNKEY Seed printed below can be used to sign and prove identity.\n\n' +
        `-----BEGIN USER NKEY SEED-----\n${seed}\n------END USER NKEY SEED------\n`,
    );
    const secrets = new Set<string>();
    expect((await natsAuthOf({ NATS_CREDS: 'user.creds' }, secrets, dir)).kind).toBe('creds');
    expect(secrets).toEqual(new Set([jwt, seed]));
    expect(scrub(`auth failed for ${jwt} with ${seed}`, secrets)).not.toContain('SENTINEL');
  });
});
