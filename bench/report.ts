/** Turns the samples into the Markdown report: absolute figures, ratios to the floor, targets. */
import type { BurstResult, ColdStartResult, LatencyResult, SlowReaderResult } from './measure.js';

export interface ConsumerSamples {
  burst: BurstResult[];
  latency: LatencyResult[];
  coldStart: ColdStartResult[];
  idlePercent: number | undefined;
}

export type Samples = Map<string, ConsumerSamples>;

export interface ReportInput {
  samples: Samples;
  floor: string;
  slowReader: (SlowReaderResult & { consumer: string; bytesPerSec: number }) | undefined;
  settings: { orders: number; runs: number; ratePerSec: number; latencySeconds: number; idleSeconds: number; coldStarts: number };
  machine: string;
  wallSeconds: number;
}

type Figure = { name: string; unit: string; of: (s: ConsumerSamples) => number[]; digits: number; higherIsBetter: boolean };

const FIGURES: Figure[] = [
  { name: 'events/s', unit: '', of: (s) => s.burst.map((b) => b.eventsPerSec), digits: 0, higherIsBetter: true },
  { name: 'CPU s/100k', unit: '', of: (s) => s.burst.map((b) => b.cpuSecPer100k), digits: 2, higherIsBetter: false },
  { name: 'peak RSS MB', unit: '', of: (s) => s.burst.map((b) => b.peakRssMb), digits: 0, higherIsBetter: false },
  { name: 'p50 ms', unit: '', of: (s) => s.latency.map((l) => l.p50Ms), digits: 2, higherIsBetter: false },
  { name: 'p99 ms', unit: '', of: (s) => s.latency.map((l) => l.p99Ms), digits: 2, higherIsBetter: false },
  { name: 'max ms', unit: '', of: (s) => s.latency.map((l) => l.maxMs), digits: 1, higherIsBetter: false },
  { name: 'cold start ms', unit: '', of: (s) => s.coldStart.map((c) => c.wallMs), digits: 0, higherIsBetter: false },
];

/** The issue's targets, as ratios to the floor (idle: % of one core). */
const TARGETS: { consumer: string; figure: string; limit: number; atLeast: boolean }[] = [
  { consumer: 'tail --json', figure: 'events/s', limit: 0.85, atLeast: true },
  { consumer: 'tail --json', figure: 'CPU s/100k', limit: 1.3, atLeast: false },
  { consumer: 'tail --json', figure: 'p99 ms', limit: 1.1, atLeast: false },
  { consumer: 'tail --json', figure: 'peak RSS MB', limit: 1.2, atLeast: false },
  { consumer: 'tail --json', figure: 'cold start ms', limit: 1.3, atLeast: false },
  { consumer: 'tail -o pretty', figure: 'events/s', limit: 0.6, atLeast: true },
  { consumer: 'tail -o pretty', figure: 'CPU s/100k', limit: 2, atLeast: false },
  { consumer: 'tail -o pretty', figure: 'p99 ms', limit: 1.2, atLeast: false },
  { consumer: 'tail -o pretty', figure: 'peak RSS MB', limit: 1.3, atLeast: false },
];
const IDLE_LIMIT_PERCENT = 0.2;
const SLOW_READER_RSS_RATIO = 1.5;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const fmt = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const spread = (values: number[], digits: number) =>
  values.length < 2 ? fmt(median(values), digits) : `${fmt(median(values), digits)} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})`;

/** Ratio to the floor, sample by sample (same run, side by side), so a noisy spell cancels out. */
function ratios(figure: Figure, of: ConsumerSamples, floor: ConsumerSamples): number[] {
  const mine = figure.of(of);
  const floors = figure.of(floor);
  return mine.map((value, i) => value / (floors[i] ?? Number.NaN));
}

