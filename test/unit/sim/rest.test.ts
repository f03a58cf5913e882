import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { call, countingKeys, createKey, fixture, listenKeyPath, startSim } from './support.js';

describe('listenKey REST rules', () => {
  it('POST returns the active key again instead of a new one, per market', async () => {
    const sim = await startSim();
    const first = await call(sim, 'POST', '/fapi/v1/listenKey');
    const second = await call(sim, 'POST', '/fapi/v1/listenKey');
    const coinm = await createKey(sim, 'coinm');

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ listenKey: sim.activeKey('usdm') });
    expect(second.body).toEqual(first.body);
    expect(coinm).not.toBe(sim.activeKey('usdm'));
    expect(sim.activeKey('usdm')).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it('PUT answers the key on USDⓈ-M and {} on COIN-M and PM', async () => {
    const sim = await startSim({ keyFactory: countingKeys() });
    for (const market of ['usdm', 'coinm', 'pm'] as const) await createKey(sim, market);

    expect((await call(sim, 'PUT', '/fapi/v1/listenKey')).body).toEqual({ listenKey: 'key1' });
    expect((await call(sim, 'PUT', '/dapi/v1/listenKey')).body).toEqual(fixture('rest-listen-key-put-coinm.json'));
    expect((await call(sim, 'PUT', '/papi/v1/listenKey')).body).toEqual({});
  });

  it('PUT and DELETE with no active key answer HTTP 400 -1125', async () => {
    const sim = await startSim();
    for (const method of ['PUT', 'DELETE'] as const) {
      const reply = await call(sim, method, '/fapi/v1/listenKey');
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(fixture('rest-error-1125.json'));
    }
  });

  it('DELETE answers {} and forgets the key, so the next PUT is -1125', async () => {
    const sim = await startSim();
    await createKey(sim, 'usdm');

    const deleted = await call(sim, 'DELETE', '/fapi/v1/listenKey');

    expect(deleted).toMatchObject({ status: 200, body: fixture('rest-listen-key-delete-usdm.json') });
    expect(sim.activeKey('usdm')).toBeUndefined();
    expect((await call(sim, 'PUT', '/fapi/v1/listenKey')).status).toBe(400);
  });

  it('rejects an unknown API key with HTTP 401 -2015 and a missing one the same way', async () => {
    const sim = await startSim({ apiKeys: ['good-key'] });

    const unknown = await call(sim, 'POST', '/fapi/v1/listenKey', 'other-key');
    const missing = await call(sim, 'POST', '/dapi/v1/listenKey', null);

    expect(unknown).toMatchObject({ status: 401, body: fixture('rest-error-2015.json') });
    expect(missing).toMatchObject({ status: 401, body: fixture('rest-error-2015.json') });
    expect(sim.activeKey('usdm')).toBeUndefined();
    expect((await call(sim, 'POST', '/fapi/v1/listenKey', 'good-key')).status).toBe(200);
  });

  it('rejects an empty or garbled API key with HTTP 401 -2014', async () => {
    const sim = await startSim();
    for (const garbled of ['', 'sim api key', 'key/with+symbols']) {
      const reply = await call(sim, 'PUT', '/fapi/v1/listenKey', garbled);
      expect(reply).toMatchObject({ status: 401, body: fixture('rest-error-2014.json') });
    }
  });

  it('a key not extended within the TTL expires; a PUT in time keeps it', async () => {
    const sim = await startSim({ listenKeyTtlMs: 300 });
    const usdm = await createKey(sim, 'usdm');
    await createKey(sim, 'coinm');
    const deadline = Date.now() + 500;
    while (Date.now() < deadline) {
      expect((await call(sim, 'PUT', '/fapi/v1/listenKey')).status).toBe(200);
      await sleep(30);
    }

    expect(sim.activeKey('usdm')).toBe(usdm);
    expect(sim.activeKey('coinm')).toBeUndefined();
    expect((await call(sim, 'PUT', '/dapi/v1/listenKey')).status).toBe(400);
  });
});

describe('other REST behaviour', () => {
  it('serves server time from the injected clock on every market', async () => {
    const sim = await startSim({ now: () => 1_700_000_000_123 });
    for (const prefix of ['/fapi', '/dapi', '/papi']) {
      expect(await call(sim, 'GET', `${prefix}/v1/time`, null)).toMatchObject({ status: 200, body: { serverTime: 1_700_000_000_123 } });
    }
  });

  it('answers JSON with a used-weight header that counts requests in the clock minute', async () => {
    let nowMs = 1_700_000_000_000 - (1_700_000_000_000 % 60_000);
    const sim = await startSim({ now: () => nowMs });
    const first = await call(sim, 'GET', '/fapi/v1/time');
    const second = await call(sim, 'POST', '/fapi/v1/listenKey');
    nowMs += 60_000;
    const nextMinute = await call(sim, 'GET', '/fapi/v1/time');

    expect(first.headers['content-type']).toBe('application/json');
    expect([first, second, nextMinute].map((reply) => reply.headers['x-mbx-used-weight-1m'])).toEqual(['1', '2', '1']);
  });

  it('answers an unknown path or method with 404 and a Binance-style error body', async () => {
    const sim = await startSim();
    for (const [method, path] of [['GET', '/fapi/v1/nothing'], ['GET', '/fapi/v1/listenKey'], ['POST', '/sapi/v1/listenKey']] as const) {
      const reply = await call(sim, method, path);
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ code: -1000, msg: expect.stringContaining(path) });
    }
  });

  it('records every request with its query, key, time and status, and lets tests wait for one', async () => {
    const sim = await startSim({ now: () => 42 });
    const waited = sim.waitForRequest((request) => request.method === 'PUT', 2_000);
    await call(sim, 'POST', `${listenKeyPath('pm')}?recvWindow=5000`);
    await call(sim, 'PUT', listenKeyPath('pm'), 'nope');

    expect(await waited).toMatchObject({ method: 'PUT', status: 401, apiKey: 'nope' });
    expect(sim.requests).toEqual([
      { method: 'POST', path: '/papi/v1/listenKey', query: { recvWindow: '5000' }, apiKey: 'SimulatedExchangeApiKey00000000000000000000000000000000000000000', atMs: 42, status: 200 },
      { method: 'PUT', path: '/papi/v1/listenKey', query: {}, apiKey: 'nope', atMs: 42, status: 401 },
    ]);
    await expect(sim.waitForRequest((request) => request.method === 'DELETE', 50)).rejects.toThrow(/timed out after 50 ms/);
  });
});
