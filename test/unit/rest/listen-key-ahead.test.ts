import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthRejectedError } from '../../../src/errors/errors.js';
import { createRestClient } from '../../../src/rest/client.js';
import { createAhead, listenKeyApi, type ListenKeyApi } from '../../../src/rest/listen-key.js';
import { closeLoopbackServer } from '../../helpers/loopback-server.js';

const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const keyNumber = (n: number) => `key${String(n).padStart(61, '0')}`;

interface Held {
  req: IncomingMessage;
  res: ServerResponse;
  /** Resolves when the client went away before an answer. */
  gone: Promise<void>;
}

let server: Server | undefined;

afterEach(async () => {
  const s = server;
  server = undefined;
  await closeLoopbackServer(s);
});

/** A loopback exchange that holds every request until the test answers it. */
async function exchange(): Promise<{ keys: ListenKeyApi; next: () => Promise<Held>; count: () => number }> {
  const held: Held[] = [];
  const waiting: ((h: Held) => void)[] = [];
  let seen = 0;
  const s = createServer((req, res) => {
    seen++;
    const gone = new Promise<void>((resolve) => res.on('close', () => !res.writableEnded && resolve()));
    const h = { req, res, gone };
    const waiter = waiting.shift();
    if (waiter) waiter(h);
    else held.push(h);
  });
  server = s;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  const rest = createRestClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: API_KEY, timeoutMs: 5_000 });
  return {
    keys: listenKeyApi(rest, '/fapi/v1/listenKey'),
    next: () => {
      const h = held.shift();
      return h ? Promise.resolve(h) : new Promise((resolve) => waiting.push(resolve));
    },
    count: () => seen,
  };
}

const answer = (h: Held, status: number, body: object) => {
  h.res.writeHead(status, { 'content-type': 'application/json' });
  h.res.end(JSON.stringify(body));
};

describe('createAhead', () => {
  it('sends the POST at once and gives its key to the first create(); later creates send their own', async () => {
    const { keys, next, count } = await exchange();
    const ahead = createAhead(keys);
    const first = await next();
    expect(first.req.method).toBe('POST');
    const created = ahead.create();
    answer(first, 200, { listenKey: keyNumber(1) });
    await expect(created).resolves.toBe(keyNumber(1));
    expect(count()).toBe(1);
    const again = ahead.create();
    answer(await next(), 200, { listenKey: keyNumber(2) });
    await expect(again).resolves.toBe(keyNumber(2));
    ahead.abandon();
  });

  it('gives a failure of the early request to the create() that takes it over', async () => {
    const { keys, next } = await exchange();
    const ahead = createAhead(keys);
    answer(await next(), 401, { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' });
    // Settled before anyone asked: no unhandled rejection, and the caller still sees it.
    await new Promise((resolve) => setImmediate(resolve));
    await expect(ahead.create()).rejects.toBeInstanceOf(AuthRejectedError);
  });

  it('aborts the early request when the signal of the create() that took it over aborts', async () => {
    const { keys, next } = await exchange();
    const ahead = createAhead(keys);
    const held = await next();
    const controller = new AbortController();
    const created = ahead.create(controller.signal);
    controller.abort();
    await expect(created).rejects.toThrow();
    await held.gone;
  });

  it('abandon() aborts an early request nobody took over; a later create() sends a new one', async () => {
    const { keys, next, count } = await exchange();
    const ahead = createAhead(keys);
    const held = await next();
    ahead.abandon();
    await held.gone;
    const created = ahead.create();
    answer(await next(), 200, { listenKey: keyNumber(3) });
    await expect(created).resolves.toBe(keyNumber(3));
    expect(count()).toBe(2);
  });
});