export function renderReport(input: ReportInput): string {
  const { samples, settings } = input;
  const floor = samples.get(input.floor) as ConsumerSamples;
  const names = [...samples.keys()];
  const lines: string[] = [];
  lines.push(`# binance-orders benchmark`, '');
  lines.push(
    `${input.machine}. Bursts of ${settings.orders} order updates (+10 % filtered events), ${settings.runs} runs; ` +
      `latency at ${settings.ratePerSec} events/s for ${settings.latencySeconds} s, all consumers side by side; ` +
      `${settings.coldStarts} cold starts each; idle ${settings.idleSeconds} s. Median (min–max). Took ${fmt(input.wallSeconds, 0)} s.`,
    '',
  );
  lines.push(`| consumer | ${FIGURES.map((f) => f.name).join(' | ')} | idle CPU % |`);
  lines.push(`|---|${FIGURES.map(() => '--:').join('|')}|--:|`);
  for (const name of names) {
    const s = samples.get(name) as ConsumerSamples;
    lines.push(`| ${name} | ${FIGURES.map((f) => spread(f.of(s), f.digits)).join(' | ')} | ${fmt(s.idlePercent ?? Number.NaN, 3)} |`);
  }
  lines.push('', `Ratios to the floor (per run, then median; min–max):`, '');
  lines.push(`| consumer | ${FIGURES.map((f) => f.name).join(' | ')} |`);
  lines.push(`|---|${FIGURES.map(() => '--:').join('|')}|`);
  for (const name of names.filter((n) => n !== input.floor)) {
    const s = samples.get(name) as ConsumerSamples;
    lines.push(`| ${name} | ${FIGURES.map((f) => spread(ratios(f, s, floor), 2)).join(' | ')} |`);
  }
  lines.push('', 'Targets:', '', '| consumer | figure | target | measured | holds |', '|---|---|--:|--:|:-:|');
  for (const target of TARGETS) {
    const s = samples.get(target.consumer);
    const figure = FIGURES.find((f) => f.name === target.figure);
    if (!s || !figure) continue;
    const ratio = median(ratios(figure, s, floor));
    const holds = target.atLeast ? ratio >= target.limit : ratio <= target.limit;
    lines.push(`| ${target.consumer} | ${target.figure} | ${target.atLeast ? '≥' : '≤'} ${target.limit}× | ${fmt(ratio, 2)}× | ${holds ? 'yes' : '**no**'} |`);
  }
  const idle = samples.get('tail --json')?.idlePercent ?? Number.NaN;
  lines.push(`| tail --json | idle CPU | < ${IDLE_LIMIT_PERCENT} % | ${fmt(idle, 3)} % | ${idle < IDLE_LIMIT_PERCENT ? 'yes' : '**no**'} |`);
  const slow = input.slowReader;
  if (slow) {
    const floorRss = median(floor.burst.map((b) => b.peakRssMb));
    const ratio = slow.peakRssMb / floorRss;
    const holds = ratio < SLOW_READER_RSS_RATIO && slow.received === slow.expected;
    lines.push(
      `| ${slow.consumer} | slow reader peak RSS, every event | < ${SLOW_READER_RSS_RATIO}× | ${fmt(ratio, 2)}× (${fmt(slow.peakRssMb, 0)} MB, ${slow.received}/${slow.expected}) | ${holds ? 'yes' : '**no**'} |`,
    );
    lines.push(
      '',
      `Slow reader: ${slow.expected} order updates into a reader taking ${fmt(slow.bytesPerSec / 1e6, 1)} MB/s from the pipe: ` +
        `${slow.received} delivered in ${fmt(slow.seconds, 1)} s, peak RSS ${fmt(slow.peakRssMb, 0)} MB (floor's burst peak: ${fmt(floorRss, 0)} MB).`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

const COLD_FIGURES: Figure[] = [
  { name: 'cold start ms', unit: '', of: (s) => s.coldStart.map((c) => c.wallMs), digits: 0, higherIsBetter: false },
  { name: 'CPU ms by then', unit: '', of: (s) => s.coldStart.map((c) => c.cpuMs), digits: 0, higherIsBetter: false },
];

/** `--cold-only`: spawn → first listenKey request, wall and CPU time, each with its ratio to the floor of the same round. */
export function renderColdStarts(samples: Samples, floorName: string, machine: string, starts: number): string {
  const floor = samples.get(floorName) as ConsumerSamples;
  const lines = [`# binance-orders cold start`, '', `${machine}. ${starts} starts each, consumers interleaved. Median (min–max).`, ''];
  lines.push(`| consumer | ${COLD_FIGURES.map((f) => `${f.name} | ratio`).join(' | ')} |`);
  lines.push(`|---|${COLD_FIGURES.map(() => '--:|--:').join('|')}|`);
  for (const [name, s] of samples) {
    const cells = COLD_FIGURES.map((f) => `${spread(f.of(s), f.digits)} | ${name === floorName ? '' : spread(ratios(f, s, floor), 2)}`);
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  lines.push('');
  return lines.join('\n');
}
