/**
 * `npm run bench`: the built CLI against the floor (bench/floor.ts), every consumer its own
 * process with stdout piped back here. Prints a Markdown report and writes it to bench/results/
 * (untracked, timestamped); --save also replaces the tracked bench/results/latest.md.
 * Flags: --events N (order updates per burst), --runs R, --rate N/s, --latency-seconds S,
 * --idle-seconds S (30 or more), --cold-starts K, --slow-reader-mbps M, --no-slow-reader, --save; the
 * scale run: --scale-accounts N, --scale-rate N/s, --scale-seconds S, --no-scale, --scale-only; --cold-only
 * runs just the cold starts (wall and CPU time to the first listenKey request).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createSimExchange } from '../src/sim/index.js';
import { CLI_JSON, CONSUMERS, FLOOR_CONSUMER } from './consumers.js';
import { measureBurst, measureColdStart, measureIdle, measureLatency, measureSlowReader, type BurstResult, type LatencyResult } from './measure.js';
import { renderColdStarts, renderReport, type Samples } from './report.js';
import { measureScale, renderScale, type ScaleSettings } from './scale.js';

const { values: flags } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '3' },
    rate: { type: 'string', default: '2000' },
    'latency-seconds': { type: 'string', default: '10' },
    'idle-seconds': { type: 'string', default: '60' },
    'cold-starts': { type: 'string', default: '7' },
    'slow-reader-mbps': { type: 'string', default: '8' },
    'no-slow-reader': { type: 'boolean', default: false },
    save: { type: 'boolean', default: false },
    'scale-accounts': { type: 'string', default: '100' },
    'scale-rate': { type: 'string', default: '5' },
    'scale-seconds': { type: 'string', default: '20' },
    'no-scale': { type: 'boolean', default: false },
    'scale-only': { type: 'boolean', default: false },
    'cold-only': { type: 'boolean', default: false },
  },
});
const scaleSettings: ScaleSettings = {
  accounts: Number(flags['scale-accounts']),
  ratePerSec: Number(flags['scale-rate']),
  steadySeconds: Number(flags['scale-seconds']),
  timeoutSeconds: 600,
};
const orders = Number(flags.events);
const runs = Number(flags.runs);
const ratePerSec = Number(flags.rate);
const latencySeconds = Number(flags['latency-seconds']);
const idleSeconds = Number(flags['idle-seconds']);
// CPU time is counted in 10 ms clock ticks: over 5 s one tick is 0.2 %, so a short window reads 0 % or 0.2 %.
const MIN_IDLE_SECONDS = 30;
if (!(idleSeconds >= MIN_IDLE_SECONDS)) {
  process.stderr.write(`bench: --idle-seconds must be ${MIN_IDLE_SECONDS} or more (CPU time is counted in 10 ms ticks)\n`);
  process.exit(2);
}
const coldStartCount = Number(flags['cold-starts']);
const slowReaderBytesPerSec = Number(flags['slow-reader-mbps']) * 1_000_000;

const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);
const resultsDir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));

/** One account, then many: the difference is what each extra stream costs. */
async function scaleSection(): Promise<string> {
  progress(`scale: 1 account, then ${scaleSettings.accounts}`);
  const one = await measureScale({ ...scaleSettings, accounts: 1 }, progress);
  const many = await measureScale(scaleSettings, progress);
  return renderScale(one, many, scaleSettings);
}

if (flags['scale-only']) {
  const section = await scaleSection();
  process.stdout.write(section);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(`${resultsDir}scale-latest.md`, section);
  process.exit(0);
}
const began = performance.now();
const samples: Samples = new Map(CONSUMERS.map((spec) => [spec.name, { burst: [], latency: [], coldStart: [], idlePercent: undefined }]));
const sampleOf = (name: string) => samples.get(name) as Samples extends Map<string, infer V> ? V : never;
const machine = () => `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z`;

// Consumers take turns in a rotating order, so a slow spell of the machine does not always hit the same one.
const rotated = <T>(items: readonly T[], by: number): T[] => items.map((_, i) => items[(i + by) % items.length] as T);

async function coldStarts(): Promise<void> {
  progress(`cold start, ${coldStartCount} times each`);
  const coldSim = await createSimExchange();
  try {
    for (let i = 0; i < coldStartCount; i++) {
      for (const spec of rotated(CONSUMERS, i)) sampleOf(spec.name).coldStart.push(await measureColdStart(coldSim, spec));
    }
  } finally {
    await coldSim.close();
  }
}

if (flags['cold-only']) {
  await coldStarts();
  process.stdout.write(renderColdStarts(samples, FLOOR_CONSUMER.name, machine(), coldStartCount));
  process.exit(0);
}

for (let run = 0; run < runs; run++) {
  for (const spec of rotated(CONSUMERS, run)) {
    progress(`run ${run + 1}/${runs}: burst of ${orders} into ${spec.name}`);
    const result: BurstResult = await measureBurst(spec, orders, 120_000);
    sampleOf(spec.name).burst.push(result);
  }
  progress(`run ${run + 1}/${runs}: ${ratePerSec}/s for ${latencySeconds} s into every consumer at once`);
  const latency: Map<string, LatencyResult> = await measureLatency(rotated(CONSUMERS, run), ratePerSec, latencySeconds);
  for (const [name, result] of latency) sampleOf(name).latency.push(result);
}

await coldStarts();

progress(`idle for ${idleSeconds} s, every consumer connected at once`);
for (const [name, percent] of await measureIdle(CONSUMERS, idleSeconds)) sampleOf(name).idlePercent = percent;

const slowReader = flags['no-slow-reader']
  ? undefined
  : (progress(`slow reader (${flags['slow-reader-mbps']} MB/s) behind ${CLI_JSON.name}`),
    await measureSlowReader(CLI_JSON, orders, slowReaderBytesPerSec, 180_000));

const scale = flags['no-scale'] ? '' : await scaleSection();
const report = renderReport({
  samples,
  floor: FLOOR_CONSUMER.name,
  slowReader: slowReader && { consumer: CLI_JSON.name, ...slowReader, bytesPerSec: slowReaderBytesPerSec },
  settings: { orders, runs, ratePerSec, latencySeconds, idleSeconds, coldStarts: coldStartCount },
  machine: machine(),
  wallSeconds: (performance.now() - began) / 1000,
}) + scale;
process.stdout.write(report);
mkdirSync(resultsDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
writeFileSync(`${resultsDir}${stamp}.md`, report);
writeFileSync(`${resultsDir}${stamp}.json`, JSON.stringify({ samples: Object.fromEntries(samples), slowReader }, null, 2));
if (flags.save) writeFileSync(`${resultsDir}latest.md`, report);
progress(`written to bench/results/${stamp}.md${flags.save ? ' and bench/results/latest.md' : ' (--save also replaces bench/results/latest.md)'}`);
