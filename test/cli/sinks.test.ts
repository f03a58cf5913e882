import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, orderTradeUpdate, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, CLI_START_MS, type CliRun, runCli, spawnCli } from '../helpers/cli.js';
import { type MainRun, runMain, startMain } from '../helpers/cli-in-process.js';
import { natsServerBinary, startNatsServer, type NatsServer } from '../helpers/nats-server.js';
import { waitFor } from '../helpers/wait.js';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server.js';

const API_KEY = 'SENTINEL-APIKEY-7f3a9c1e5b';
const SECRET = 'SENTINEL-SECRET-91c2d4e6f8';
const LISTEN_KEY = 'SENTINELLISTENKEY0123456789abcdefSENTINELLISTENKEY0123456789abcd';
const HOOK_TOKEN = 'SENTINEL-HOOK-TOKEN-5d1e';
const NATS_TOKEN = 'SENTINEL-NATS-TOKEN-c0de';
const NATS_PASSWORD = 'SENTINEL-NATS-PASSWORD-b4d9';
const SECRETS = [API_KEY, SECRET, LISTEN_KEY, HOOK_TOKEN, NATS_TOKEN, NATS_PASSWORD];

let sim: SimExchange;
let hook: WebhookServer;
let dir: string;
const runs: CliRun[] = [];
const mains: MainRun[] = [];

beforeEach(async () => {
  sim = await createSimExchange({ apiKeys: [API_KEY], keyFactory: () => LISTEN_KEY });
  hook = await startWebhookServer();
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-sinks-'));
});
afterEach(async () => {
  for (const run of runs.splice(0)) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  for (const run of mains.splice(0)) {
    run.interrupt();
    await run.exit.catch(() => {});
  }
  await Promise.all([sim.close(), hook.close()]);
  await rm(dir, { recursive: true, force: true });
});

const envFor = (extra: Record<string, string> = {}) =>
  cleanEnv({ BINANCE_API_KEY: API_KEY, BINANCE_API_SECRET: SECRET, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, ...extra });

const tailArgs = (args: string[]) => ['tail', '--json', '-v', ...args];

/** `tail` in this process: what it sends where, not anything about the process. */
function tail(args: string[], extra: Record<string, string> = {}): MainRun {
  const run = startMain(tailArgs(args), { env: envFor(extra), cwd: dir });
  mains.push(run);
  return run;
}

/** `tail` as a process: the bundle's real output bytes, signals and start-up. */
function spawnTail(args: string[], extra: Record<string, string> = {}): CliRun {
  const run = spawnCli(tailArgs(args), { env: envFor(extra), cwd: dir, timeoutMs: 30_000 });
  runs.push(run);
  return run;
}

const pushOrder = (orderId: number, status: string) =>
  sim.push('usdm', orderTradeUpdate({ orderId, status, execType: status === 'FILLED' ? 'TRADE' : status }));

const expectNoSecret = (...texts: string[]) => {
  for (const secret of SECRETS) for (const text of texts) expect(text).not.toContain(secret);
};

