import { describe, expect, it } from 'vitest';
import { AuthRejectedError, ExchangeError, UsageError } from '../../../src/errors/errors.js';
import { classify, type DisconnectCause } from '../../../src/stream/classify.js';

const RATE_LIMIT_DEFAULT_MS = 60_000;

describe('classify', () => {
  it.each<[string, DisconnectCause]>([
    ['a normal close (1000)', { kind: 'closed', code: 1000, reason: '' }],
    ["Binance's 24 h cut (1001)", { kind: 'closed', code: 1001, reason: 'going away' }],
    ['an abnormal close (1006)', { kind: 'closed', code: 1006, reason: '' }],
    ['a socket error', { kind: 'socket-error', message: 'read ECONNRESET' }],
    ['a 503 handshake answer', { kind: 'handshake', status: 503 }],
    ['a 429 handshake answer', { kind: 'handshake', status: 429 }],
    ['a stale connection', { kind: 'stale', silentMs: 90_000 }],
  ])('retries after %s', (_name, cause) => {
    expect(classify(cause, RATE_LIMIT_DEFAULT_MS)).toEqual({ action: 'retry' });
  });

  it.each<['event' | 'keepalive']>([['event'], ['keepalive']])('renews the key when it expired (seen via %s)', (via) => {
    expect(classify({ kind: 'key-expired', via }, RATE_LIMIT_DEFAULT_MS)).toEqual({ action: 'renew-key' });
  });

  describe('a REST error', () => {
    it('is fatal when the API key was rejected, and carries that error', () => {
      const error = new AuthRejectedError('refused', 401, -2015);
      expect(classify({ kind: 'rest', error }, RATE_LIMIT_DEFAULT_MS)).toEqual({ action: 'fatal', error });
    });

    it('waits what a rate limit asks', () => {
      const error = new ExchangeError('rate limited', 429, -1003, 7_000, 'RATE_LIMITED');
      expect(classify({ kind: 'rest', error }, RATE_LIMIT_DEFAULT_MS)).toEqual({ action: 'retry', minDelayMs: 7_000 });
    });

    it('waits a Retry-After of 0 as 0, not the default', () => {
      const error = new ExchangeError('rate limited', 429, undefined, 0, 'RATE_LIMITED');
      expect(classify({ kind: 'rest', error }, RATE_LIMIT_DEFAULT_MS)).toEqual({ action: 'retry', minDelayMs: 0 });
    });

    it('waits the default when a rate limit does not say how long', () => {
      const error = new ExchangeError('rate limited', 418, -1003, undefined, 'RATE_LIMITED');
      expect(classify({ kind: 'rest', error }, RATE_LIMIT_DEFAULT_MS)).toEqual({ action: 'retry', minDelayMs: RATE_LIMIT_DEFAULT_MS });
    });

    it.each([
      ['a 5xx', new ExchangeError('GET / answered HTTP 503', 503, undefined, undefined)],
      ['-1125', new ExchangeError('no such key', 400, -1125, undefined)],
      ['another program error', new UsageError('unexpected')],
      ['a plain network error', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
      ['a non-Error value', 'socket hang up'],
    ])('retries without a minimum delay after %s', (_name, error) => {
      expect(classify({ kind: 'rest', error }, RATE_LIMIT_DEFAULT_MS)).toEqual({ action: 'retry' });
    });
  });
});
