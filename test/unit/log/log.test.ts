import { describe, expect, it } from 'vitest';
import { createLogger, rateLimitedWarn, type Verbosity } from '../../../src/log/log.js';

const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const LISTEN_KEY = 'pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1';

function capture(verbosity: Verbosity, nowMs = 0) {
  const lines: string[] = [];
  const log = createLogger({ write: (text) => lines.push(text), verbosity, now: () => nowMs, secrets: new Set([API_KEY]) });
  return { log, lines };
}

function everyLevel(log: ReturnType<typeof capture>['log'], message: string) {
  log.error(message);
  log.warn(message);
  log.info(message);
  log.debug(message);
}

describe('createLogger', () => {
  it('prefixes errors with the program name and other lines with a UTC clock and a label', () => {
    const { log, lines } = capture('verbose', Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    everyLevel(log, 'hello');
    expect(lines).toEqual([
      'binance-orders: hello\n',
      '03:04:05.678 warning: hello\n',
      '03:04:05.678 hello\n',
      '03:04:05.678 debug: hello\n',
    ]);
  });

  it.each<[Verbosity, number]>([
    ['quiet', 1],
    ['normal', 3],
    ['verbose', 4],
  ])('at %s prints %i of the four levels', (verbosity, count) => {
    const { log, lines } = capture(verbosity);
    everyLevel(log, 'm');
    expect(lines).toHaveLength(count);
    expect(lines[0]).toBe('binance-orders: m\n');
    expect(log.verbosity).toBe(verbosity);
  });

  it('keeps debug lines out at normal', () => {
    const { log, lines } = capture('normal');
    log.debug('detail');
    expect(lines).toEqual([]);
  });

  it('scrubs secrets given at creation and added later in every level', () => {
    const { log, lines } = capture('verbose');
    log.addSecret(LISTEN_KEY);
    everyLevel(log, `api ${API_KEY} key ${LISTEN_KEY}`);
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line).toContain('api vmPU…Eh8A key pqia…65a1');
      expect(line).not.toContain(API_KEY);
      expect(line).not.toContain(LISTEN_KEY);
    }
  });

  it('ignores an empty secret', () => {
    const { log, lines } = capture('normal');
    log.addSecret('');
    log.info('plain text');
    expect(lines).toEqual(['00:00:00.000 plain text\n']);
  });
});

describe('rateLimitedWarn', () => {
  function setup(limit: number, windowMs: number) {
    let nowMs = 1_000_000;
    const { log, lines } = capture('normal');
    const warn = rateLimitedWarn(log, limit, windowMs, () => nowMs);
    const messages = () => lines.map((line) => line.replace(/^\S+ warning: /, '').trimEnd());
    return { warn, messages, advance: (ms: number) => (nowMs += ms) };
  }

  it('lets the first N warnings of a window through and holds back the rest', () => {
    const { warn, messages } = setup(2, 10_000);
    for (let i = 1; i <= 5; i++) warn(`bad frame ${i}`);
    expect(messages()).toEqual(['bad frame 1', 'bad frame 2']);
  });

  it('reports the suppressed count when the next window opens, then lets N through again', () => {
    const { warn, messages, advance } = setup(2, 10_000);
    for (let i = 1; i <= 5; i++) warn(`bad frame ${i}`);
    advance(12_000);
    warn('bad frame 6');
    warn('bad frame 7');
    warn('bad frame 8');
    expect(messages()).toEqual([
      'bad frame 1',
      'bad frame 2',
      '3 similar warnings suppressed in the last 12s',
      'bad frame 6',
      'bad frame 7',
    ]);
  });

  it('reports nothing when no warning was held back', () => {
    const { warn, messages, advance } = setup(3, 1_000);
    warn('a');
    advance(5_000);
    warn('b');
    expect(messages()).toEqual(['a', 'b']);
  });

  it('keeps counting within a window that has not yet passed', () => {
    const { warn, messages, advance } = setup(1, 1_000);
    warn('a');
    advance(999);
    warn('b');
    advance(1);
    warn('c');
    expect(messages()).toEqual(['a', '1 similar warnings suppressed in the last 1s', 'c']);
  });
});
