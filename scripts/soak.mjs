// npm run soak [-- --duration 10m --fault-every 3s --rate 50 --seed 1 --json]
//
// Runs the simulated exchange with a random fault every few seconds while the real tail follows it
// (in a worker thread, so its heap and handles are measured on their own), then checks that every
// order update the simulator delivered to a socket was printed exactly once and in order.
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { parseDuration } from '../dist/config/duration.js';
import { formatDuration } from '../dist/log/time-format.js';
import { createSimExchange, seededRandom, SIM_API_KEY } from '../dist/sim/index.js';
import { DEFAULT_TIMERS } from '../dist/stream/timers.js';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '2m' },
    'fault-every': { type: 'string', default: '3s' },
    rate: { type: 'string', default: '50' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    json: { type: 'boolean', default: false },
  },
});
const durationMs = parseDuration(flags.duration);
const faultEveryMs = parseDuration(flags['fault-every']);
const ratePerSec = Number(flags.rate);
const seed = Number(flags.seed);
if (durationMs === undefined || faultEveryMs === undefined || !(ratePerSec > 0) || !Number.isInteger(seed)) {
  process.stderr.write('soak: --duration and --fault-every take durations (e.g. 2m, 3s), --rate steps per second, --seed an integer\n');
  process.exit(2);
}

/**
 * An update the simulator wrote to a socket within this long before or after a fault's start or end
 * is "at a fault instant": it may have been in flight when the socket died (a reset discards what the
 * kernel has not sent; a stalled server that resumes writes to sockets the client already closed
 * before it reads their FIN). Everything else delivered must be printed: that is "missed while connected".
 */
const FAULT_INSTANT_BEFORE_MS = 50;
const FAULT_INSTANT_AFTER_MS = 250;
const TIMERS = {
  ...DEFAULT_TIMERS,
  heartbeatMs: 1_000,
  keepaliveMs: 4_000,
  keepaliveRetryMs: 200,
  maxConnectionAgeMs: 5_000,
  backoffBaseMs: 50,
  backoffCapMs: 2_000,
  healthyAfterMs: 3_000,
  handshakeTimeoutMs: 2_000,
  rateLimitDefaultMs: 1_000,
};
const KEY_PATH = '/fapi/v1/listenKey';

const random = seededRandom(seed);
const between = (lowMs, highMs) => Math.round(lowMs + random() * (highMs - lowMs));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const sim = await createSimExchange();
const faultInstants = [];
const faultCounts = {};
const mark = () => faultInstants.push(Date.now());

/** Each fault injects itself, marks its instants, and resolves when it is over. */
const FAULTS = {
  'drop (1001)': async () => sim.drop(1001),
  'TCP reset': async () => sim.reset(),
  stall: async () => {
    sim.stall(true);
    await sleep(between(500, 3_000));
    mark();
    sim.stall(false);
  },
  'listenKeyExpired': async () => sim.activeKey('usdm') && sim.expireKey('usdm', { times: random() < 0.5 ? 1 : 2 }),
  'refused upgrades': async () => {
    sim.refuseConnections(true);
    sim.drop(1001);
    await sleep(between(500, 3_000));
    mark();
    sim.refuseConnections(false);
  },
  '429 on POST': async () => {
    sim.failNext({ method: 'POST', path: KEY_PATH, status: 429, headers: { 'Retry-After': '1' }, body: { code: -1003, msg: 'Too many requests.' } });
    sim.drop(1001);
  },
  '429 on PUT': async () =>
    sim.failNext({ method: 'PUT', path: KEY_PATH, status: 429, headers: { 'Retry-After': '1' }, body: { code: -1003, msg: 'Too many requests.' } }),
  '5xx burst on POST': async () => {
    sim.failNext({ method: 'POST', path: KEY_PATH, status: 503, times: between(1, 4), body: 'Service Unavailable' });
    sim.drop(1001);
  },
  'keepalive network failure': async () => sim.failNext({ method: 'PUT', path: KEY_PATH, status: 0, destroy: true }),
};
const faultNames = Object.keys(FAULTS);

