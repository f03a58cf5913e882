import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { resolveRoute } from '../../../src/sim/ws.js';
import { call, connect, createKey, eventually, fixture, startSim, userDataPath } from './support.js';

/** Long enough for several of the simulator's pings (every 30 ms here) to fall due; only for a stalled server, which answers no ping. */
const SILENCE_MS = 150;

describe('resolveRoute', () => {
  it('maps each market route and leaves retired or unrouted paths silent', () => {
    expect(resolveRoute('/private/ws?listenKey=K&events=ORDER_TRADE_UPDATE/listenKeyExpired')).toEqual({
      market: 'usdm',
      listenKey: 'K',
      envelope: false,
      streams: new Map([['K', new Set(['ORDER_TRADE_UPDATE', 'listenKeyExpired'])]]),
    });
    expect(resolveRoute('/private/stream?listenKey=K1&events=ACCOUNT_UPDATE&listenKey=K2')).toEqual({
      market: 'usdm',
      listenKey: 'K1',
      envelope: true,
      streams: new Map([
        ['K1', new Set(['ACCOUNT_UPDATE'])],
        ['K2', undefined],
      ]),
    });
    expect(resolveRoute('/private/stream?streams=')).toMatchObject({ market: 'usdm', envelope: true, streams: new Map() });
    expect(resolveRoute('/private/stream?streams=K')).toMatchObject({ market: 'usdm', listenKey: 'K', envelope: true });
    expect(resolveRoute('/ws/K')).toMatchObject({ market: 'coinm', listenKey: 'K' });
    expect(resolveRoute('/pm/ws/K')).toMatchObject({ market: 'pm', listenKey: 'K' });
    expect(resolveRoute('/private/ws/K')).toMatchObject({ market: undefined, listenKey: 'K' });
    expect(resolveRoute('/stream?streams=K')).toMatchObject({ market: undefined });
    expect(resolveRoute('/api/v3/whatever')).toBeUndefined();
  });
});

describe('user-data routes', () => {
  it.each(['usdm', 'coinm', 'pm'] as const)('delivers a pushed frame as a raw event on the %s route', async (market) => {
    const sim = await startSim();
    const key = await createKey(sim, market);
    const client = await connect(sim, userDataPath(market, key));
    const connection = await sim.waitForConnection();

    const reached = sim.push(market, { e: 'ORDER_TRADE_UPDATE', T: 1, E: 2, o: { s: 'BTCUSDT' } });

    expect(reached).toBe(1);
    expect(connection).toMatchObject({ market, listenKey: key, path: userDataPath(market, key) });
    expect(JSON.parse((await client.messagesAtLeast(1))[0] ?? '')).toEqual({ e: 'ORDER_TRADE_UPDATE', T: 1, E: 2, o: { s: 'BTCUSDT' } });
  });

  it('accepts a USDⓈ-M key on /ws/<key> and then stays silent, as the retired fstream route does', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const wrongRoute = await connect(sim, `/ws/${key}`);
    const rightRoute = await connect(sim, userDataPath('usdm', key));

    expect(sim.push('usdm', { e: 'TRADE_LITE' })).toBe(1);
    expect(sim.push('coinm', { e: 'ORDER_TRADE_UPDATE' })).toBe(0);
    await rightRoute.messagesAtLeast(1);
    await wrongRoute.roundTrip();

    expect(wrongRoute.socket.readyState).toBe(WebSocket.OPEN);
    expect(wrongRoute.messages).toEqual([]);
    expect(sim.connections().map((c) => c.market)).toEqual(['coinm', 'usdm']);
  });

  it('keeps sockets with an unknown or retired key open and silent', async () => {
    const sim = await startSim();
    const stale = await createKey(sim, 'usdm');
    await call(sim, 'DELETE', '/fapi/v1/listenKey');
    await createKey(sim, 'usdm');
    const unknown = await connect(sim, userDataPath('usdm', 'not-a-key'));
    const retired = await connect(sim, userDataPath('usdm', stale));

    expect(sim.push('usdm', { e: 'ORDER_TRADE_UPDATE' })).toBe(0);
    await Promise.all([unknown.roundTrip(), retired.roundTrip()]);
    expect([...unknown.messages, ...retired.messages]).toEqual([]);
  });

  it('honours the events allow-list of a /private URL', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const client = await connect(sim, `/private/ws?listenKey=${key}&events=ORDER_TRADE_UPDATE`);

    expect(sim.push('usdm', { e: 'TRADE_LITE' })).toBe(0);
    expect(sim.push('usdm', { e: 'ORDER_TRADE_UPDATE' })).toBe(1);
    expect(await client.messagesAtLeast(1)).toEqual(['{"e":"ORDER_TRADE_UPDATE"}']);
  });

  it('sends a string payload verbatim, for bad-frame tests', async () => {
    const sim = await startSim();
    const client = await connect(sim, userDataPath('coinm', await createKey(sim, 'coinm')));

    sim.push('coinm', '{"e":"ORDER_TRADE_UPDATE",');

    expect(await client.messagesAtLeast(1)).toEqual(['{"e":"ORDER_TRADE_UPDATE",']);
  });

  it('bursts frames of every length encoding whole and in order, only to sockets a push would reach', async () => {
    const sim = await startSim();
    const client = await connect(sim, userDataPath('usdm', await createKey(sim, 'usdm')));
    const other = await connect(sim, userDataPath('coinm', await createKey(sim, 'coinm')));
    // Payload lengths at each edge of the 7-bit, 16-bit and 64-bit length encodings.
    const lengths = [8, 125, 126, 65_535, 65_536, 300_000];
    const frames = Array.from({ length: 60 }, (_, i) => `${i}:`.padEnd(lengths[i % lengths.length] as number, 'x'));

    expect(await sim.burst('usdm', frames.length, (i) => frames[i] as string)).toBe(1);

    expect(await client.messagesAtLeast(frames.length)).toEqual(frames);
    await other.roundTrip();
    expect(other.messages).toEqual([]);
  });

  it('answers an upgrade on a path that is no stream route with 404', async () => {
    const sim = await startSim();
    await expect(connect(sim, '/fapi/v1/listenKey')).rejects.toThrow(/404/);
  });

  it('sends ping frames every pingIntervalMs', async () => {
    const sim = await startSim({ pingIntervalMs: 40 });
    const client = await connect(sim, userDataPath('usdm', await createKey(sim, 'usdm')));

    await eventually(() => (client.pings.length >= 3 ? true : undefined), 2_000, '3 pings');
  });

  it('closes a socket with 1001 once it reaches maxConnectionAgeMs', async () => {
    const sim = await startSim({ maxConnectionAgeMs: 60 });
    const client = await connect(sim, userDataPath('usdm', await createKey(sim, 'usdm')));

    expect(await client.closed).toBe(1001);
  });
});

