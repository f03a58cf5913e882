import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { INITIAL_UI } from '../../../src/board/keys.js';
import { BoardModel } from '../../../src/board/model.js';
import { fit, renderBoard } from '../../../src/board/render.js';
import { NOW_MS, sampleView } from './board-state.js';

const plain = new Chalk({ level: 0 });
const screen = (lines: string[]) => `${lines.join('\n')}\n`;

describe('renderBoard', () => {
  it.each([
    [80, 24],
    [120, 40],
  ])('draws the sample account at %ix%i as the expected screen', async (columns, rows) => {
    const lines = renderBoard(sampleView(), { columns, rows }, plain);
    expect(lines).toHaveLength(rows);
    for (const line of lines) expect(line).toHaveLength(columns);
    await expect(screen(lines)).toMatchFileSnapshot(`screens/sample-${columns}x${rows}.txt`);
  });

  it('fills every size from 40x8 up with exactly one full-width line per row', () => {
    for (let columns = 40; columns <= 140; columns += 7) {
      for (let rows = 8; rows <= 50; rows += 3) {
        const lines = renderBoard(sampleView({ notice: 'x'.repeat(200) }), { columns, rows }, plain);
        expect(lines).toHaveLength(rows);
        for (const line of lines) expect(line).toHaveLength(columns);
      }
    }
  });

  it('keeps every section usable at 80x24 when there are more rows than room', () => {
    const model = new BoardModel();
    const base = sampleView().data.orders[0]?.event;
    if (!base) throw new Error('sample has orders');
    for (let id = 1; id <= 30; id++) model.apply({ ...base, orderId: id, symbol: `SYM${String(id).padStart(2, '0')}USDT`, transactionTime: NOW_MS - id * 1_000 });
    const lines = renderBoard(sampleView({ data: { ...model.data(), positions: sampleView().data.positions } }), { columns: 80, rows: 24 }, plain);
    expect(lines.find((line) => line.startsWith('… '))).toMatch(/^… 23 more/);
    expect(lines.some((line) => line.startsWith('POSITIONS 2'))).toBe(true);
    expect(lines.some((line) => line.startsWith('RECENT FILLS'))).toBe(true);
  });

  it('filters every section by symbol and says how many match', () => {
    const lines = renderBoard(sampleView({ ui: { ...INITIAL_UI, filter: 'SOL' } }), { columns: 80, rows: 24 }, plain);
    expect(lines[1]).toMatch(/^OPEN ORDERS 1 of 4 matching SOL/);
    expect(lines.filter((line) => /^(BTC|ETH)USDT/.test(line))).toEqual([]);
    expect(lines.at(-1)).toContain('filter SOL');
  });

  it('shows the filter being typed, the pause mark, the help and the no-secret notice in the status bar', () => {
    const size = { columns: 80, rows: 24 };
    expect(renderBoard(sampleView({ ui: { ...INITIAL_UI, editing: 'ET' } }), size, plain).at(-1)).toMatch(/^ filter: ET█ +Enter apply {2}Esc cancel $/);
    expect(renderBoard(sampleView({ ui: { ...INITIAL_UI, paused: true } }), size, plain).at(-1)).toMatch(/^ connected {2}PAUSED {2}last event 2s ago/);
    expect(renderBoard(sampleView({ snapshot: 'no-secret', health: { state: 'reconnecting', lastEventAtMs: undefined, reconnects: 3 } }), size, plain).at(-1)).toMatch(
      /^ reconnecting {2}no secret: started empty · no event yet · reconnects 3/,
    );
    const help = renderBoard(sampleView({ ui: { ...INITIAL_UI, help: true } }), size, plain);
    expect(help.slice(1, 7).join('\n')).toMatch(/KEYS *\n {2}q, Ctrl-C +quit *\n {2}\/ +filter by symbol/);
  });

  it('colours sides, statuses and PnL as the pretty output does', () => {
    const c = new Chalk({ level: 1 });
    const lines = renderBoard(sampleView(), { columns: 120, rows: 40 }, c);
    const sol = lines.find((line) => line.includes('SOLUSDT') && line.includes('85.67') && line.includes('NEW')) ?? '';
    expect(sol).toContain(c.green('BUY '));
    expect(sol).toContain(c.cyan('NEW    '));
    expect(lines.join('\n')).toContain(c.red('     -1.29000000'));
  });

  it('says when the terminal is smaller than 40x8, and never prints control characters from the wire', () => {
    expect(renderBoard(sampleView(), { columns: 39, rows: 20 }, plain)[0]).toMatch(/^terminal too small: 39x20 \(need 40x8\)/);
    expect(fit('a\u001b[2Jb\u0007', 10)).toBe('a?[2Jb?   ');
    expect(fit('ABCDEFGHIJ', 5)).toBe('ABCD…');
  });
});
