import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../../../src/config/env.js';
import { ConfigError } from '../../../src/errors/errors.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-env-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadEnv', () => {
  it('reads ./.env from the working directory', async () => {
    await writeFile(join(dir, '.env'), 'BINANCE_API_KEY=from-file\n# a comment\nOTHER="quoted value"\n');
    const env = await loadEnv({ cwd: dir, env: {} });
    expect(env['BINANCE_API_KEY']).toBe('from-file');
    expect(env['OTHER']).toBe('quoted value');
  });

  it('strips a UTF-8 byte-order mark, which would hide the first variable', async () => {
    await writeFile(join(dir, '.env'), '\uFEFFBINANCE_API_KEY=from-file\n');
    expect((await loadEnv({ cwd: dir, env: {} }))['BINANCE_API_KEY']).toBe('from-file');
  });

  it('lets the real environment win over the file', async () => {
    await writeFile(join(dir, '.env'), 'BINANCE_API_KEY=from-file\nONLY_IN_FILE=yes\n');
    const env = await loadEnv({ cwd: dir, env: { BINANCE_API_KEY: 'from-env' } });
    expect(env['BINANCE_API_KEY']).toBe('from-env');
    expect(env['ONLY_IN_FILE']).toBe('yes');
  });

  it('keeps the file value when the environment has the name but no value', async () => {
    await writeFile(join(dir, '.env'), 'BINANCE_API_KEY=from-file\n');
    const env = await loadEnv({ cwd: dir, env: { BINANCE_API_KEY: undefined } });
    expect(env['BINANCE_API_KEY']).toBe('from-file');
  });

  it('is fine without ./.env and returns the environment as given', async () => {
    const given = { BINANCE_API_KEY: 'from-env' };
    expect(await loadEnv({ cwd: dir, env: given })).toEqual(given);
  });

  it('reads an explicit --env-file instead of ./.env', async () => {
    await writeFile(join(dir, '.env'), 'WHICH=default\n');
    const file = join(dir, 'other.env');
    await writeFile(file, 'WHICH=explicit\n');
    expect((await loadEnv({ cwd: dir, envFile: file, env: {} }))['WHICH']).toBe('explicit');
    expect((await loadEnv({ cwd: dir, envFile: 'other.env', env: {} }))['WHICH']).toBe('explicit'); // relative to the working directory
  });

  it('fails with a ConfigError naming the path when --env-file does not exist', async () => {
    const file = join(dir, 'missing.env');
    const result = loadEnv({ cwd: dir, envFile: file, env: {} });
    await expect(result).rejects.toBeInstanceOf(ConfigError);
    await expect(result).rejects.toMatchObject({ code: 'CONFIG', exitCode: 2, message: `cannot read env file ${file}: ENOENT` });
  });

  it('fails with a ConfigError when ./.env exists but cannot be read as a file', async () => {
    await mkdir(join(dir, '.env'));
    await expect(loadEnv({ cwd: dir, env: {} })).rejects.toBeInstanceOf(ConfigError);
  });

  it('never writes to process.env', async () => {
    const name = 'BINANCE_ORDERS_ENV_TEST_ONLY_IN_FILE';
    await writeFile(join(dir, '.env'), `${name}=1\n`);
    const before = { ...process.env };
    const env = await loadEnv({ cwd: dir, env: process.env });
    expect(env[name]).toBe('1');
    expect(process.env[name]).toBeUndefined();
    expect(process.env).toEqual(before);
  });
});