// What the simulator delivered, keyed by what identifies an order update, until it is printed.
const pending = new Map(); // key -> { index, sentAtMs }
const printedKeys = new Set();
let nextSent = 0;
let delivered = 0;
let printed = 0;
let duplicated = 0;
let printedUndelivered = 0;
let outOfOrder = 0;
let lastPrintedIndex = -1;
let gaps = 0;
let rotations = 0;
const gapCauses = {};

const GAP_CAUSES = [
  ['server close', /cause: closed by the server/],
  ['connection lost', /cause: connection lost/],
  ['socket error', /cause: socket error/],
  ['refused upgrade', /cause: handshake refused/],
  ['stale link', /cause: no frame for/],
  ['key expired', /cause: listenKey expired/],
  ['key request failed', /cause: listenKey request failed/],
];
const keyOfPayload = (p) => (p.e === 'ORDER_TRADE_UPDATE' ? [p.o.i, p.o.x, p.o.X, p.o.t, p.T ?? p.o.T, p.o.z].join('|') : undefined);
const keyOfLine = (l) => [l.orderId, l.execType, l.status, l.tradeId, l.transactionTime, l.filledQty].join('|');

/** Moves newly sent payloads into `pending`, and lets the simulator's record go so it does not grow. */
function takeSent(flow) {
  const sent = flow.sent;
  for (; nextSent < sent.length; nextSent++) {
    const { payload, delivered: reached } = sent[nextSent];
    const key = keyOfPayload(payload);
    if (key === undefined || !reached) continue;
    delivered++;
    pending.set(key, { index: delivered, sentAtMs: payload.E });
  }
  sent.length = 0; // the soak's own bookkeeping replaces it
  nextSent = 0;
}

function onPrinted(line) {
  const key = keyOfLine(JSON.parse(line));
  if (printedKeys.has(key)) {
    duplicated++;
    return;
  }
  printedKeys.add(key);
  printed++;
  const entry = pending.get(key);
  if (!entry) {
    printedUndelivered++;
    return;
  }
  pending.delete(key);
  if (entry.index < lastPrintedIndex) outOfOrder++;
  lastPrintedIndex = entry.index;
}

function onLog(line) {
  if (/gap closed/.test(line)) {
    gaps++;
    const cause = GAP_CAUSES.find(([, pattern]) => pattern.test(line))?.[0] ?? 'other';
    gapCauses[cause] = (gapCauses[cause] ?? 0) + 1;
  }
  if (/replaced connection/.test(line)) rotations++;
  if (/warning|error/.test(line) && process.env.SOAK_VERBOSE) process.stderr.write(`${line}\n`);
}

