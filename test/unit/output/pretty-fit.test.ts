import { describe, expect, it } from 'vitest';
import { loadChalk } from '../../../src/output/color.js';
import { createPrettyPrinter, formatPretty, truncateVisible, visibleWidth } from '../../../src/output/pretty.js';
import { order } from './sample-events.js';

const plain = await loadChalk(0);
const colour = await loadChalk(1);
const DAY_MS = 86_400_000;

const btc = (overrides: Parameters<typeof order>[0] = {}) =>
  order({ symbol: 'BTCUSDT', price: '104250.10', avgPrice: '104250.10000', origQty: '0.010', filledQty: '0.010', eventTime: Date.UTC(2026, 11, 2, 14, 3, 7, 123), ...overrides });
const fill = btc({ execType: 'TRADE', status: 'FILLED', lastFilledQty: '0.010', lastFilledPrice: '104250.10', commission: '0.41700040', commissionAsset: 'USDT' });

/** The lines a printer writes for these events, without the date lines. */
function linesAt(columns: number | undefined, events: ReturnType<typeof order>[]): string[] {
  const print = createPrettyPrinter(plain, { columns: () => columns, utc: true });
  return events.flatMap((e) => print(e).split('\n')).filter((line) => !line.startsWith('---'));
}

describe('pretty lines on a terminal', () => {
  it('prints the full line when stdout is not a terminal', () => {
    expect(linesAt(undefined, [fill])).toEqual([formatPretty(fill, plain)]);
    expect(formatPretty(fill, plain).length).toBeGreaterThan(150);
  });

  it('fits 80 columns and keeps time, mark, symbol, side, status, filled/qty and price@avg', () => {
    const [line] = linesAt(80, [fill]);
    expect(line?.length).toBeLessThanOrEqual(80);
    expect(line).toMatch(/^14:03:07 \+ BTCUSDT\s+BUY\s+FILLED\s+0\.010\/0\.010\s+104250\.10@104250\.10000$/);
  });

  it('drops the client order id first, then the ids, then the fill detail', () => {
    const full = formatPretty(fill, plain);
    const [noClientId] = linesAt(full.length - 1, [fill]);
    expect(noClientId).toContain(`#${fill.orderId}`);
    expect(noClientId).not.toContain(fill.clientOrderId);
    expect(noClientId).toContain('fee 0.41700040 USDT');
    const [noIds] = linesAt(visibleWidth(noClientId ?? '') - 1, [fill]);
    expect(noIds).not.toContain('#');
    expect(noIds).toContain('fill 0.010 @ 104250.10');
  });

  it('keeps the columns of new, fill and cancel lines aligned at 80 and 120 columns with 5- and 6-digit prices', () => {
    const events = [
      btc({ execType: 'NEW', status: 'NEW', filledQty: '0', avgPrice: '0' }),
      fill,
      btc({ symbol: 'ETHUSDT', price: '3890.55', avgPrice: '0', execType: 'CANCELED', status: 'CANCELED', side: 'SELL', filledQty: '0' }),
      btc({ price: '99999.90', avgPrice: '99999.90000', execType: 'TRADE', status: 'PARTIALLY_FILLED', filledQty: '0.004' }),
    ];
    for (const columns of [80, 120]) {
      const lines = linesAt(columns, events);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
      for (const column of [/ (BUY|SELL) /, / (NEW|FILLED|CANCELED|PART\w*) /, / \d+(\.\d+)?\/\d/, / \d+\.\d+@/]) {
        expect(new Set(lines.map((line) => line.search(column))).size, `${columns}: ${column}`).toBe(1);
      }
    }
  });

  it('counts only visible characters, so colour does not shorten a line', () => {
    const coloured = createPrettyPrinter(colour, { columns: () => 80, utc: true })(fill).split('\n')[1] ?? '';
    expect(visibleWidth(coloured)).toBe(linesAt(80, [fill])[0]?.length);
  });

  it('cuts what still does not fit, keeping escape codes whole', () => {
    const text = `${colour.red('abcdefghij')}klm`;
    expect(truncateVisible(text, 6)).toBe('\u001b[31mabcde…\u001b[0m');
    expect(visibleWidth(truncateVisible(text, 6))).toBe(6);
  });
});

describe('pretty times', () => {
  it('writes a date line before the first event and when the day changes, naming the zone', () => {
    const print = createPrettyPrinter(plain, { utc: true });
    const first = print(btc());
    expect(first.split('\n')[0]).toBe('--- 2026-12-02 UTC ---');
    expect(print(btc({ eventTime: btc().eventTime + 1000 }))).not.toContain('---');
    expect(print(btc({ eventTime: btc().eventTime + DAY_MS })).split('\n')[0]).toBe('--- 2026-12-03 UTC ---');
  });

  it('shows local time by default and says so', () => {
    const e = btc();
    const offsetMs = -new Date(e.eventTime).getTimezoneOffset() * 60_000;
    const [date, line] = createPrettyPrinter(plain)(e).split('\n');
    expect(date).toMatch(/^--- \d{4}-\d\d-\d\d local time, UTC[+-]\d\d:\d\d ---$/);
    expect(line?.slice(0, 12)).toBe(formatPretty(btc({ eventTime: e.eventTime + offsetMs }), plain).slice(0, 12));
  });
});
