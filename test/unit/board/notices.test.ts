import { describe, expect, it } from 'vitest';
import { Notices } from '../../../src/board/notices.js';

describe('Notices', () => {
  it('keeps the latest log line without its clock for 30 seconds, and asks for a redraw', () => {
    let nowMs = 1_000;
    const notices = new Notices(() => nowMs);
    let changes = 0;
    notices.onChange = () => changes++;
    notices.write('10:00:00.000 stream: connected\n');
    notices.write('10:00:01.250 warning: reconcile: paused\n\n');
    expect(notices.latest(nowMs)).toBe('warning: reconcile: paused');
    expect(changes).toBe(2);
    nowMs += 30_000;
    expect(notices.latest(nowMs)).toBeUndefined();
  });
});
