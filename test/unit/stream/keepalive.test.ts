import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthRejectedError, ExchangeError } from '../../../src/errors/errors.js';
import { createLogger } from '../../../src/log/log.js';
import { createKeepalive, KEEPALIVE_RETRY_CAP_MS } from '../../../src/stream/keepalive.js';

const TIMERS = { keepaliveMs: 1_000, keepaliveRetryMs: 100, rateLimitDefaultMs: 5_000 };

function setup(answer: (call: number) => Promise<void>) {
  const lines: string[] = [];
  const calls: number[] = [];
  const signals: AbortSignal[] = [];
  const onKeyGone = vi.fn();
  const onFatal = vi.fn();
  const keepalive = createKeepalive({
    keys: {
      keepAlive: (signal) => {
        calls.push(Date.now());
        if (signal) signals.push(signal);
        return answer(calls.length);
      },
    },
    timers: TIMERS,
    log: createLogger({ write: (text) => lines.push(text), verbosity: 'verbose', now: Date.now }),
    onKeyGone,
    onFatal,
  });
  return { keepalive, lines, calls, signals, onKeyGone, onFatal };
}

const networkError = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });

describe('createKeepalive', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first PUT a full interval after a key is obtained, then every interval', async () => {
    const { keepalive, calls } = setup(() => Promise.resolve());
    keepalive.restart();
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_001);
    expect(calls).toEqual([1_000, 2_000, 3_000]);
    keepalive.stop();
  });

  it('restarting pushes the next PUT a full interval away from the new key', async () => {
    const { keepalive, calls } = setup(() => Promise.resolve());
    keepalive.restart();
    await vi.advanceTimersByTimeAsync(600);
    keepalive.restart();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toEqual([1_600]);
    keepalive.stop();
  });

  it('retries a network failure on a doubling curve without jitter, and returns to the interval after a success', async () => {
    const { keepalive, calls, lines } = setup((call) => (call <= 3 ? Promise.reject(networkError()) : Promise.resolve()));
    keepalive.restart();
    await vi.advanceTimersByTimeAsync(1_000 + 100 + 200 + 400 + 1_000);
    expect(calls).toEqual([1_000, 1_100, 1_300, 1_700, 2_700]);
    expect(lines.filter((l) => l.includes('keepalive failed'))).toHaveLength(3);
    expect(lines.at(-1)).toContain('keepalive sent');
    keepalive.stop();
  });

  it('caps the retry delay', async () => {
    const { keepalive, calls } = setup(() => Promise.reject(networkError()));
    keepalive.restart();
    await vi.advanceTimersByTimeAsync(1_000 + 10 * KEEPALIVE_RETRY_CAP_MS);
    const gaps = calls.slice(1).map((t, i) => t - (calls[i] ?? 0));
    expect(Math.max(...gaps)).toBe(KEEPALIVE_RETRY_CAP_MS);
    keepalive.stop();
  });

  it('waits what a rate limit asks before retrying', async () => {
    const limited = new ExchangeError('rate limited', 429, -1003, 7_000, 'RATE_LIMITED');
    const { keepalive, calls } = setup((call) => (call === 1 ? Promise.reject(limited) : Promise.resolve()));
    keepalive.restart();
    await vi.advanceTimersByTimeAsync(8_000);
    expect(calls).toEqual([1_000, 8_000]);
    keepalive.stop();
  });

  it('reports -1125 once and stops renewing', async () => {
    const gone = new ExchangeError('listenKey does not exist', 400, -1125, undefined);
    const { keepalive, calls, onKeyGone, onFatal, lines } = setup(() => Promise.reject(gone));
    keepalive.restart();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual([1_000]);
    expect(onKeyGone).toHaveBeenCalledTimes(1);
    expect(onFatal).not.toHaveBeenCalled();
    expect(lines.some((l) => l.includes('-1125'))).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a refused API key as fatal and stops renewing', async () => {
    const refused = new AuthRejectedError('refused', 401, -2015);
    const { keepalive, calls, onFatal, onKeyGone } = setup(() => Promise.reject(refused));
    keepalive.restart();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual([1_000]);
    expect(onFatal).toHaveBeenCalledWith(refused);
    expect(onKeyGone).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() clears the timer and aborts a PUT in flight, whose late answer is ignored', async () => {
    let settle: (() => void) | undefined;
    const { keepalive, calls, signals, lines } = setup(() => new Promise<void>((resolve) => (settle = resolve)));
    keepalive.restart();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);
    keepalive.stop();
    expect(signals[0]?.aborted).toBe(true);
    settle?.();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1);
    expect(lines.some((l) => l.includes('keepalive sent'))).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a new key forgets earlier failures: the retry curve starts again at its base', async () => {
    const { keepalive, calls } = setup((call) => (call >= 5 ? Promise.resolve() : Promise.reject(networkError())));
    keepalive.restart();
    await vi.advanceTimersByTimeAsync(1_000 + 100 + 200); // three failures
    keepalive.restart();
    await vi.advanceTimersByTimeAsync(1_000 + 100); // the fourth PUT fails too, and is retried after the base delay
    expect(calls).toEqual([1_000, 1_100, 1_300, 2_300, 2_400]);
    keepalive.stop();
  });
});
