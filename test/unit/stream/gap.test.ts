import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/log.js';
import type { DisconnectCause } from '../../../src/stream/classify.js';
import { createGapTracker, type Gap } from '../../../src/stream/gap.js';

function setup() {
  let nowMs = 1_000;
  const lines: string[] = [];
  const reports: Gap[] = [];
  const gaps = createGapTracker({
    now: () => nowMs,
    log: createLogger({ write: (text) => lines.push(text), verbosity: 'normal', now: () => nowMs }),
    onGap: (gap) => reports.push(gap),
  });
  return { gaps, lines, reports, now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

const STALE: DisconnectCause = { kind: 'stale', silentMs: 60_000 };
const CLOSED: DisconnectCause = { kind: 'closed', code: 1006, reason: '' };

describe('createGapTracker', () => {
  it('reports one gap from when the link was last heard, with its first cause and the attempts counted until its close', () => {
    const { gaps, reports, advance } = setup();
    gaps.open(STALE, 400); // silent since 400, found stale at 1000
    gaps.countAttempt();
    advance(500);
    gaps.open(CLOSED, 1_500); // a later failure of the same outage
    gaps.countAttempt();
    advance(250);
    gaps.close();
    expect(reports).toEqual([{ fromMs: 400, toMs: 1_750, cause: STALE, attempts: 2 }]);
  });

  it('reports nothing and counts nothing when no gap is open', () => {
    const { gaps, reports, lines } = setup();
    gaps.countAttempt();
    gaps.close();
    expect(reports).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('starts afresh after a close', () => {
    const { gaps, reports, now, advance } = setup();
    gaps.open(STALE, now());
    gaps.countAttempt();
    gaps.close();
    advance(1_000);
    gaps.open(CLOSED, now());
    advance(100);
    gaps.close();
    gaps.close();
    expect(reports).toEqual([
      { fromMs: 1_000, toMs: 1_000, cause: STALE, attempts: 1 },
      { fromMs: 2_000, toMs: 2_100, cause: CLOSED, attempts: 0 },
    ]);
  });

  it('warns when the gap opens and says when it closed, why, and after how many attempts', () => {
    const { gaps, lines, now, advance } = setup();
    gaps.open(STALE, now());
    gaps.countAttempt();
    advance(2_000);
    gaps.close();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/warning: stream: .*; reconnecting\n$/);
    expect(lines[1]).toMatch(/stream: gap closed .* → .* \(2(\.0)? ?s\), cause: .*, reconnect attempts: 1\n$/);
  });
});
