import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, orderTradeUpdate, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, CLI_START_MS, runCli, spawnCli } from '../helpers/cli.js';
import { runMain, startMain } from '../helpers/cli-in-process.js';
import { waitFor } from '../helpers/wait.js';

const API_KEY = 'SENTINEL-APIKEY-7f3a9c1e5b';
const SECRET = 'SENTINEL-SECRET-91c2d4e6f8';
const LISTEN_KEY = 'SENTINELLISTENKEY0123456789abcdefSENTINELLISTENKEY0123456789abcd';
const KEY_PATH = '/fapi/v1/listenKey';

let sim: SimExchange;
let dir: string;

beforeEach(async () => {
  sim = await createSimExchange({ apiKeys: [API_KEY], keyFactory: () => LISTEN_KEY });
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-hostile-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const envFor = (extra: Record<string, string> = {}) =>
  cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_API_SECRET: SECRET, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, ...extra });

const echoingKey = () => ({ method: 'POST', path: KEY_PATH, status: 401, body: { code: -2015, msg: `Invalid API-key ${API_KEY}, IP, or permissions for action.` } });

// Each command's secrets are checked once in a spawned process (listen-key here, doctor, and tail with
// -o pretty below), for the bytes a real process writes; the other cases run main() in this process.
describe('secrets on the fatal path', () => {
  it.each([
    { args: ['tail'], spawned: false },
    { args: ['listen-key', 'create'], spawned: true },
  ])('$args does not print an API key that the 401 message repeats (spawned: $spawned)', async ({ args, spawned }) => {
    sim.failNext(echoingKey());
    const { code, stdout, stderr } = await (spawned ? runCli : runMain)([...args, '-v'], { env: envFor(), cwd: dir });
    expect(code).toBe(3);
    expect(stderr).toContain('rejected the API key: POST /fapi/v1/listenKey answered HTTP 401 -2015 "Invalid API-key SENT…1e5b, IP');
    expect(stdout + stderr).not.toContain(API_KEY);
  });

  it('doctor does not print the user:password of a --ws-url', async () => {
    const wsUrl = `${sim.wsUrl.replace('ws://', 'ws://trader:hunter2pass@')}/private/ws?listenKey={listenKey}`;
    const { stdout, stderr } = await runCli(['doctor', '--ws-url', wsUrl, '--hold', '100ms'], { env: envFor({ BINANCE_WS_URL: '' }), cwd: dir });
    expect(stdout + stderr).toContain('ws://…@127.0.0.1');
    expect(stdout + stderr).not.toContain('hunter2pass');
  });
});

describe('secrets at -v', () => {
  // -o pretty runs the built CLI: tail end to end, with chalk loaded only when pretty output needs it.
  it.each([
    { mode: 'json', spawned: false },
    { mode: 'raw', spawned: false },
    { mode: 'pretty', spawned: true },
  ])('never prints the API key, the secret or the full listenKey with -o $mode (spawned: $spawned)', async ({ mode, spawned }) => {
    const args = ['tail', '-o', mode, '-v', '--events', 'all', '--keepalive', '200ms'];
    const options = { env: envFor({ FORCE_COLOR: '1' }), cwd: dir };
    const run = spawned ? spawnCli(args, options) : startMain(args, options);
    const conn = await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    sim.push('usdm', orderTradeUpdate({ orderId: 1, status: 'NEW', clientOrderId: 'client-1' }));
    sim.push('usdm', `{"e":"listenKeyExpired","E":"1736996475556","listenKey":"${LISTEN_KEY}"}`);
    sim.push('usdm', `not json ${LISTEN_KEY}`);
    const renewed = await sim.waitForConnection({ after: conn.id, timeoutMs: CLI_START_MS });
    // The second keepalive on the new connection is sent only after the first was answered and logged.
    await waitFor('two keepalives on the new connection', () => (sim.requests.filter((r) => r.method === 'PUT' && r.atMs >= renewed.openedAtMs).length >= 2 ? true : undefined), CLI_START_MS);
    if ('child' in run) run.child.kill('SIGINT');
    else run.interrupt();
    await run.exit;
    const everything = run.stdout() + run.stderr();
    expect(everything).toContain('client-1');
    expect(everything).toContain('keepalive sent');
    for (const secret of [API_KEY, SECRET, LISTEN_KEY]) expect(everything).not.toContain(secret);
  });
});

