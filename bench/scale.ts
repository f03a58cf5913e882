/**
 * The scale run: one `tail --accounts` process following N accounts (one USDⓈ-M stream each) of one
 * simulator that enforces Binance's 2400/min IP weight limit, each account receiving `ratePerSec`
 * order updates. Measures memory and CPU while steady, then drops every socket at once (TCP reset,
 * as a network blip does) and times how long until every stream is back and every account has
 * reconciled its gap, counting the 429s the exchange had to send.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createSimExchange, orderTradeUpdate, type SimExchange } from '../src/sim/index.js';
import { stop } from './consumers.js';
import { cpuMsOf, peakRssMbOf, rssMbOf } from './proc.js';

const BIN = fileURLToPath(new URL('../../../bin/binance-orders.js', import.meta.url));
/** Binance's REQUEST_WEIGHT per IP. */
const WEIGHT_LIMIT_PER_MINUTE = 2400;

export interface ScaleSettings {
  accounts: number;
  ratePerSec: number;
  steadySeconds: number;
  /** Every wait (all connected, all reconciled) gives up after this. */
  timeoutSeconds: number;
}

export interface ScaleResult {
  accounts: number;
  /** Start until every stream had its socket. */
  connectedSec: number;
  /** Start until every account's start-up check (openOrders, weight 40) was answered: bounded by the weight budget. */
  baselinedSec: number;
  /** Memory while steady, after start-up. */
  steadyRssMb: number;
  peakRssMb: number;
  /** CPU while steady, in % of one core. */
  steadyCpuPercent: number;
  /** From the drop until every stream had a new socket. */
  backSec: number;
  /** From the drop until every account had reconciled its gap. */
  reconciledSec: number;
  /** 429 answers over the whole run (target 0). */
  tooManyRequests: number;
  /** Accounts whose recovery after the drop ended in an error instead (target 0). */
  recoveryFailures: number;
  /** Event lines printed over the whole run. */
  lines: number;
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `acct${String(i).padStart(3, '0')}`);
const keyOf = (name: string) => `bench-key-${name}`;
const secretOf = (name: string) => `bench-secret-${name}`;

async function until(what: string, check: () => boolean, timeoutMs: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (child.exitCode !== null) throw new Error(`the consumer exited while waiting for ${what}\n${stderr().slice(-2_000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${stderr().slice(-2_000)}`);
    await sleep(50);
  }
}

