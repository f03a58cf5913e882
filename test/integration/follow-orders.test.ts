import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followOrders, type FollowOrdersOptions, type GapReport, type OrderStream, type StreamEvent } from '../../src/index.js';
import { parseFrame } from '../../src/events/parse.js';
import { formatJson } from '../../src/output/json.js';
import { createSimExchange, orderTradeUpdate, SIM_API_KEY, SIM_API_SECRET, type SimExchange } from '../../src/sim/index.js';
import { waitFor } from '../helpers/wait.js';

const FAST = { heartbeatMs: 1_000, backoffBaseMs: 20, backoffCapMs: 200, healthyAfterMs: 100 };

let sim: SimExchange;
let stream: OrderStream | undefined;

beforeEach(async () => {
  sim = await createSimExchange();
});
afterEach(async () => {
  await stream?.close();
  stream = undefined;
  await sim.close();
});

function follow(options: Partial<FollowOrdersOptions> = {}): OrderStream {
  stream = followOrders({ apiKey: SIM_API_KEY, restUrl: sim.restUrl, wsUrl: sim.wsUrl, timers: FAST, ...options });
  return stream;
}

/** Reads `count` events from the stream, bounded in time. */
async function take(s: OrderStream, count: number, timeoutMs = 5_000): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  const iterator = s[Symbol.asyncIterator]();
  const deadline = setTimeout(() => void s.close(), timeoutMs);
  try {
    while (out.length < count) {
      const next = await iterator.next();
      if (next.done) break;
      out.push(next.value);
    }
  } finally {
    clearTimeout(deadline);
  }
  return out;
}