describe('tail with sinks', () => {
  it('sends each printed event to stdout, a webhook and a command, none of them with a credential', async () => {
    // Spawned: the bundle's own bytes on stdout and stderr, and a real SIGINT, carry no credential.
    const out = join(dir, 'exec.out');
    const run = spawnTail(['--status', 'FILLED', '--webhook', 'env:HOOK_URL', '--exec', `cat >> ${out}; env >> ${out}`], { HOOK_URL: `${hook.url}/hooks/${HOOK_TOKEN}` });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    pushOrder(1, 'NEW');
    pushOrder(1, 'FILLED');
    pushOrder(2, 'FILLED');
    await hook.waitForDelivered(2);
    await run.waitForStdout(/"orderId":2/);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    const printed = run.stdout().trimEnd().split('\n');
    expect(hook.requests.map((r) => r.body)).toEqual(printed);
    expect(hook.requests[0]?.path).toBe(`/hooks/${HOOK_TOKEN}`);
    const fromExec = await readFile(out, 'utf8');
    for (const line of printed) expect(fromExec).toContain(line);
    expect(fromExec).toContain('BINANCE_ORDERS_STATUS=FILLED');
    expectNoSecret(run.stdout(), run.stderr(), fromExec, ...hook.requests.map((r) => r.body));
    expect(run.stderr()).toMatch(/webhook http:\/\/127\.0\.0\.1:\d+\/…: ready/);
  });

  it('ends on SIGINT within the drain time, saying how many events a dead webhook never got', async () => {
    hook.always('hang');
    const run = tail(['--webhook', `${hook.url}/hooks/${HOOK_TOKEN}`, '--sink-drain', '300ms']);
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    pushOrder(1, 'NEW');
    pushOrder(2, 'NEW');
    await run.waitForStdout(/"orderId":2/);
    run.interrupt();
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toMatch(/webhook http:\/\/127\.0\.0\.1:\d+\/…: 2 events not delivered \(stopped after 300ms\)/);
    expectNoSecret(run.stderr());
  });

  it('refuses sink flags that cannot work with one line and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--webhook', 'ftp://example.invalid/x'], /--webhook ftp:\/\/example\.invalid\/…: not an http\(s\) URL/],
      [['--webhook', 'env:NO_SUCH_HOOK'], /--webhook env:NO_SUCH_HOOK: NO_SUCH_HOOK is not set/],
      [['--webhook', `https://api.telegram.org/bot${HOOK_TOKEN}/sendMessage`, '--webhook-format', 'telegram'], /telegram needs a chat id/],
      [['--webhook', 'https://x.invalid/', '--webhook-format', 'teams'], /--webhook-format.*teams/],
      [['--nats', 'nats://127.0.0.1:1', '--nats-subject', 'a.{acount}'], /--nats-subject: .*unknown placeholder \{acount\}/],
      [['--nats', 'http://127.0.0.1:1'], /--nats http:\/\/127\.0\.0\.1:1: use nats:\/\/host:port/],
      [['--exec', 'true', '--exec-timeout', 'soon'], /--exec-timeout: "soon" is not a duration/],
    ];
    const results = await Promise.all(cases.map(([args]) => runMain(['tail', ...args], { env: envFor(), cwd: dir })));
    for (const [i, [args, message]] of cases.entries()) {
      const { code, stdout, stderr } = results[i]!;
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
      expectNoSecret(stderr);
    }
  });
});

describe('every run that prints feeds the sinks', () => {
  it('sends the events of several markets to a webhook in the order they were printed', async () => {
    const run = tail(['-m', 'usdm,coinm', '--webhook', hook.url]);
    await waitFor('a usdm and a coinm socket', () => (sim.subscribers('usdm') > 0 && sim.subscribers('coinm') > 0 ? true : undefined), CLI_START_MS);
    for (let i = 1; i <= 2; i++) {
      sim.push('usdm', orderTradeUpdate({ market: 'usdm', symbol: 'BTCUSDT', orderId: i, status: 'NEW' }));
      await run.waitForStdout(new RegExp(`"orderId":${i}\\b`));
      sim.push('coinm', orderTradeUpdate({ market: 'coinm', symbol: 'BTCUSD_PERP', orderId: 100 + i, status: 'NEW' }));
      await run.waitForStdout(new RegExp(`"orderId":${100 + i}\\b`));
    }
    await hook.waitForDelivered(4);
    run.interrupt();
    expect(await run.exit).toBe(0);
    const printed = run.stdout().trimEnd().split('\n');
    expect(printed.map((line) => (JSON.parse(line) as { market: string }).market)).toEqual(['usdm', 'coinm', 'usdm', 'coinm']);
    expect(hook.requests.map((r) => r.body)).toEqual(printed);
  });

  it('hands a command every line the demo prints, in order', async () => {
    // Spawned: the bundle runs demo with a sink end to end.
    const out = join(dir, 'exec.out');
    const demo = await runCli(['demo', '--count', '6', '--rate', '200', '--json', '--exec', `cat >> ${out}`], { env: cleanEnv(), cwd: dir, timeoutMs: 30_000 });
    expect(demo.code).toBe(0);
    const printed = demo.stdout.trimEnd().split('\n');
    expect(printed).toHaveLength(6);
    expect((await readFile(out, 'utf8')).trimEnd().split('\n')).toEqual(printed);
  });
});