/** Runs one scale measurement with `settings.accounts` accounts. */
export async function measureScale(settings: ScaleSettings, progress: (text: string) => void): Promise<ScaleResult> {
  const accounts = names(settings.accounts);
  const sim: SimExchange = await createSimExchange({
    apiKeys: accounts.map(keyOf),
    apiSecrets: Object.fromEntries(accounts.map((name) => [keyOf(name), secretOf(name)])),
    separateAccounts: true,
    weightLimitPerMinute: WEIGHT_LIMIT_PER_MINUTE,
  });
  const dir = mkdtempSync(join(tmpdir(), 'binance-orders-scale-'));
  const file = join(dir, 'accounts.json');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl };
  for (const name of accounts) {
    env[`${name.toUpperCase()}_KEY`] = keyOf(name);
    env[`${name.toUpperCase()}_SECRET`] = secretOf(name);
  }
  writeFileSync(file, JSON.stringify({ accounts: accounts.map((name) => ({ name, apiKeyEnv: `${name.toUpperCase()}_KEY`, apiSecretEnv: `${name.toUpperCase()}_SECRET`, markets: ['usdm'] })) }));

  const startedMs = Date.now();
  const child = spawn(process.execPath, [BIN, 'tail', '--accounts', file, '--json'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++;
  });
  let stderr = '';
  const reconciled = new Set<string>();
  const failed = new Set<string>();
  // Every line of the consumer's stderr, for a look after a failed run.
  const logPath = join(dir, 'stderr.log');
  const log = createWriteStream(logPath);
  let partial = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      log.write(`${line}\n`);
      const match = / (acct\d+)\/usdm: reconcile: (gap .*(nothing missed|recovered over REST)|recovering .* failed)/.exec(line);
      if (match?.[1]) (match[2]?.startsWith('gap') ? reconciled : failed).add(match[1]);
    }
  });
  const tail = () => {
    const missing = accounts.filter((name) => !reconciled.has(name) && !failed.has(name));
    return `${stderr.slice(-1_500)}\nnot reconciled: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ' …' : ''}; every stderr line is in ${logPath}`;
  };
  const timeoutMs = settings.timeoutSeconds * 1000;
  let flow: NodeJS.Timeout | undefined;
  try {
    await until('every stream connected', () => sim.subscribers('usdm') >= accounts.length, timeoutMs, child, tail);
    const connectedSec = (Date.now() - startedMs) / 1000;
    progress(`scale: ${accounts.length} streams connected in ${connectedSec.toFixed(1)} s; waiting for every start-up check (weight-bound)`);
    const baselined = () => new Set(sim.requests.filter((r) => r.path === '/fapi/v1/openOrders' && r.status === 200).map((r) => r.apiKey)).size >= accounts.length;
    await until('every start-up check', baselined, timeoutMs, child, tail);
    const baselinedSec = (Date.now() - startedMs) / 1000;

    // An order is placed, then filled on the next update: every account has at most one open order, as a busy but tidy desk.
    let update = 0;
    flow = setInterval(() => {
      const orderId = Math.floor(update / 2) + 1;
      sim.push('usdm', orderTradeUpdate({ orderId, status: update % 2 === 0 ? 'NEW' : 'FILLED' }));
      update++;
    }, 1000 / settings.ratePerSec);
    progress(`scale: start-up checks done in ${baselinedSec.toFixed(1)} s; ${settings.ratePerSec}/s into each stream for ${settings.steadySeconds} s`);
    await sleep(2_000);
    const cpuBefore = cpuMsOf(child.pid as number);
    const wallBefore = performance.now();
    await sleep(settings.steadySeconds * 1000);
    const steadyCpuPercent = ((cpuMsOf(child.pid as number) - cpuBefore) / (performance.now() - wallBefore)) * 100;
    const steadyRssMb = rssMbOf(child.pid as number);

    progress('scale: dropping every socket at once');
    reconciled.clear();
    failed.clear();
    const droppedMs = Date.now();
    sim.reset();
    await until('the drop to be seen', () => sim.subscribers('usdm') < accounts.length, timeoutMs, child, tail);
    await until('every stream back', () => sim.subscribers('usdm') >= accounts.length, timeoutMs, child, tail);
    const backSec = (Date.now() - droppedMs) / 1000;
    progress(`scale: every stream back in ${backSec.toFixed(1)} s; waiting for every account to reconcile (weight-bound)`);
    await until('every account reconciled', () => reconciled.size + failed.size >= accounts.length, timeoutMs, child, tail);
    const reconciledSec = (Date.now() - droppedMs) / 1000;
    const peakRssMb = peakRssMbOf(child.pid as number);
    return {
      accounts: accounts.length,
      connectedSec,
      baselinedSec,
      steadyRssMb,
      peakRssMb,
      steadyCpuPercent,
      backSec,
      reconciledSec,
      tooManyRequests: sim.requests.filter((r) => r.status === 429).length,
      recoveryFailures: failed.size,
      lines,
    };
  } finally {
    clearInterval(flow);
    await stop(child);
    log.end();
    await sim.close();
  }
}

/** The scale section of the report: N accounts beside one, and the memory each extra stream costs. */
export function renderScale(one: ScaleResult, many: ScaleResult, settings: ScaleSettings): string {
  const perStreamMb = (many.steadyRssMb - one.steadyRssMb) / (many.accounts - one.accounts);
  const row = (r: ScaleResult) =>
    `| ${r.accounts} | ${r.steadyRssMb.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${r.steadyCpuPercent.toFixed(1)} | ${r.connectedSec.toFixed(1)} | ${r.baselinedSec.toFixed(1)} | ${r.backSec.toFixed(1)} | ${r.reconciledSec.toFixed(1)} | ${r.tooManyRequests} | ${r.recoveryFailures} |`;
  return [
    '',
    `## Many accounts in one process (\`tail --accounts\`, ${settings.ratePerSec} updates/s per stream, simulator enforcing 2400 weight/min)`,
    '',
    '| streams | steady RSS MB | peak RSS MB | steady CPU % of a core | all connected s | all start-up checks s | all back after drop s | all reconciled s | 429s | failed recoveries |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    row(one),
    row(many),
    '',
    `Memory per extra stream: **${perStreamMb.toFixed(2)} MB** (target: well under 3 MB). ` +
      'Start-up checks and gap recovery are bound by the weight budget: each USDⓈ-M account spends 41 at start (time, openOrders) and about 45 per gap (openOrders 40, allOrders 5), ' +
      `against ${WEIGHT_LIMIT_PER_MINUTE} per minute for the whole IP, of which binance-orders spends at most 90 %.`,
    '',
  ].join('\n');
}
