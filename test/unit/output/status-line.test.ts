import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStatusLine, describeStatus } from '../../../src/output/status-line.js';
import type { SupervisorSnapshot } from '../../../src/stream/supervisor.js';

const WIPE = '\r\u001b[2K';
const T0 = 1_700_000_000_000;

const snapshot = (over: Partial<SupervisorSnapshot> = {}): SupervisorSnapshot => ({
  state: 'open',
  lastFrameAtMs: T0 - 3_200,
  connectionOpenedAtMs: T0 - 125_000,
  keyObtainedAtMs: T0 - 125_000,
  reconnects: 2,
  attempt: 0,
  ...over,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('describeStatus', () => {
  it('shows state, last event age, connection age, key age and reconnects', () => {
    expect(describeStatus(snapshot(), T0)).toBe('open · last event 3.2s ago · connection 2m05s · key 2m05s · reconnects 2');
  });

  it('says when nothing has arrived yet and when there is no connection', () => {
    const text = describeStatus(snapshot({ state: 'backoff', lastFrameAtMs: undefined, connectionOpenedAtMs: undefined }), T0);
    expect(text).toBe('backoff · last event none yet · connection – · key 2m05s · reconnects 2');
  });
});

describe('createStatusLine', () => {
  it('keeps event lines on a shared terminal off the status line too', async () => {
    const out: string[] = [];
    const line = createStatusLine({ write: (text) => out.push(text), now: () => T0 });
    line.start(() => snapshot());
    const terminal = new PassThrough();
    terminal.on('data', (chunk: Buffer) => out.push(chunk.toString()));
    const stdout = line.guard(terminal);
    out.length = 0;
    await new Promise<void>((resolve) => stdout.write('event line\n', () => resolve()));
    expect(out.slice(0, 2)).toEqual([WIPE, 'event line\n']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(out[2]).toMatch(/^\r\u001b\[2Kopen · /);
    line.stop();
  });

  it('redraws in place every interval and wipes itself around other stderr lines', () => {
    vi.useFakeTimers({ now: T0 });
    const out: string[] = [];
    const line = createStatusLine({ write: (text) => out.push(text), now: Date.now, refreshMs: 1_000 });
    line.start(() => snapshot());
    expect(out).toEqual([`${WIPE}open · last event 3.2s ago · connection 2m05s · key 2m05s · reconnects 2`]);
    vi.advanceTimersByTime(1_000);
    expect(out.at(-1)).toBe(`${WIPE}open · last event 4.2s ago · connection 2m06s · key 2m06s · reconnects 2`);
    out.length = 0;
    line.write('12:00:00.000 warning: one\n');
    line.write('12:00:00.000 warning: two\n');
    expect(out).toEqual([WIPE, '12:00:00.000 warning: one\n', '12:00:00.000 warning: two\n']);
    vi.advanceTimersByTime(1); // a burst of lines is followed by one redraw
    expect(out).toHaveLength(4);
    expect(out[3]).toMatch(/^\r\u001b\[2Kopen · /);
  });

  it('appends the parts added to it, such as what the sinks hold, to every redraw', () => {
    const out: string[] = [];
    let dropped = 0;
    const line = createStatusLine({ write: (text) => out.push(text), now: () => T0, columns: 200 });
    line.addPart(() => `sinks 3 queued, ${dropped} dropped`);
    line.start(() => snapshot());
    dropped = 5;
    line.start(() => snapshot());
    line.stop();
    expect(out[0]).toBe(`${WIPE}open · last event 3.2s ago · connection 2m05s · key 2m05s · reconnects 2 · sinks 3 queued, 0 dropped`);
    expect(out[1]).toMatch(/ · sinks 3 queued, 5 dropped$/);
  });

  it('cuts the line to the terminal width, since a wrapped line cannot be wiped', () => {
    const out: string[] = [];
    const line = createStatusLine({ write: (text) => out.push(text), now: () => T0, columns: 30 });
    line.start(() => snapshot());
    line.stop();
    expect(out[0]!.slice(WIPE.length)).toHaveLength(29);
    expect(out[0]!.endsWith('…')).toBe(true);
  });

  it('leaves nothing behind on stop: the line is wiped and the timer gone', () => {
    vi.useFakeTimers({ now: T0 });
    const out: string[] = [];
    const line = createStatusLine({ write: (text) => out.push(text), now: Date.now });
    line.start(() => snapshot());
    line.stop();
    expect(out.at(-1)).toBe(WIPE);
    expect(vi.getTimerCount()).toBe(0);
    out.length = 0;
    line.write('after\n');
    vi.advanceTimersByTime(5_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(out).toEqual(['after\n']);
  });
});
