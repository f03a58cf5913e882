import { describe, expect, it } from 'vitest';
import { FrameLine, frameLine, redactFrame } from '../../../src/record/frame-line.js';

const KEY = 'pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1';

describe('redactFrame', () => {
  it('leaves a frame without a listenKey byte for byte', () => {
    const frame = '{"e":"ORDER_TRADE_UPDATE","E":1,"o":{"p":"0.10"}}';
    expect(redactFrame(frame)).toBe(frame);
  });

  it('redacts a listenKey at the top level, nested in a wrapped frame, and written with escapes', () => {
    expect(redactFrame(`{"e":"listenKeyExpired","listenKey":"${KEY}"}`)).toBe('{"e":"listenKeyExpired","listenKey":"pqia…65a1"}');
    expect(redactFrame(`{"stream":"x","data":{"e":"listenKeyExpired","listenKey":"${KEY}"}}`)).not.toContain(KEY);
    const escaped = `{"e":"listenKeyExpired","listenKey":"\\u0070${KEY.slice(1)}"}`;
    expect(redactFrame(escaped)).not.toContain(KEY.slice(1));
  });
});

describe('frameLine', () => {
  it('writes a line that FrameLine reads back', () => {
    const line = frameLine(1_700_000_000_000, 'coinm', 'not json');
    expect(FrameLine.parse(JSON.parse(line))).toEqual({ t: 1_700_000_000_000, market: 'coinm', frame: 'not json' });
  });
});
