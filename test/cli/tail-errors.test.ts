import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, type SimExchange } from '../../src/sim/index.js';
import { BIN, cleanEnv, runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';

const API_KEY = 'SENTINEL-APIKEY-7f3a9c1e5b';
const SECRET = 'SENTINEL-SECRET-91c2d4e6f8';

let sim: SimExchange;
let dir: string;

beforeEach(async () => {
  sim = await createSimExchange({ apiKeys: [API_KEY] });
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-cli-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const envFor = (extra: Record<string, string> = {}) =>
  cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_API_SECRET: SECRET, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, ...extra });

describe('errors a user can cause', () => {
  it('reports a bad flag before looking for the API key', async () => {
    const { code, stderr } = await runMain(['tail', '--ws-url', 'ws://example.com'], { env: cleanEnv(), cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^binance-orders: --ws-url uses unencrypted ws:\/\/ for example\.com/);
  });

  it('exits 1 with one line naming the network when a one-shot command cannot reach the exchange', async () => {
    const { code, stderr } = await runMain(['listen-key', 'create', '--rest-url', 'http://127.0.0.1:9'], { env: cleanEnv({ BINANCE_API_KEY: API_KEY }), cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^binance-orders: cannot reach the exchange: connect ECONNREFUSED 127\.0\.0\.1:9; check the network/);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line when BINANCE_API_KEY is missing', async () => {
    const { code, stdout, stderr } = await runMain(['tail'], { env: cleanEnv(), cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/BINANCE_API_KEY is not set/);
  });

  it('exits 3 with a hint when the exchange rejects the key', async () => {
    const { code, stdout, stderr } = await runMain(['tail'], { env: envFor({ BINANCE_API_KEY: 'not-a-known-key' }), cwd: dir });
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/rejected the API key.*-2015/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['tail', '--market', 'spot'], /--market: unknown market "spot"/],
    [['tail', '--keepalive', '10'], /--keepalive: "10" is not a duration/],
    [['tail', '--events', 'orders'], /--events: unknown event "orders"/],
    [['tail', '--side', 'long'], /--side/],
    [['tail', '-o', 'yaml'], /--output/],
    [['tail', '--ws-url', 'ws://example.com'], /only loopback hosts/],
    [['tail', '--rest-url', 'http://10.0.0.1'], /only loopback hosts/],
    [['tail', '-m', 'pm', '--testnet'], /pm has no testnet endpoints/],
    [['tail', '--bogus'], /unknown option '--bogus'/],
    [['tail', '--env-file', '/nonexistent/env'], /cannot read env file/],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stdout, stderr } = await runMain(args, { env: envFor(), cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each([['--help'], ['tail', '--help'], ['completion', 'bash']])(
    'exits 0 without a stack trace when the reader of %s output has already left',
    async (...args) => {
      const child = spawn('bash', ['-c', `"${BIN}" ${args.join(' ')} | true; echo "exit=\${PIPESTATUS[0]}" >&2`], {
        env: cleanEnv(),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      await new Promise((resolve) => child.on('close', resolve));
      expect(err).toBe('exit=0\n');
    },
  );

  it('prints help and the version with exit 0', async () => {
    const help = await runMain(['tail', '--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--keepalive <duration>/);
    // Spawned: the bundle finds package.json for its version.
    const version = await runCli(['--version'], { cwd: dir });
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  // A command line that starts with a command builds only that command; these need the whole tree.
  it('lists every command in help, and suggests one after a misspelt command', async () => {
    const help = await runMain(['--help'], { cwd: dir });
    expect(help.stdout).toMatch(/^ {2}tail \[options\][^]*^ {2}listen-key[^]*^ {2}completion/m);
    const byName = await runMain(['help', 'wait'], { cwd: dir });
    expect(byName.code).toBe(0);
    expect(byName.stdout).toMatch(/^Usage: binance-orders wait \[options\] <order>/);
    const typo = await runMain(['tial', '--json'], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("binance-orders: unknown command 'tial' (Did you mean tail?) (see --help)\n");
  });
});
