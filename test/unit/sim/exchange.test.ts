import { createHook } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { createSimExchange } from '../../../src/sim/exchange.js';
import { call, connect, createKey, eventually, userDataPath } from './support.js';

const TRACKED = new Set(['Timeout', 'TCPWRAP', 'TCPSERVERWRAP']);

/**
 * Records the timers, sockets and servers created from now until freeze() that have not been
 * destroyed yet; freezing keeps the waits of the check itself out of the record.
 */
function trackHandles(): { alive(): string[]; freeze(): void; stop(): void } {
  const alive = new Map<number, string>();
  let recording = true;
  const hook = createHook({
    init(asyncId, type) {
      if (recording && TRACKED.has(type)) alive.set(asyncId, type);
    },
    destroy(asyncId) {
      alive.delete(asyncId);
    },
  }).enable();
  return {
    alive: () => [...alive.values()].sort(),
    freeze: () => {
      recording = false;
    },
    stop: () => hook.disable(),
  };
}

describe('createSimExchange', () => {
  it('listens on 127.0.0.1 with an ephemeral port', async () => {
    const sim = await createSimExchange();
    try {
      expect(sim.restUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sim.restUrl).not.toMatch(/:0$/);
      expect(sim.wsUrl).toBe(sim.restUrl.replace('http', 'ws'));
    } finally {
      await sim.close();
    }
  });

  it('close() leaves no server, socket or timer behind, even mid-flow with clients and waiters', async () => {
    const handles = trackHandles();
    try {
      const sim = await createSimExchange({ pingIntervalMs: 20 });
      const key = await createKey(sim, 'usdm');
      await createKey(sim, 'coinm');
      await call(sim, 'GET', '/fapi/v1/time');
      const client = await connect(sim, userDataPath('usdm', key));
      sim.startFlow({ market: 'usdm', ratePerSec: 100 });
      const pendingConnection = sim.waitForConnection({ after: 99, timeoutMs: 10_000 });
      const pendingRequest = sim.waitForRequest(() => false, 10_000);
      expect(handles.alive()).toContain('TCPSERVERWRAP');

      await sim.close();
      handles.freeze();

      await expect(pendingConnection).rejects.toThrow(/closed/);
      await expect(pendingRequest).rejects.toThrow(/closed/);
      expect(await client.closed).toBe(1006);
      await eventually(() => (handles.alive().length === 0 ? true : undefined), 3_000, 'every handle to be released').catch(() => {
        throw new Error(`still alive after close(): ${handles.alive().join(', ')}`);
      });
    } finally {
      handles.stop();
    }
  });

  it('close() can be called twice', async () => {
    const sim = await createSimExchange();
    await sim.close();
    await expect(sim.close()).resolves.toBeUndefined();
  });
});
