import { describe, expect, it } from 'vitest';
import { escapeControls, escapeControlsDeep } from '../../../src/log/control-chars.js';

describe('escapeControls', () => {
  it('shows C0, DEL and C1 controls as visible escapes and leaves other text alone', () => {
    expect(escapeControls('a\u001b]0;title\u0007b\r\n\t\u007f\u0085\u009b2J')).toBe('a\\x1b]0;title\\x07b\\x0d\\x0a\\x09\\x7f\\x85\\x9b2J');
    expect(escapeControls('BTCUSDT 0.001 ü € 日本')).toBe('BTCUSDT 0.001 ü € 日本');
  });

  it('copies a parsed value only where a string holds a control', () => {
    const clean = { symbol: 'BTCUSDT', fills: [{ qty: '1' }] };
    expect(escapeControlsDeep(clean)).toEqual(clean);
    expect(escapeControlsDeep({ id: 'x\u001by', n: 1, list: ['\u0007'], none: null })).toEqual({ id: 'x\\x1by', n: 1, list: ['\\x07'], none: null });
  });
});