const worker = new Worker(new URL('./soak-tail.mjs', import.meta.url), {
  workerData: { restUrl: sim.restUrl, wsUrl: sim.wsUrl, apiKey: SIM_API_KEY, timers: TIMERS },
});
const measurements = [];
let flow = { sent: [] };
let ended;
const endedPromise = new Promise((resolve) => (ended = resolve));
worker.on('message', (message) => {
  if (message.kind === 'output') {
    takeSent(flow); // whatever was printed was sent before this message arrived
    message.lines.forEach(onPrinted);
    message.logs.forEach(onLog);
  } else if (message.kind === 'measure') {
    measurements.shift()?.(message);
  } else if (message.kind === 'ended') {
    ended(message);
  }
});
worker.on('error', (error) => {
  process.stderr.write(`soak: the tail worker failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
const measure = () => new Promise((resolve) => {
  measurements.push(resolve);
  worker.postMessage('measure');
});

await sim.waitForConnection({ timeoutMs: 10_000 });
flow = sim.startFlow({ market: 'usdm', ratePerSec, random: seededRandom(seed + 1) });
await sleep(2_000);
const start = await measure();
const startedAt = Date.now();
process.stderr.write(`soak: ${formatDuration(durationMs)}, a fault every ~${formatDuration(faultEveryMs)}, ${ratePerSec} steps/s, seed ${seed}\n`);

// The heap grows while caches warm up and the dedupe window (4096 updates) fills; after that it must stay level.
const heapSeries = [];
let lastReport = startedAt;
while (Date.now() - startedAt < durationMs) {
  const name = faultNames[Math.floor(random() * faultNames.length)];
  faultCounts[name] = (faultCounts[name] ?? 0) + 1;
  mark();
  await FAULTS[name]();
  await sleep(between(faultEveryMs / 2, (faultEveryMs * 3) / 2));
  if (Date.now() - lastReport >= 30_000) {
    lastReport = Date.now();
    const { heapUsedBytes } = await measure();
    heapSeries.push(heapUsedBytes);
    process.stderr.write(
      `soak: ${formatDuration(lastReport - startedAt)}: ${delivered} delivered, ${printed} printed, ${duplicated} duplicated, ${gaps} gaps, tail heap ${(heapUsedBytes / 1_048_576).toFixed(1)} MB\n`,
    );
  }
}

// Let the last fault heal, then stop sending and give every delivered update time to be printed.
await sleep(Math.max(3_000, TIMERS.backoffCapMs * 2));
const end = await measure();
flow.stop();
takeSent(flow);
await sleep(1_000);
worker.postMessage('stop');
const final = await endedPromise;
await sim.close();

const nearFault = (ms) => faultInstants.some((t) => ms >= t - FAULT_INSTANT_BEFORE_MS && ms <= t + FAULT_INSTANT_AFTER_MS);
const unprinted = [...pending.values()];
const atFaultInstants = unprinted.filter((e) => nearFault(e.sentAtMs)).length;
const report = {
  seed,
  durationMs: Date.now() - startedAt,
  faults: Object.values(faultCounts).reduce((a, b) => a + b, 0),
  faultCounts,
  events: { delivered, printed, duplicated, outOfOrder, printedUndelivered, missedWhileConnected: unprinted.length - atFaultInstants, unprintedAtFaultInstants: atFaultInstants },
  gaps,
  gapCauses,
  rotations,
  heapUsedBytes: { start: start.heapUsedBytes, every30s: heapSeries, end: end.heapUsedBytes, afterStop: final.heapUsedBytes },
  handles: { start: start.handles, end: end.handles, afterStop: final.handles },
  error: final.error,
};

if (flags.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const mb = (bytes) => `${(bytes / 1_048_576).toFixed(1)} MB`;
  const handles = (h) => Object.entries(h).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  process.stdout.write(
    [
      `duration            ${formatDuration(report.durationMs)} (seed ${seed})`,
      `faults              ${report.faults}: ${Object.entries(faultCounts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `updates delivered   ${delivered}`,
      `printed             ${printed}`,
      `duplicated          ${duplicated}`,
      `out of order        ${outOfOrder}`,
      `missed while connected  ${report.events.missedWhileConnected}`,
      `unprinted, sent at a fault instant  ${atFaultInstants}`,
      `reconnects (gaps)   ${gaps}: ${Object.entries(gapCauses).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `rotations           ${rotations}`,
      `tail heap           ${mb(start.heapUsedBytes)} at start, ${mb(end.heapUsedBytes)} at end; every 30s: ${heapSeries.map(mb).join(', ')}`,
      `tail handles        start: ${handles(start.handles)}; end: ${handles(end.handles)}; after stop: ${handles(final.handles)}`,
      ...(final.error ? [`tail ended with     ${final.error}`] : []),
      '',
    ].join('\n'),
  );
}
const ok = report.events.missedWhileConnected === 0 && duplicated === 0 && outOfOrder === 0 && !final.error;
process.exitCode = ok ? 0 : 1;
