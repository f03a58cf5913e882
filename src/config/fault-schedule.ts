import { UsageError } from '../errors/errors.js';
import { SIM_FAULT_KINDS, type SimFault, faultOf } from '../sim/index.js';
import { parseDuration } from './duration.js';

/** One entry of a `--faults` schedule: a fault, first applied `atMs` after start, then every `everyMs` if given. */
export interface ScheduledFault {
  readonly fault: SimFault;
  readonly atMs: number;
  readonly everyMs?: number;
  /** The entry as written, for log lines. */
  readonly text: string;
}

/** What the `:arg` of each kind means: a duration in ms, a signed duration, a whole number, or nothing. */
const ARGUMENT: Readonly<Record<SimFault['kind'], { field: string; type: 'duration' | 'signed-duration' | 'integer' } | undefined>> = {
  drop: undefined,
  reset: undefined,
  close: { field: 'code', type: 'integer' },
  stall: { field: 'ms', type: 'duration' },
  'expire-key': { field: 'times', type: 'integer' },
  'invalidate-key': undefined,
  refuse: { field: 'ms', type: 'duration' },
  'rate-limit': { field: 'count', type: 'integer' },
  'server-shutdown': { field: 'ms', type: 'duration' },
  'bad-frame': undefined,
  'clock-skew': { field: 'ms', type: 'signed-duration' },
};

const ENTRY = /^([a-z-]+)(?::([^/@]+))?(?:\/([a-z]+))?@(every\s*)?(\S+)$/;

/**
 * Parses a `--faults` schedule: comma-separated entries `kind[:arg][/market]@when`, where `when` is a
 * duration after start (`30s`) or `every <duration>` (first after one period). Examples:
 * `drop@30s`, `expire-key/coinm@5m`, `stall:20s@every 7m`, `rate-limit:3@every 2m`, `clock-skew:-2s@1m`.
 */
export function parseFaultSchedule(text: string): ScheduledFault[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map(parseEntry);
}

function parseEntry(text: string): ScheduledFault {
  const fail = (why: string) => new UsageError(`--faults: "${text}": ${why}; write kind[:arg][/market]@<duration> or @every <duration>, e.g. drop@30s,stall:20s@every 7m`);
  const match = ENTRY.exec(text);
  if (!match) throw fail('not a schedule entry');
  const [, kind = '', arg, market, every, when = ''] = match;
  if (!(SIM_FAULT_KINDS as readonly string[]).includes(kind)) throw fail(`unknown fault kind; one of ${SIM_FAULT_KINDS.join(', ')}`);
  const whenMs = parseDuration(when);
  if (whenMs === undefined) throw fail(`"${when}" is not a duration such as 30s, 5m or 2h`);
  const argument = ARGUMENT[kind as SimFault['kind']];
  if (arg !== undefined && argument === undefined) throw fail(`${kind} takes no argument`);
  const raw: Record<string, unknown> = { kind, ...(market === undefined ? {} : { market }) };
  if (arg !== undefined && argument !== undefined) raw[argument.field] = argumentValue(arg, argument.type, fail);
  let fault: SimFault;
  try {
    fault = faultOf(raw);
  } catch (err) {
    throw fail((err as Error).message);
  }
  return { fault, atMs: whenMs, ...(every === undefined ? {} : { everyMs: whenMs }), text };
}

function argumentValue(arg: string, type: 'duration' | 'signed-duration' | 'integer', fail: (why: string) => Error): number {
  if (type === 'integer') {
    if (!/^\d+$/.test(arg)) throw fail(`"${arg}" is not a whole number`);
    return Number(arg);
  }
  const negative = type === 'signed-duration' && arg.startsWith('-');
  const ms = parseDuration(negative ? arg.slice(1) : arg);
  if (ms === undefined) throw fail(`"${arg}" is not a duration such as 500ms, 20s or 2m`);
  return negative ? -ms : ms;
}
