import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../src/rest/retry-after.js';

const BAN_MESSAGE = 'Way too much request weight used; IP banned until 1660090423228. Please use the websocket for live updates to avoid bans.';

describe('retryAfterMs', () => {
  it.each([
    ['7', 7_000],
    ['0', 0],
    ['1.5', 1_500],
    [' 30 ', 30_000],
  ])('reads the Retry-After seconds %j as %i ms', (header, ms) => {
    expect(retryAfterMs(header, undefined, 0)).toBe(ms);
  });

  it('reads a Retry-After HTTP date as the time left until it', () => {
    const header = 'Wed, 21 Oct 2026 07:28:00 GMT';
    expect(retryAfterMs(header, undefined, Date.parse(header) - 3_000)).toBe(3_000);
  });

  it('reads a Retry-After HTTP date in the past as no wait', () => {
    const header = 'Wed, 21 Oct 2015 07:28:00 GMT';
    expect(retryAfterMs(header, undefined, Date.parse(header) + 60_000)).toBe(0);
  });

  it('reads "banned until <ms>" in a -1003 message as the time left until then', () => {
    expect(retryAfterMs(undefined, BAN_MESSAGE, 1660090423228 - 120_000)).toBe(120_000);
  });

  it('reads a ban that already ended as no wait', () => {
    expect(retryAfterMs(undefined, BAN_MESSAGE, 1660090423228 + 5_000)).toBe(0);
  });

  it('prefers the Retry-After header over the message', () => {
    expect(retryAfterMs('2', BAN_MESSAGE, 0)).toBe(2_000);
  });

  it('falls back to the message when the header is blank or unreadable', () => {
    expect(retryAfterMs('', BAN_MESSAGE, 1660090423228 - 1_000)).toBe(1_000);
    expect(retryAfterMs('soon', BAN_MESSAGE, 1660090423228 - 1_000)).toBe(1_000);
  });

  it('is undefined when neither the header nor the message says', () => {
    expect(retryAfterMs(undefined, undefined, 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 'Too many requests; current limit is 2400 requests per minute.', 0)).toBeUndefined();
    expect(retryAfterMs('  ', 'banned until tomorrow', 0)).toBeUndefined();
  });
});
