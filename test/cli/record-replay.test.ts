import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, orderTradeUpdate, type SimExchange } from '../../src/sim/index.js';
import { BIN, cleanEnv, CLI_START_MS } from '../helpers/cli.js';
import { type MainRun, runMain, startMain } from '../helpers/cli-in-process.js';

const API_KEY = 'SENTINEL-APIKEY-7f3a9c1e5b';
const LISTEN_KEY = 'SENTINELLISTENKEY0123456789abcdefSENTINELLISTENKEY0123456789abcd';

let sim: SimExchange;
let dir: string;

beforeEach(async () => {
  sim = await createSimExchange({ apiKeys: [API_KEY], keyFactory: () => LISTEN_KEY });
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-record-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const env = () => cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, NO_COLOR: '1' });

/** Runs tail --record with these flags through a scripted session; returns its stdout and the frames sent. */
async function recordSession(file: string, flags: string[]): Promise<{ printed: string; sent: string[] }> {
  const run = startMain(['tail', '--record', file, ...flags], { env: env(), cwd: dir });
  try {
    return await scriptedSession(run);
  } finally {
    run.interrupt();
    await run.exit.catch(() => {});
  }
}

/** Sends frames around a listenKey expiry and stops the run once it printed the last one. */
async function scriptedSession(run: MainRun): Promise<{ printed: string; sent: string[] }> {
  const first = await sim.waitForConnection({ timeoutMs: CLI_START_MS });
  const order = JSON.stringify(orderTradeUpdate({ orderId: 1, status: 'NEW', execType: 'NEW' }));
  const before = [
    order,
    order, // a repeat: tail prints it once
    JSON.stringify({ e: 'ACCOUNT_UPDATE', E: 2, T: 2, a: { m: 'ORDER', B: [], P: [] } }),
    'not json',
    `{"e":"listenKeyExpired","E":"1736996475556","listenKey":"${LISTEN_KEY}"}`,
  ];
  for (const frame of before) sim.push('usdm', frame);
  await sim.waitForConnection({ after: first.id, timeoutMs: CLI_START_MS });
  const after = [
    JSON.stringify(orderTradeUpdate({ orderId: 1, status: 'FILLED', execType: 'TRADE' })),
    JSON.stringify(orderTradeUpdate({ orderId: 2, status: 'NEW', symbol: 'ETHUSDT', execType: 'NEW' })),
  ];
  for (const frame of after) sim.push('usdm', frame);
  await run.waitForStdout(/ETHUSDT/);
  run.interrupt();
  expect(await run.exit).toBe(0);
  return { printed: run.stdout(), sent: [...before, ...after] };
}