describe('two tailers publishing to one JetStream stream', () => {
  let nats: NatsServer;
  beforeAll(async () => {
    natsServerBinary();
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await nats?.dispose();
  });

  it('leave one message per update: active-active failover without leader election', async () => {
    const natsArgs = ['--nats', nats.url, '--events', 'all'];
    // A token the server does not ask for is ignored by it; here it only has to stay out of every output.
    const first = tail(natsArgs, { NATS_TOKEN });
    const second = tail(natsArgs);
    await waitFor('both tailers connected', () => (sim.subscribers('usdm') === 2 ? true : undefined), CLI_START_MS);
    pushOrder(1, 'NEW');
    pushOrder(1, 'FILLED');
    sim.push('usdm', { e: 'ACCOUNT_UPDATE', E: 1_796_000_000_500, T: 1_796_000_000_499, a: { m: 'ORDER', B: [], P: [] } });
    pushOrder(2, 'NEW');
    for (const run of [first, second]) await run.waitForStdout(/"orderId":2/);
    for (const run of [first, second]) run.interrupt();
    expect(await Promise.all([first.exit, second.exit])).toEqual([0, 0]);
    const stored = await nats.messages('BINANCE_ORDERS');
    expect(stored.map((m) => [m.subject, m.json.orderId, m.json.status])).toEqual([
      ['binance.orders.default.usdm.order', 1, 'NEW'],
      ['binance.orders.default.usdm.order', 1, 'FILLED'],
      ['binance.orders.default.usdm.account', undefined, undefined],
      ['binance.orders.default.usdm.order', 2, 'NEW'],
    ]);
    expect(first.stdout()).toBe(second.stdout());
    // Both published every update; the stream kept the first copy of each.
    for (const run of [first, second]) expect(run.stderr()).toMatch(/nats nats:\/\/127\.0\.0\.1:\d+ stream BINANCE_ORDERS: 4 delivered/);
    expectNoSecret(first.stderr(), second.stderr(), ...stored.map((m) => JSON.stringify(m.json)));
  });
});

describe('tail --nats with credentials from the environment', () => {
  let nats: NatsServer;
  beforeAll(async () => {
    natsServerBinary();
    nats = await startNatsServer({ auth: { user: 'tailer', pass: NATS_PASSWORD } });
  });
  afterAll(async () => {
    await nats?.dispose();
  });

  it('logs in with NATS_USER and NATS_PASSWORD, and says so without the password when they are wrong', async () => {
    const good = tail(['--nats', nats.url], { NATS_USER: 'tailer', NATS_PASSWORD });
    // It cannot deliver: what it says at the stop is the subject, not how long it tries before.
    const bad = tail(['--nats', nats.url, '--sink-drain', '500ms'], { NATS_USER: 'tailer', NATS_PASSWORD: `${NATS_PASSWORD}-wrong` });
    await waitFor('both tailers connected', () => (sim.subscribers('usdm') === 2 ? true : undefined), CLI_START_MS);
    pushOrder(1, 'NEW');
    // The stream is created at start-up, before any event: each tailer must have printed the order
    // before it is stopped, or the order may still be on its way.
    for (const run of [good, bad]) await run.waitForStdout(/"orderId":1\b/);
    await bad.waitForStderr(/cannot connect \(.*[Aa]uthorization.*\); events wait in the queue/);
    await good.waitForStderr(/created the stream/);
    for (const run of [good, bad]) run.interrupt();
    expect(await Promise.all([good.exit, bad.exit])).toEqual([0, 0]);
    expect((await nats.messages('BINANCE_ORDERS')).map((m) => m.json.orderId)).toEqual([1]);
    expect(bad.stderr()).toMatch(/stream BINANCE_ORDERS: 1 event not delivered/);
    expectNoSecret(good.stderr(), bad.stderr());
  });
});

