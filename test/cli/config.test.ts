import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, orderTradeUpdate, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, CLI_START_MS, runCli } from '../helpers/cli.js';
import { runMain, startMain } from '../helpers/cli-in-process.js';

const API_KEY = 'SENTINEL-APIKEY-7f3a9c1e5b';

let sim: SimExchange;
let dir: string;

beforeEach(async () => {
  sim = await createSimExchange({ apiKeys: [API_KEY] });
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-config-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) =>
  cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, HOME: dir, ...extra });

describe('--config', () => {
  it('takes defaults from the default config file, and flags override them', async () => {
    await mkdir(join(dir, '.config', 'binance-orders'), { recursive: true });
    await writeFile(join(dir, '.config', 'binance-orders', 'config.json'), JSON.stringify({ market: 'coin-m', output: 'json', symbol: 'BTCUSD_PERP' }));
    // Spawned: the real process finds the default file through its own $HOME.
    const fromConfig = await runCli(['listen-key', 'create'], { env: env(), cwd: dir });
    expect(JSON.parse(fromConfig.stdout)).toMatchObject({ market: 'coinm' });
    const overridden = await runMain(['listen-key', 'create', '-m', 'usdm'], { env: env(), cwd: dir });
    expect(JSON.parse(overridden.stdout)).toMatchObject({ market: 'usdm' });

    const run = startMain(['tail', '-o', 'pretty'], { env: env({ NO_COLOR: '1' }), cwd: dir });
    const conn = await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    expect(conn.market).toBe('coinm');
    sim.push('coinm', orderTradeUpdate({ market: 'coinm', symbol: 'ETHUSD_PERP', orderId: 1, status: 'NEW' }));
    sim.push('coinm', orderTradeUpdate({ market: 'coinm', symbol: 'BTCUSD_PERP', orderId: 2, status: 'NEW' }));
    await run.waitForStdout(/BTCUSD_PERP/);
    run.interrupt();
    expect(await run.exit).toBe(0);
    expect(run.stdout()).not.toMatch(/ETHUSD_PERP|^\{/);
  });

  it('reads --config <path> (relative to the working directory) before $XDG_CONFIG_HOME', async () => {
    await writeFile(join(dir, 'mine.json'), JSON.stringify({ market: 'pm' }));
    await mkdir(join(dir, 'xdg', 'binance-orders'), { recursive: true });
    await writeFile(join(dir, 'xdg', 'binance-orders', 'config.json'), JSON.stringify({ market: 'coinm' }));
    const xdg = await runMain(['listen-key', 'create'], { env: env({ XDG_CONFIG_HOME: join(dir, 'xdg') }), cwd: dir });
    expect(JSON.parse(xdg.stdout)).toMatchObject({ market: 'coinm' });
    const explicit = await runMain(['--config', 'mine.json', 'listen-key', 'create'], { env: env({ XDG_CONFIG_HOME: join(dir, 'xdg') }), cwd: dir });
    expect(JSON.parse(explicit.stdout)).toMatchObject({ market: 'pm' });
  });

  it.each([
    [{ market: 'spot' }, /config file .*mine\.json: market: unknown market "spot"/],
    [{ keepalive: '10' }, /keepalive: "10" is not a duration/],
    [{ restUrl: "http://127.0.0.1:1" }, /"restUrl" is not accepted here/],
    ['not json', /is not JSON/],
  ])('exits 2 with one line naming the file for %j', async (content, message) => {
    await writeFile(join(dir, 'mine.json'), typeof content === 'string' ? content : JSON.stringify(content));
    const { code, stdout, stderr } = await runMain(['tail', '--config', 'mine.json'], { env: env(), cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits 2 when the file named by --config does not exist', async () => {
    const { code, stderr } = await runMain(['--config', join(dir, 'none.json'), 'doctor'], { env: env(), cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read config file .*none\.json: ENOENT/);
  });
});

describe('help and version', () => {
  it.each(['tail', 'demo', 'doctor', 'listen-key', 'replay', 'completion'])('%s --help shows examples', async (command) => {
    const { code, stdout } = await runMain([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`Usage: binance-orders ${command}`));
    expect(stdout).toMatch(/Examples:\n {2}(\S.*\n)*.*binance-orders /);
  });

  it('lists every command and the global flags at the top level', async () => {
    const { code, stdout } = await runMain(['--help']);
    expect(code).toBe(0);
    for (const word of ['tail', 'demo', 'doctor', 'listen-key', 'replay', 'completion', '--config <path>', '--version', 'Examples:']) expect(stdout).toContain(word);
  });
});

describe('config file problems', () => {
  const write = (content: string) => writeFile(join(dir, 'mine.json'), content);

  it('completion ignores the config file, even a broken one', async () => {
    await mkdir(join(dir, '.config', 'binance-orders'), { recursive: true });
    await writeFile(join(dir, '.config', 'binance-orders', 'config.json'), '{ broken');
    const { code, stdout } = await runMain(['completion', 'bash'], { env: env(), cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('complete -F');
  });

  it('reports a file that is not JSON on one line, without quoting it', async () => {
    await write('market = "coinm"\noutput = "json"\n');
    const { code, stderr } = await runMain(['demo', '--config', 'mine.json'], { env: env(), cwd: dir });
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/mine\.json is not JSON \(line 1/);
    expect(stderr).not.toContain('output =');
  });

  it('names an unknown key as the user spelled it, and says where endpoints belong', async () => {
    await write(JSON.stringify({ 'rest-url': 'http://127.0.0.1:1' }));
    const { code, stderr } = await runMain(['demo', '--config', 'mine.json'], { env: env(), cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/"rest-url" is not accepted here/);
    expect(stderr).toMatch(/BINANCE_REST_URL/);
    expect(stderr).not.toMatch(/restUrl/);
  });

  it('suggests the key a typo was meant to be', async () => {
    await write(JSON.stringify({ 'hearbeat': '10s' }));
    const { code, stderr } = await runMain(['demo', '--config', 'mine.json'], { env: env(), cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown key "hearbeat"; did you mean "heartbeat"\?/);
  });

  it('-v names the config file it loaded', async () => {
    await write(JSON.stringify({ output: 'json' }));
    const { code, stderr } = await runMain(['demo', '--config', 'mine.json', '--count', '1', '-v'], { env: env(), cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toMatch(/config: .*mine\.json/);
  });
});
