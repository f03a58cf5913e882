import { describe, expect, it } from 'vitest';
import { formatRaw } from '../../../src/output/raw.js';
import { fixtureText, parsed } from './sample-events.js';

const KEY = 'WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1LuEjur5VdbzqvyxqG9TSjVVxv';
const redactKey = (key: string) => `${key.slice(0, 4)}…${key.slice(-4)}`;

describe('formatRaw', () => {
  it('returns an ordinary frame byte for byte, whitespace and key order included', () => {
    const text = fixtureText('usdm-order-trade-update-trailing-new.json');
    expect(formatRaw(text, parsed(text), redactKey)).toBe(text);
  });

  it.each(['listen-key-expired-string-E.json', 'listen-key-expired-number-E.json'])(
    'replaces the listenKey of %s by its redacted form and changes nothing else',
    (name) => {
      const text = fixtureText(name);
      expect(text).toContain(KEY);
      const out = formatRaw(text, parsed(text), redactKey);
      expect(out).not.toContain(KEY);
      expect(out).toBe(text.replace(KEY, 'WsCM…VVxv'));
    },
  );

  it('returns a listenKeyExpired without a key unchanged', () => {
    const text = fixtureText('listen-key-expired-no-key.json');
    expect(formatRaw(text, parsed(text), redactKey)).toBe(text);
  });

  it('redacts the key of a listenKeyExpired frame that failed to parse', () => {
    const text = `{"e":"listenKeyExpired","E":"not a time","listenKey":"${KEY}"}`;
    expect(formatRaw(text, undefined, redactKey)).toBe(`{"e":"listenKeyExpired","E":"not a time","listenKey":"WsCM…VVxv"}`);
  });

  it('redacts a key written with JSON escapes, even if that means re-serializing the frame', () => {
    const escaped = `\\u0057${KEY.slice(1)}`; // "W" as \u0057
    const text = `{"e":"listenKeyExpired","E":1576653824250,"listenKey":"${escaped}"}`;
    const e = parsed(text);
    expect(e).toMatchObject({ listenKey: KEY });
    const out = formatRaw(text, e, redactKey);
    expect(out).not.toContain(KEY);
    expect(out).not.toContain(escaped);
    expect(JSON.parse(out)).toEqual({ e: 'listenKeyExpired', E: 1576653824250, listenKey: 'WsCM…VVxv' });
  });

  it('returns unparseable text unchanged', () => {
    expect(formatRaw('not json', undefined, redactKey)).toBe('not json');
    expect(formatRaw('{"listenKey": ', undefined, redactKey)).toBe('{"listenKey": ');
  });
});