describe('tail --nats tls://', () => {
  let nats: NatsServer;
  let certDir: string;
  beforeAll(async () => {
    natsServerBinary();
    certDir = await mkdtemp(join(tmpdir(), 'binance-orders-nats-tls-'));
    const made = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]);
    if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.error?.message ?? made.stderr.toString()}`);
    nats = await startNatsServer({ tls: { certFile: join(certDir, 'cert.pem'), keyFile: join(certDir, 'key.pem') } });
  });
  afterAll(async () => {
    await nats?.dispose();
    if (certDir) await rm(certDir, { recursive: true, force: true });
  });

  it('publishes over TLS to a server that requires it, trusting the CA the environment names', async () => {
    const url = nats.url.replace('nats://', 'tls://');
    // Node reads NODE_EXTRA_CA_CERTS when the process starts, so only a process can show it trusted.
    const run = spawnTail(['--nats', url], { NODE_EXTRA_CA_CERTS: join(certDir, 'cert.pem') });
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    pushOrder(1, 'NEW');
    await run.waitForStdout(/"orderId":1\b/);
    await run.waitForStderr(/created the stream/);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect((await nats.messages('BINANCE_ORDERS')).map((m) => m.json.orderId)).toEqual([1]);
    expect(run.stderr()).not.toMatch(/not delivered/);
  });
});

describe('tail --accounts with sinks', () => {
  it('delivers each event under its account, and no command inherits any account credential', async () => {
    const keys = { alpha: 'SENTINEL-ALPHA-KEY-1a2b', gamma: 'SENTINEL-GAMMA-KEY-5e6f' };
    const secrets = { alpha: 'SENTINEL-ALPHA-SECRET-9c0d', gamma: 'SENTINEL-GAMMA-SECRET-3a4b' };
    const desk = await createSimExchange({ apiKeys: Object.values(keys), apiSecrets: { [keys.alpha]: secrets.alpha, [keys.gamma]: secrets.gamma }, separateAccounts: true });
    try {
      const file = join(dir, 'accounts.json');
      const entry = (name: string) => ({ name, apiKeyEnv: `${name.toUpperCase()}_KEY`, apiSecretEnv: `${name.toUpperCase()}_SECRET`, markets: ['usdm'] });
      await writeFile(file, JSON.stringify({ accounts: [entry('alpha'), entry('gamma')] }));
      const out = join(dir, 'exec.out');
      const run = startMain(['tail', '--accounts', file, '--json', '--exec', `echo "account=$BINANCE_ORDERS_ACCOUNT" >> ${out}; env >> ${out}`], {
        env: cleanEnv({
          BINANCE_REST_URL: desk.restUrl, BINANCE_WS_URL: desk.wsUrl,
          ALPHA_KEY: keys.alpha, ALPHA_SECRET: secrets.alpha, GAMMA_KEY: keys.gamma, GAMMA_SECRET: secrets.gamma,
        }),
        cwd: dir,
      });
      mains.push(run);
      await waitFor('both accounts connected', () => (desk.connections().length >= 2 ? true : undefined), CLI_START_MS);
      desk.account(keys.alpha).push('usdm', orderTradeUpdate({ orderId: 1, status: 'NEW' }));
      desk.account(keys.gamma).push('usdm', orderTradeUpdate({ orderId: 2, status: 'NEW' }));
      await run.waitForStdout(/"orderId":1\b[\s\S]*\n.*"orderId":2\b|"orderId":2\b[\s\S]*\n.*"orderId":1\b/);
      run.interrupt();
      expect(await run.exit).toBe(0);
      const fromExec = await readFile(out, 'utf8');
      expect(fromExec.match(/^account=\w+$/gm)?.sort()).toEqual(['account=alpha', 'account=gamma']);
      for (const secret of [...Object.values(keys), ...Object.values(secrets)]) expect(fromExec + run.stderr()).not.toContain(secret);
    } finally {
      await desk.close();
    }
  });
});