describe('tail --record and replay', () => {
  it.each([
    ['raw', ['-o', 'raw', '--events', 'all']],
    ['json', ['--json']],
    ['pretty', ['-o', 'pretty', '--symbol', 'ETHUSDT,BTCUSDT']],
  ])('replaying a %s run prints the same lines the run printed', async (_mode, flags) => {
    const file = join(dir, 'run.ndjson');
    const { printed } = await recordSession(file, flags);
    expect(printed.split('\n').length).toBeGreaterThan(2);
    const replay = await runMain(['replay', file, '--max-speed', ...flags], { env: env(), cwd: dir });
    expect(replay.code).toBe(0);
    expect(replay.stdout).toBe(printed);
  });

  it('writes one NDJSON line per received frame, owner-only, with no key in it, to a path relative to the working directory', async () => {
    const file = join(dir, 'run.ndjson');
    const { sent } = await recordSession('run.ndjson', ['--json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(LISTEN_KEY);
    expect(text).not.toContain(API_KEY);
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as { t: number; market: string; frame: string });
    expect(lines.every((l) => l.market === 'usdm' && Number.isInteger(l.t))).toBe(true);
    expect(lines.map((l) => l.frame)).toEqual(sent.map((frame) => frame.replace(LISTEN_KEY, 'SENT…abcd')));
  });

  it('keeps the recorded pace at --speed, and skips lines that are not recorded frames', async () => {
    const frame = (orderId: number) => JSON.stringify(orderTradeUpdate({ orderId, status: 'NEW' }));
    const file = join(dir, 'paced.ndjson');
    const lines = [
      JSON.stringify({ t: 1_000, market: 'usdm', frame: frame(1) }),
      '{"oops":true}',
      JSON.stringify({ t: 1_600, market: 'usdm', frame: frame(2) }),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const startMs = Date.now();
    const replay = await runMain(['replay', 'paced.ndjson', '--speed', '2', '--json'], { env: env(), cwd: dir }); // relative to the working directory
    const elapsedMs = Date.now() - startMs;
    expect(replay.code).toBe(0);
    expect(replay.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { orderId: number }).orderId)).toEqual([1, 2]);
    expect(replay.stderr).toMatch(/line 2 of .* is not a recorded frame/);
    expect(elapsedMs).toBeGreaterThanOrEqual(300); // 600 ms recorded, at twice the speed
  });

  it('exits 2 for a missing recording, an unwritable record file or contradicting speeds', async () => {
    const missing = await runMain(['replay', join(dir, 'none.ndjson')], { env: env(), cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read recording .*ENOENT/);
    const unwritable = await runMain(['tail', '--record', join(dir, 'no', 'such', 'dir.ndjson')], { env: env(), cwd: dir });
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/--record: cannot open .*ENOENT/);
    const both = await runMain(['replay', 'x', '--speed', '3', '--max-speed'], { env: env(), cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exclude each other/);
  });

  /** A recording of orders 1, 2 and 3. */
  async function ordersRecording(): Promise<string> {
    const file = join(dir, 'piped.ndjson');
    const frame = (orderId: number) => JSON.stringify(orderTradeUpdate({ orderId, status: 'NEW' }));
    await writeFile(file, `${[1, 2, 3].map((id) => JSON.stringify({ t: id, market: 'usdm', frame: frame(id) })).join('\n')}\n`);
    return file;
  }
  const orderIds = (stdout: string) => stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { orderId: number }).orderId);

  it('reads a recording from -', async () => {
    const stdin = await readFile(await ordersRecording(), 'utf8');
    const { code, stdout } = await runMain(['replay', '-', '--max-speed', '--json'], { env: env(), cwd: dir, stdin });
    expect(code).toBe(0);
    expect(orderIds(stdout)).toEqual([1, 2, 3]);
  });

  // Spawned: what the shell hands the process is a path to a pipe, not a file.
  it.each([
    ['/dev/stdin from a pipe', (file: string) => `cat ${file} | ${BIN} replay /dev/stdin --max-speed --json`],
    ['process substitution', (file: string) => `${BIN} replay <(cat ${file}) --max-speed --json`],
  ])('reads a recording from %s', async (_how, command) => {
    const { code, stdout } = await shell(command(await ordersRecording()));
    expect(code).toBe(0);
    expect(orderIds(stdout)).toEqual([1, 2, 3]);
  });

  it.each([
    ['tail --json output', () => `${JSON.stringify({ event: 'order', source: 'ws', orderId: 1, status: 'NEW' })}\n`, /looks like tail --json output, not a --record file/],
    ['raw frames', () => `${JSON.stringify(orderTradeUpdate({ orderId: 1, status: 'NEW' }))}\n`, /looks like raw frames \(tail -o raw\), not a --record file/],
    ['garbage', () => 'hello\nworld\n', /holds no recorded frame/],
    ['an empty file', () => '', /is empty/],
  ])('exits 2 with one line for %s', async (_what, content, message) => {
    const file = join(dir, 'wrong.ndjson');
    await writeFile(file, content());
    const { code, stdout, stderr } = await runMain(['replay', file, '--max-speed'], { env: env(), cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('exits 2 with one clear line for a directory', async () => {
    await mkdir(join(dir, 'adir'));
    const { code, stderr } = await runMain(['replay', join(dir, 'adir')], { env: env(), cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^binance-orders: cannot read recording .*adir: it is a directory\n$/);
  });
});

/** Runs a bash command line (pipes, process substitution) with the test environment. */
function shell(command: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { env: env(), cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}
