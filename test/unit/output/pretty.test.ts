import { describe, expect, it } from 'vitest';
import { loadChalk } from '../../../src/output/color.js';
import { formatPretty } from '../../../src/output/pretty.js';
import { allSampleEvents, fixtureText, order, parsed } from './sample-events.js';

const plain = await loadChalk(0);
const basic = await loadChalk(1);
const ESC = '\u001b[';

describe('formatPretty: order lines', () => {
  it('shows time, mark, symbol, side, type, status, filled/orig, price@avg, order id and client id', () => {
    expect(formatPretty(order(), plain)).toBe(
      '12:52:09.402 * SOLUSDT       BUY  LIMIT                NEW              0/21.26         85.67@0                ' +
        '#215456450616 bot-e0536484551311f1b0c42676a180379c reduce-only',
    );
  });

  it('marks each kind of change with its own character', () => {
    const markOf = (execType: string, status: string) => formatPretty(order({ execType, status }), plain).charAt(13);
    expect(markOf('NEW', 'NEW')).toBe('*');
    expect(markOf('TRADE', 'PARTIALLY_FILLED')).toBe('+');
    expect(markOf('TRADE', 'FILLED')).toBe('+');
    expect(markOf('CANCELED', 'CANCELED')).toBe('x');
    expect(markOf('EXPIRED', 'EXPIRED')).toBe('x');
    expect(markOf('AMENDMENT', 'NEW')).toBe('~');
    expect(markOf('CALCULATED', 'FILLED')).toBe('!');
    expect(markOf('SOMETHING_NEW', 'NEW_INSURANCE')).toBe('-');
  });

  it('shows the last fill of a trade with its commission', () => {
    const fill = order({
      execType: 'TRADE',
      status: 'PARTIALLY_FILLED',
      filledQty: '5',
      lastFilledQty: '5',
      lastFilledPrice: '85.67',
      avgPrice: '85.67',
      commission: '0.0856',
      commissionAsset: 'USDT',
    });
    const line = formatPretty(fill, plain);
    expect(line).toContain(' PARTIALLY_FILLED 5/21.26 ');
    expect(line).toContain('85.67@85.67');
    expect(line).toContain('fill 5 @ 85.67 fee 0.0856 USDT');
    expect(formatPretty(order(), plain)).not.toContain('fill');
  });

  it('aligns the columns of new, fill, cancel and coinm lines', () => {
    const lines = [
      order(),
      order({ execType: 'TRADE', status: 'PARTIALLY_FILLED', filledQty: '1.5' }),
      order({ execType: 'CANCELED', status: 'CANCELED', side: 'SELL', orderType: 'TRAILING_STOP_MARKET' }),
      parsed(fixtureText('coinm-order-trade-update.json'), 'coinm'),
    ].map((e) => formatPretty(e, plain));
    for (const column of [/ (BUY|SELL) /, / (NEW|PARTIALLY_FILLED|CANCELED) /, / \d+(\.\d+)?\/\d/, / #\d/]) {
      const starts = lines.map((line) => line.search(column));
      expect(new Set(starts).size, String(column)).toBe(1);
      expect(starts[0]).toBeGreaterThan(0);
    }
  });

  it('tags an event from reconciliation', () => {
    expect(formatPretty(order({ source: 'reconcile' }), plain)).toMatch(/ \[reconciled\]$/);
    expect(formatPretty(order(), plain)).not.toContain('reconciled');
    // REST does not say what the last fill was, so a reconciled fill shows its totals only
    expect(formatPretty(order({ source: 'reconcile', execType: 'TRADE', status: 'FILLED', lastFilledQty: '0' }), plain)).not.toContain(' fill ');
  });

  it('writes no escape codes at level 0, and colours at level 1', () => {
    const filled = order({ execType: 'TRADE', status: 'FILLED' });
    expect(formatPretty(filled, plain)).not.toContain(ESC);
    const coloured = formatPretty(filled, basic);
    expect(coloured).toContain(`${ESC}32mBUY `); // BUY green
    expect(coloured).toContain(`${ESC}1m${ESC}32mFILLED`); // FILLED bold green
    expect(formatPretty(order({ side: 'SELL' }), basic)).toContain(`${ESC}31mSELL`); // SELL red
    expect(formatPretty(order(), basic)).toContain(`${ESC}36mNEW`); // NEW cyan
    expect(formatPretty(order({ execType: 'CANCELED', status: 'CANCELED' }), basic)).toContain(`${ESC}33mCANCELED`);
  });

  it('keeps the same visible text with and without colour', () => {
    const stripped = formatPretty(order(), basic).replace(/\u001b\[[0-9;]*m/g, '');
    expect(stripped).toBe(formatPretty(order(), plain));
  });
});

describe('formatPretty: every kind', () => {
  it('writes one line per event, starting with the time and a mark', () => {
    for (const e of allSampleEvents()) {
      const line = formatPretty(e, plain);
      expect(line, e.event).not.toContain('\n');
      expect(line, e.event).toMatch(/^\d\d:\d\d:\d\d\.\d{3} [-+x*~!>$=] \S/);
    }
  });

  it('shows the fields that identify each kind', () => {
    const lines = allSampleEvents().map((e) => formatPretty(e, plain));
    const find = (text: string) => lines.find((line) => line.includes(text));
    expect(find('TRADE_LITE')).toContain('0.040');
    expect(find('TRADE_LITE')).toContain('@64089.20');
    expect(find('$ ACCOUNT')).toContain('USDT 122624.12345678 (change 50.12345678)');
    expect(find('MARGIN_CALL')).toContain('ETHUSDT LONG 1.327 mark 187.17127');
    expect(find('leverage 25x')).toContain('BTCUSDT');
    expect(find('multi-assets mode on')).toBeDefined();
    expect(find('algo #2148719')).toMatch(/^14:22:22\.303 x BNBUSDT .* CANCELED .*trigger 750 .*Reduce Only reject/);
    expect(find('STRATEGY GRID')).toContain('op 8007');
    expect(find('GRID GRID')).toContain('realized -0.00300716');
    expect(find('TRIGGER_REJECTED')).toContain('#155618472834');
    expect(find('strategy #176057039 TEST')).toMatch(/\* BTCUSDT .*TRAILING_STOP_MARKET NEW .*order #8886774 \[UM\]$/);
    expect(find('riskLevelChange')).toContain('"u":"1.99999999"');
  });

  it('never shows the listenKey of a key-expired event', () => {
    const line = formatPretty(parsed(fixtureText('listen-key-expired-number-E.json')), basic);
    expect(line).toContain('expired');
    expect(line).not.toContain('WsCMN0a4');
  });
});
