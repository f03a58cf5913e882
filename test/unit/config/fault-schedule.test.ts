import { describe, expect, it } from 'vitest';
import { parseFaultSchedule } from '../../../src/config/fault-schedule.js';

describe('parseFaultSchedule', () => {
  it('reads kind[:arg][/market]@when entries, once or every period', () => {
    expect(parseFaultSchedule('drop@30s, expire-key/coinm@5m,stall:20s@every 7m,rate-limit:3@every2m,clock-skew:-2s@1m,close:4000@1h')).toEqual([
      { fault: { kind: 'drop' }, atMs: 30_000, text: 'drop@30s' },
      { fault: { kind: 'expire-key', market: 'coinm' }, atMs: 300_000, text: 'expire-key/coinm@5m' },
      { fault: { kind: 'stall', ms: 20_000 }, atMs: 420_000, everyMs: 420_000, text: 'stall:20s@every 7m' },
      { fault: { kind: 'rate-limit', count: 3 }, atMs: 120_000, everyMs: 120_000, text: 'rate-limit:3@every2m' },
      { fault: { kind: 'clock-skew', ms: -2_000 }, atMs: 60_000, text: 'clock-skew:-2s@1m' },
      { fault: { kind: 'close', code: 4000 }, atMs: 3_600_000, text: 'close:4000@1h' },
    ]);
  });

  it.each([
    ['drop', 'not a schedule entry'],
    ['explode@1s', 'unknown fault kind'],
    ['drop@soon', 'is not a duration'],
    ['drop:5s@1s', 'takes no argument'],
    ['stall@1m', 'ms is required'],
    ['stall:fast@1m', 'is not a duration'],
    ['stall:5s/coinm@1m', 'unknown field "market"'],
    ['expire-key/spot@1m', 'market must be one of'],
  ])('rejects %s, saying why', (text, why) => {
    expect(() => parseFaultSchedule(text)).toThrow(why);
  });
});
