import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BoardScreen } from '../../../src/board/screen.js';

/** A terminal's two ends: what the screen writes, and a keyboard in raw mode or not. */
function terminal() {
  const written: string[] = [];
  const output = Object.assign(new Writable({ write: (chunk, _encoding, callback) => (written.push(String(chunk)), callback()) }), { columns: 80, rows: 24 });
  const modes: boolean[] = [];
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (on: boolean) => modes.push(on) });
  return { written, output, input, modes };
}

describe('BoardScreen', () => {
  it('takes the alternate screen with raw keys, and gives everything back once, however often restore is called', () => {
    const t = terminal();
    const screen = new BoardScreen(t);
    const keys: string[] = [];
    screen.enter((data) => keys.push(data), () => {});
    expect(t.written.join('')).toBe('\u001b[?1049h\u001b[?25l\u001b[?7l\u001b[2J');
    t.input.write('q');
    expect(keys).toEqual(['q']);
    screen.restore();
    screen.restore();
    expect(t.written.slice(1)).toEqual(['\u001b[0m\u001b[?7h\u001b[?25h\u001b[?1049l']);
    expect(t.modes).toEqual([true, false]);
    expect(t.input.listenerCount('data')).toBe(0);
  });

  it('writes only the lines that changed, nothing for an unchanged frame, and the whole screen, cleared first, after a resize', () => {
    const t = terminal();
    const screen = new BoardScreen(t);
    let resized = 0;
    screen.enter(() => {}, () => resized++);
    t.written.length = 0;
    screen.draw(['a', 'b', 'c']);
    expect(t.written).toHaveLength(1);
    screen.draw(['a', 'B', 'c']);
    expect(t.written[1]).toBe('\u001b[2;1HB\u001b[0m');
    screen.draw(['a', 'B', 'c']);
    expect(t.written).toHaveLength(2);
    t.output.emit('resize');
    screen.draw(['a', 'B', 'c']);
    expect(resized).toBe(1);
    expect(t.written[2]).toBe('\u001b[2J\u001b[1;1Ha\u001b[0m\u001b[2;1HB\u001b[0m\u001b[3;1Hc\u001b[0m');
  });

  it('draws nothing after restore', () => {
    const t = terminal();
    const screen = new BoardScreen(t);
    screen.enter(() => {}, () => {});
    screen.restore();
    const count = t.written.length;
    screen.draw(['late']);
    expect(t.written).toHaveLength(count);
  });
});