describe('waitForConnection', () => {
  it('returns the newest open connection, or with `after` the next one, and times out when none comes', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const first = await connect(sim, userDataPath('usdm', key));
    const one = await sim.waitForConnection({ timeoutMs: 1_000 });
    const next = sim.waitForConnection({ timeoutMs: 2_000, after: one.id });
    first.socket.terminate();
    await connect(sim, userDataPath('usdm', key));

    expect((await next).id).toBe(one.id + 1);
    await expect(sim.waitForConnection({ timeoutMs: 30, after: one.id + 1 })).rejects.toThrow(/timed out after 30 ms/);
  });
});

describe('faults', () => {
  it('drop closes every socket cleanly with the given code', async () => {
    const sim = await startSim();
    const a = await connect(sim, userDataPath('usdm', await createKey(sim, 'usdm')));
    const b = await connect(sim, userDataPath('coinm', await createKey(sim, 'coinm')));

    sim.drop(4000);

    expect(await Promise.all([a.closed, b.closed])).toEqual([4000, 4000]);
    await eventually(() => (sim.connections().length === 0 ? true : undefined), 2_000, 'no connections');
  });

  it('drop defaults to 1001', async () => {
    const sim = await startSim();
    const client = await connect(sim, userDataPath('pm', await createKey(sim, 'pm')));
    sim.drop();
    expect(await client.closed).toBe(1001);
  });

  it('server-shutdown announces on the open sockets and later closes only those, not a replacement opened meanwhile', async () => {
    const sim = await startSim();
    const path = userDataPath('usdm', await createKey(sim, 'usdm'));
    const announced = await connect(sim, path);

    expect(sim.fault({ kind: 'server-shutdown', ms: 300 })).toEqual({ kind: 'server-shutdown', sockets: 1 });
    expect(JSON.parse((await announced.messagesAtLeast(1))[0] ?? '')).toEqual({ event: { e: 'serverShutdown', E: expect.any(Number) } });
    const replacement = await connect(sim, path);

    expect(await announced.closed).toBe(1001);
    expect(sim.push('usdm', { e: 'ORDER_TRADE_UPDATE', E: 1 })).toBe(1);
    await replacement.messagesAtLeast(1);
  });

  it('reset cuts the TCP connection with no close frame (1006 at the client)', async () => {
    const sim = await startSim();
    const client = await connect(sim, userDataPath('usdm', await createKey(sim, 'usdm')));
    sim.reset();
    expect(await client.closed).toBe(1006);
  });

  it('stall stops pongs, pings and pushes on existing and new sockets until lifted', async () => {
    const sim = await startSim({ pingIntervalMs: 30 });
    const key = await createKey(sim, 'usdm');
    const existing = await connect(sim, userDataPath('usdm', key));
    let pongs = 0;
    existing.socket.on('pong', () => pongs++);

    sim.stall(true);
    const fresh = await connect(sim, userDataPath('usdm', key));
    const pingsBefore = existing.pings.length + fresh.pings.length;
    existing.socket.ping();
    const reached = sim.push('usdm', { e: 'ORDER_TRADE_UPDATE' });
    await sleep(SILENCE_MS);

    expect(reached).toBe(0);
    expect(pongs).toBe(0);
    expect(existing.pings.length + fresh.pings.length).toBe(pingsBefore);
    expect([...existing.messages, ...fresh.messages]).toEqual([]);

    sim.stall(false);
    await eventually(() => (pongs === 1 ? true : undefined), 2_000, 'the held pong');
    expect(sim.push('usdm', { e: 'ORDER_TRADE_UPDATE' })).toBe(2);
    await fresh.messagesAtLeast(1);
  });

  it('refuseConnections answers new upgrades with 503 and leaves open sockets alone', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const open = await connect(sim, userDataPath('usdm', key));

    sim.refuseConnections(true);
    await expect(connect(sim, userDataPath('usdm', key))).rejects.toThrow(/503/);
    expect(sim.push('usdm', { e: 'ORDER_TRADE_UPDATE' })).toBe(1);

    sim.refuseConnections(false);
    await connect(sim, userDataPath('usdm', key));
    expect(open.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('expireKey sends listenKeyExpired `times` times on that key, then PUT is -1125 and pushes reach nobody', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const client = await connect(sim, userDataPath('usdm', key));

    sim.expireKey('usdm', { times: 2 });

    const frames = (await client.messagesAtLeast(2)).map((text) => JSON.parse(text) as Record<string, unknown>);
    const expected = fixture('listen-key-expired-string-E.json') as Record<string, unknown>;
    for (const frame of frames) {
      expect(Object.keys(frame)).toEqual(Object.keys(expected));
      expect(frame).toMatchObject({ e: 'listenKeyExpired', E: expect.stringMatching(/^\d{13}$/), listenKey: key });
    }
    expect((await call(sim, 'PUT', '/fapi/v1/listenKey')).body).toEqual(fixture('rest-error-1125.json'));
    expect(sim.push('usdm', { e: 'ORDER_TRADE_UPDATE' })).toBe(0);
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    expect(() => sim.expireKey('usdm')).toThrow(/no active usdm listenKey/);
  });

  it('expiry by TTL tells the key’s sockets once, in the market’s documented shape', async () => {
    const sim = await startSim({ listenKeyTtlMs: 300 });
    const coinmKey = await createKey(sim, 'coinm');
    const coinm = await connect(sim, userDataPath('coinm', coinmKey));
    const pm = await connect(sim, userDataPath('pm', await createKey(sim, 'pm')));

    const [coinmFrame] = await coinm.messagesAtLeast(1);
    const [pmFrame] = await pm.messagesAtLeast(1);

    expect(JSON.parse(coinmFrame ?? '')).toEqual({ e: 'listenKeyExpired', E: expect.any(Number), listenKey: coinmKey });
    expect(Object.keys(JSON.parse(coinmFrame ?? ''))).toEqual(Object.keys(fixture('listen-key-expired-number-E.json') as object));
    expect(JSON.parse(pmFrame ?? '')).toEqual({ e: 'listenKeyExpired', E: expect.any(Number) });
    expect(sim.activeKey('coinm')).toBeUndefined();
  });

  it('DELETE closes that key’s sockets and no others', async () => {
    const sim = await startSim();
    const usdm = await connect(sim, userDataPath('usdm', await createKey(sim, 'usdm')));
    const coinm = await connect(sim, userDataPath('coinm', await createKey(sim, 'coinm')));

    await call(sim, 'DELETE', '/fapi/v1/listenKey');

    expect(await usdm.closed).toBe(1000);
    expect(coinm.socket.readyState).toBe(WebSocket.OPEN);
  });
});