describe('followOrders', () => {
  it('yields each order update as the object tail --json prints', async () => {
    const s = follow();
    await sim.waitForConnection();
    const payloads = [1, 2, 3].map((orderId) => orderTradeUpdate({ market: 'usdm', orderId, status: 'NEW' }));
    for (const payload of payloads) sim.push('usdm', payload);
    const events = await take(s, 3);
    const lines = payloads.map((payload) => {
      const parsed = parseFrame(JSON.stringify(payload), 'usdm');
      if (!parsed.ok) throw new Error(parsed.detail);
      return formatJson(parsed.event);
    });
    expect(events.map((e) => JSON.stringify(e))).toEqual(lines);
    expect(events.map((e) => (e.event === 'order' ? e.orderId : undefined))).toEqual([1, 2, 3]);
  });

  it('ends everything when the loop breaks: the socket closes and done resolves', async () => {
    const s = follow();
    await sim.waitForConnection();
    sim.push('usdm', orderTradeUpdate({ market: 'usdm', orderId: 7 }));
    for await (const e of s) {
      expect(e.event).toBe('order');
      break;
    }
    await s.done;
    expect(s.health().state).toBe('closed');
    await waitFor('the socket to close', () => (sim.connections().length === 0 ? true : undefined));
  });

  it('ends the iteration when the signal aborts', async () => {
    const controller = new AbortController();
    const s = follow({ signal: controller.signal });
    await sim.waitForConnection();
    const seen: StreamEvent[] = [];
    const loop = (async () => {
      for await (const e of s) seen.push(e);
    })();
    controller.abort();
    await loop;
    await s.done;
    await waitFor('the socket to close', () => (sim.connections().length === 0 ? true : undefined));
  });

  it('throws a refused key as an error with a stable code and the CLI exit code', async () => {
    const s = follow({ apiKey: 'not-the-sim-key' });
    const error = await take(s, 1).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'AUTH_REJECTED', exitCode: 3 });
    await expect(s.done).rejects.toMatchObject({ code: 'AUTH_REJECTED' });
  });

  it('reports gaps through onGap and health(), and delivers what follows', async () => {
    const gaps: GapReport[] = [];
    const s = follow({ onGap: (gap) => gaps.push(gap) });
    const first = await sim.waitForConnection();
    await waitFor('the stream to open', () => (s.health().state === 'open' ? true : undefined));
    expect(s.health().reconnects).toBe(0);
    sim.drop(1001);
    await sim.waitForConnection({ after: first.id });
    await waitFor('a gap report', () => gaps[0]);
    expect(gaps[0]).toMatchObject({ market: 'usdm', cause: 'closed by the server (1001)', attempts: 1 });
    sim.push('usdm', orderTradeUpdate({ market: 'usdm', orderId: 11 }));
    const [e] = await take(s, 1);
    expect(e).toMatchObject({ event: 'order', orderId: 11, source: 'ws' });
    expect(s.health()).toMatchObject({ state: 'open', reconnects: 1, buffered: 0 });
    expect(s.health().connectionAgeMs).toBeGreaterThanOrEqual(0);
    expect(s.health().lastEventAgeMs).toBeGreaterThanOrEqual(0);
  });

  it('replaces the connection before breaking it when the server announces its shutdown, losing and repeating nothing', async () => {
    const s = follow();
    const first = await sim.waitForConnection();
    sim.push('usdm', orderTradeUpdate({ market: 'usdm', orderId: 1 }));
    expect(sim.announceShutdown('usdm')).toBe(1);
    const second = await sim.waitForConnection({ after: first.id });
    await waitFor('the old socket to close', () => (sim.connections().every((c) => c.id !== first.id) ? true : undefined));
    sim.push('usdm', orderTradeUpdate({ market: 'usdm', orderId: 2 }));
    const events = await take(s, 2);
    expect(events.map((e) => (e.event === 'order' ? e.orderId : 0))).toEqual([1, 2]);
    expect(sim.connections().map((c) => c.id)).toEqual([second.id]);
    expect(s.health().reconnects).toBe(0); // a replacement, not a reconnect
  });

  it('pauses for a consumer that does not read, then delivers everything in order', async () => {
    const s = follow({ highWaterMark: 8 });
    await sim.waitForConnection();
    const total = 400;
    for (let i = 1; i <= total; i++) sim.push('usdm', orderTradeUpdate({ market: 'usdm', orderId: i }));
    await waitFor('the buffer to fill', () => (s.health().buffered >= 8 ? true : undefined));
    const events = await take(s, total, 10_000);
    expect(events.map((e) => (e.event === 'order' ? e.orderId : 0))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it('keeps a slow consumer\'s buffer bounded while the exchange bursts: the socket is paused, nothing is lost', async () => {
    const highWaterMark = 64;
    const s = follow({ highWaterMark });
    await sim.waitForConnection();
    const total = 2_000;
    const frameAt = (i: number) => JSON.stringify(orderTradeUpdate({ market: 'usdm', orderId: i + 1, transactionTime: 1_779_000_000_000 + i }));
    // Pausing takes effect between socket reads: the frames of the read that crossed the mark still arrive.
    const framesPerRead = Math.ceil((64 * 1024) / frameAt(0).length) + 1;
    const bound = highWaterMark + framesPerRead;
    let maxBuffered = 0;
    let sampling = true;
    const sample = () => {
      maxBuffered = Math.max(maxBuffered, s.health().buffered);
      if (sampling) setImmediate(sample); // once per event-loop turn, i.e. after every socket read
    };
    sample();
    void sim.burst('usdm', total, frameAt);
    const orderIds: number[] = [];
    const iterator = s[Symbol.asyncIterator]();
    const deadline = setTimeout(() => void s.close(), 30_000);
    try {
      while (orderIds.length < total) {
        const next = await iterator.next();
        if (next.done) break;
        if (next.value.event === 'order') orderIds.push(next.value.orderId);
        await new Promise((resolve) => setImmediate(resolve)); // one event per event-loop turn: slower than the socket
      }
    } finally {
      clearTimeout(deadline);
      sampling = false;
    }
    expect(orderIds).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(maxBuffered).toBeGreaterThanOrEqual(highWaterMark); // the consumer really fell behind
    expect(maxBuffered).toBeLessThanOrEqual(bound);
  });

  it('recovers an update missed in a gap when given the secret, marked reconcile', async () => {
    const debug: string[] = [];
    const s = follow({ apiSecret: SIM_API_SECRET, logger: { error: () => {}, warn: () => {}, info: () => {}, debug: (line) => debug.push(line) } });
    const first = await sim.waitForConnection();
    const { order } = sim.orders.place('usdm', { side: 'BUY', price: '100000.00' });
    const [placed] = await take(s, 1);
    expect(placed).toMatchObject({ orderId: order.orderId, status: 'NEW' });
    await waitFor('the start snapshot of open orders', () => debug.find((line) => /1 open order\(s\) recorded at start/.test(line)));
    sim.refuseConnections(true);
    sim.drop(1001);
    await waitFor('no subscriber', () => (sim.subscribers('usdm') === 0 ? true : undefined));
    sim.orders.fill('usdm', order.orderId);
    sim.refuseConnections(false);
    await sim.waitForConnection({ after: first.id });
    const [filled] = await take(s, 1);
    expect(filled).toMatchObject({ orderId: order.orderId, status: 'FILLED', source: 'reconcile' });
  });

  it('hands its logger no raw control character from the wire, as the CLI keeps them off stderr', async () => {
    const warnings: string[] = [];
    const s = follow({ logger: { error: () => {}, warn: (line) => warnings.push(line), info: () => {} } });
    await sim.waitForConnection();
    sim.push('usdm', { '\u009b2J\u001b]0;owned\u0007': 1 });
    await waitFor('the no-type frame warning', () => warnings.find((line) => line.includes('no event type')));
    // eslint-disable-next-line no-control-regex
    expect(warnings.join('\n')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(warnings.join('\n')).toContain('\\x9b2J');
    await s.close();
  });

  it('rejects options it cannot use at once', () => {
    expect(() => followOrders({ apiKey: '' })).toThrow(/apiKey/);
    expect(() => followOrders({ apiKey: 'k', events: ['orders' as 'order'] })).toThrow(/unknown event name/);
  });
});