describe('HTTP 410 on POST listenKey', () => {
  it('stops at once with one line and exit code 6', async () => {
    sim.failNext({ method: 'POST', path: KEY_PATH, status: 410, body: '', times: 5 });
    const { code, stdout, stderr } = await runMain(['tail'], { env: envFor(), cwd: dir });
    expect(code).toBe(6);
    expect(stdout).toBe('');
    const errors = stderr.split('\n').filter((line) => line.startsWith('binance-orders:'));
    expect(errors).toEqual([expect.stringMatching(/HTTP 410: the exchange has retired this endpoint .*endpoint table in the README/)]);
    expect(sim.requests.filter((r) => r.path === KEY_PATH)).toHaveLength(1);
  });
});

describe('SIGHUP', () => {
  it('stops tail like SIGTERM: exit 0, and --close-listen-key still DELETEs the key', async () => {
    const run = spawnCli(['tail', '--close-listen-key'], { env: envFor(), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    run.child.kill('SIGHUP');
    expect(await run.exit).toBe(0);
    expect(sim.requests.some((r) => r.method === 'DELETE' && r.path === KEY_PATH)).toBe(true);
  });
});

describe('tail --record', () => {
  async function recordOnce(path: string) {
    const run = startMain(['tail', '--json', '--record', path], { env: envFor(), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    sim.push('usdm', orderTradeUpdate({ orderId: 1, status: 'NEW' }));
    await run.waitForStdout(/"NEW"/);
    run.interrupt();
    return { code: await run.exit, stderr: run.stderr() };
  }

  it('refuses a symlink instead of following it', async () => {
    const target = join(dir, 'target');
    await writeFile(target, '');
    const link = join(dir, 'link.ndjson');
    await symlink(target, link);
    const { code, stderr } = await runMain(['tail', '--record', link], { env: envFor(), cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--record: cannot open .*link\.ndjson for appending: it is a symbolic link/);
    expect(await readFile(target, 'utf8')).toBe('');
  });

  it('refuses a file that is not regular (a FIFO)', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const { code, stderr } = await runMain(['tail', '--record', fifo], { env: envFor(), cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--record: .*fifo.*not a regular file/);
  });

  it('makes an existing file readable by others owner-only', async () => {
    const path = join(dir, 'open.ndjson');
    await writeFile(path, '');
    await chmod(path, 0o644);
    const { code, stderr } = await recordOnce(path);
    expect(code).toBe(0);
    expect(stderr).toMatch(/made it owner-only/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await lstat(path)).isFile()).toBe(true);
  });

  it('redacts the live listenKey wherever a frame carries it (a streams= route names its stream after the key)', async () => {
    const path = join(dir, 'wrapped.ndjson');
    const run = startMain(['tail', '--json', '--record', path], { env: envFor(), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    sim.push('usdm', `{"stream":"${LISTEN_KEY}","data":${JSON.stringify(orderTradeUpdate({ orderId: 1, status: 'NEW' }))}}`);
    sim.push('usdm', orderTradeUpdate({ orderId: 2, status: 'NEW' }));
    await run.waitForStdout(/"orderId":2/);
    run.interrupt();
    expect(await run.exit).toBe(0);
    const recorded = await readFile(path, 'utf8');
    expect(recorded).toContain('SENT…abcd');
    expect(recorded).not.toContain(LISTEN_KEY);
  });
});

describe('.env', () => {
  it('keeps the first variable of a file that starts with a UTF-8 byte-order mark', async () => {
    await writeFile(join(dir, '.env'), `\uFEFFBINANCE_API_KEY=${API_KEY}\n`);
    const { code, stderr } = await runMain(['listen-key', 'create'], { env: cleanEnv({ BINANCE_REST_URL: sim.restUrl }), cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  // Spawned: Node has an --env-file flag of its own, and only the process shows that the CLI gets it.
  it('a missing --env-file is the CLI\'s own usage error', async () => {
    const { code, stderr } = await runCli(['tail', '--env-file', join(dir, 'missing.env')], { env: cleanEnv(), cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^binance-orders: cannot read env file .*missing\.env: ENOENT\n$/);
  });
});

describe('control characters on a terminal', () => {
  it('pretty output and stderr carry none raw, whatever the exchange sends', async () => {
    const run = startMain(['tail', '-o', 'pretty', '--no-color'], { env: envFor(), cwd: dir });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    sim.push('usdm', orderTradeUpdate({ orderId: 1, status: 'NEW', clientOrderId: 'a\u001b]0;pwned\u0007b', symbol: 'BTC\u009b2JUSDT' }));
    sim.push('usdm', '\u001b[2J{not json');
    await run.waitForStdout(/pwned/);
    await run.waitForStderr(/ignored a frame/);
    run.interrupt();
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toContain('a\\x1b]0;pwned\\x07b');
    expect(run.stdout() + run.stderr()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
