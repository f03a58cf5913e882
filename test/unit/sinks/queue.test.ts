import { describe, expect, it } from 'vitest';
import { SinkQueue } from '../../../src/sinks/queue.js';
import { orderItem } from '../../helpers/sink-items.js';

const never = new AbortController().signal;
const ids = (q: SinkQueue) => {
  const out: number[] = [];
  for (let item = q.takeNow(); item; item = q.takeNow()) out.push(item.event.event === 'order' ? item.event.orderId : -1);
  return out;
};

describe('SinkQueue', () => {
  it('drops the oldest waiting event when full, counts it and reports the running total', () => {
    const reported: number[] = [];
    const q = new SinkQueue(3, (dropped) => reported.push(dropped));
    for (let orderId = 1; orderId <= 5; orderId++) q.push(orderItem({ orderId }));
    expect(ids(q)).toEqual([3, 4, 5]);
    expect(q.counts.dropped).toBe(2);
    expect(reported).toEqual([1, 2]);
  });

  it('counts an event in flight as pending until it is settled', () => {
    const q = new SinkQueue(10, () => {});
    q.push(orderItem({ orderId: 1 }));
    q.push(orderItem({ orderId: 2 }));
    q.takeNow();
    expect(q.snapshot()).toMatchObject({ pending: 2, delivered: 0 });
    q.settle('delivered');
    expect(q.snapshot()).toMatchObject({ pending: 1, delivered: 1 });
  });

  it('puts events back at the front in their order, ahead of newer ones', () => {
    const q = new SinkQueue(10, () => {});
    for (let orderId = 1; orderId <= 4; orderId++) q.push(orderItem({ orderId }));
    const taken = [q.takeNow(), q.takeNow()].filter((item) => item !== undefined);
    q.push(orderItem({ orderId: 5 }));
    q.putBack(taken);
    expect(q.pending).toBe(5);
    expect(ids(q)).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops the oldest when events put back overflow the bound', () => {
    const q = new SinkQueue(2, () => {});
    for (let orderId = 1; orderId <= 2; orderId++) q.push(orderItem({ orderId }));
    const first = q.takeNow();
    q.push(orderItem({ orderId: 3 }));
    q.putBack(first ? [first] : []);
    expect(ids(q)).toEqual([2, 3]);
    expect(q.counts.dropped).toBe(1);
  });

  it('wakes a waiting taker on push, and ends it once closed and empty', async () => {
    const q = new SinkQueue(10, () => {});
    const waiting = q.take(never);
    q.push(orderItem({ orderId: 9 }));
    expect((await waiting)?.line).toContain('"orderId":9');
    const ended = q.take(never);
    q.close();
    expect(await ended).toBeUndefined();
  });

  it('ends a waiting taker when its signal aborts', async () => {
    const q = new SinkQueue(10, () => {});
    const controller = new AbortController();
    const waiting = q.take(controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
  });

  it('keeps order across thousands of pushes and takes, while taken slots are reclaimed', () => {
    const q = new SinkQueue(100, () => {});
    let next = 1;
    for (let orderId = 1; orderId <= 3000; orderId++) {
      q.push(orderItem({ orderId }));
      if (orderId % 2 === 0) {
        for (const id of [q.takeNow(), q.takeNow()].map((item) => (item?.event.event === 'order' ? item.event.orderId : 0))) {
          expect(id).toBe(next++);
          q.settle('delivered');
        }
      }
    }
    expect(q.length).toBe(0);
    expect(q.counts.delivered).toBe(3000);
  });
});
