import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuthRejectedError, EndpointRetiredError, ExchangeError, RestTransferError } from '../../../src/errors/errors.js';
import { createRestClient, toExchangeError, type RestClient } from '../../../src/rest/client.js';
import { closeLoopbackServer } from '../../helpers/loopback-server.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const ServerTime = z.object({ serverTime: z.number() });

interface Seen {
  method: string | undefined;
  url: string | undefined;
  apiKey: string | string[] | undefined;
}

let server: Server | undefined;

afterEach(async () => {
  const s = server;
  server = undefined;
  await closeLoopbackServer(s);
});

/** Starts a loopback server whose every request gets `answer`; returns a client bound to it. */
async function serve(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
  options: { timeoutMs?: number; now?: () => number } = {},
): Promise<{ client: RestClient; seen: Seen[] }> {
  const seen: Seen[] = [];
  const s = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, apiKey: req.headers['x-mbx-apikey'] });
    answer(req, res);
  });
  server = s;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  return { client: createRestClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: API_KEY, ...options }), seen };
}

function reply(status: number, body: string, headers: Record<string, string> = {}) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

describe('toExchangeError', () => {
  it('turns HTTP 410 into a stop that says the endpoint is retired', () => {
    const err = toExchangeError('POST', '/fapi/v1/listenKey', 410, '', {}, 0);
    expect(err).toBeInstanceOf(EndpointRetiredError);
    expect(err).toMatchObject({ code: 'ENDPOINT_RETIRED', exitCode: 6 });
    expect(err.message).toMatch(/^POST \/fapi\/v1\/listenKey answered HTTP 410: the exchange has retired this endpoint/);
  });

  it('names demo-fapi when the testnet refuses a key, and nothing more elsewhere', () => {
    const body = '{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}';
    const testnet = toExchangeError('POST', '/fapi/v1/listenKey', 401, body, {}, 0, undefined, 'https://testnet.binancefuture.com');
    expect(testnet.message).toMatch(/a testnet key may instead belong to https:\/\/demo-fapi\.binance\.com \(try --rest-url https:\/\/demo-fapi\.binance\.com\)$/);
    expect(toExchangeError('POST', '/fapi/v1/listenKey', 401, body, {}, 0, undefined, 'https://fapi.binance.com').message).not.toMatch(/demo-fapi/);
  });
});

describe('createRestClient', () => {
  it('sends the method, path, query and X-MBX-APIKEY header', async () => {
    const { client, seen } = await serve(reply(200, '{"serverTime":1700000000000}'));
    await client.call('GET', '/fapi/v1/time', ServerTime, { query: 'a=1&b=2' });
    expect(seen).toEqual([{ method: 'GET', url: '/fapi/v1/time?a=1&b=2', apiKey: API_KEY }]);
  });

  it('sends no query string when none is given', async () => {
    const { client, seen } = await serve(reply(200, '{}'));
    await client.call('DELETE', '/fapi/v1/listenKey', z.object({}));
    expect(seen[0]?.url).toBe('/fapi/v1/listenKey');
  });

  it('returns the JSON body parsed through the schema', async () => {
    const { client } = await serve(reply(200, '{"serverTime":1700000000000,"extra":true}'));
    expect(await client.call('GET', '/fapi/v1/time', ServerTime)).toEqual({ serverTime: 1700000000000 });
  });

  it('turns HTTP 401 into AuthRejectedError (exit code 3), even without a Binance body', async () => {
    const { client } = await serve(reply(401, '<html>Unauthorized</html>', { 'content-type': 'text/html' }));
    const err = await rejection(client.call('POST', '/fapi/v1/listenKey', ServerTime));
    expect(err).toBeInstanceOf(AuthRejectedError);
    expect(err).toMatchObject({ code: 'AUTH_REJECTED', exitCode: 3, status: 401, binanceCode: undefined });
  });

  it.each([
    ['rest-error-2014.json', -2014],
    ['rest-error-2015.json', -2015],
    ['rest-error-2015-request-ip.json', -2015],
  ])('turns the %s body into AuthRejectedError with code %i', async (name, binanceCode) => {
    const { client } = await serve(reply(400, fixture(name)));
    const err = await rejection(client.call('POST', '/dapi/v1/listenKey', ServerTime));
    expect(err).toBeInstanceOf(AuthRejectedError);
    expect(err).toMatchObject({ code: 'AUTH_REJECTED', exitCode: 3, status: 400, binanceCode });
    expect((err as Error).message).toContain('the exchange rejected the API key: POST /dapi/v1/listenKey answered HTTP 400');
    expect((err as Error).message).toContain('BINANCE_API_KEY');
  });

  it('never puts the API key into an error message', async () => {
    const { client } = await serve(reply(401, fixture('rest-error-2015.json')));
    const err = await rejection(client.call('POST', '/fapi/v1/listenKey', ServerTime));
    expect((err as Error).message).not.toContain(API_KEY);
  });

  it('turns 429 with Retry-After into RATE_LIMITED with retryAfterMs', async () => {
    const { client } = await serve(reply(429, '{"code":-1003,"msg":"Too many requests."}', { 'retry-after': '7' }));
    const err = await rejection(client.call('PUT', '/fapi/v1/listenKey', ServerTime));
    expect(err).toBeInstanceOf(ExchangeError);
    expect(err).not.toBeInstanceOf(AuthRejectedError);
    expect(err).toMatchObject({ code: 'RATE_LIMITED', status: 429, binanceCode: -1003, retryAfterMs: 7_000 });
  });

  it('turns 418 with the -1003 ban body into RATE_LIMITED waiting until the ban ends', async () => {
    const bannedUntilMs = 1660090423228;
    const { client } = await serve(reply(418, fixture('rest-error-1003-ip-banned.json')), { now: () => bannedUntilMs - 90_000 });
    const err = await rejection(client.call('POST', '/fapi/v1/listenKey', ServerTime));
    expect(err).toBeInstanceOf(ExchangeError);
    expect(err).toMatchObject({ code: 'RATE_LIMITED', status: 418, binanceCode: -1003, retryAfterMs: 90_000 });
  });

  it('leaves retryAfterMs undefined on a 429 that says nothing about waiting', async () => {
    const { client } = await serve(reply(429, ''));
    const err = await rejection(client.call('GET', '/fapi/v1/time', ServerTime));
    expect(err).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: undefined });
  });

  it.each([500, 502, 503])('turns HTTP %i into a plain ExchangeError', async (status) => {
    const { client } = await serve(reply(status, '<html>Service Unavailable</html>', { 'content-type': 'text/html' }));
    const err = await rejection(client.call('GET', '/fapi/v1/time', ServerTime));
    expect(err).toBeInstanceOf(ExchangeError);
    expect(err).not.toBeInstanceOf(AuthRejectedError);
    expect(err).toMatchObject({ code: 'EXCHANGE', status, binanceCode: undefined, retryAfterMs: undefined });
    expect((err as Error).message).toBe(`GET /fapi/v1/time answered HTTP ${status}`);
  });

  it("names Binance's code and message for another error body", async () => {
    const { client } = await serve(reply(400, fixture('rest-error-1121.json')));
    const err = await rejection(client.call('GET', '/fapi/v1/order', ServerTime));
    expect(err).toMatchObject({ code: 'EXCHANGE', status: 400, binanceCode: -1121 });
    expect((err as Error).message).toBe('GET /fapi/v1/order answered HTTP 400 -1121 "Invalid symbol."');
  });

  it('rejects a 200 whose body is not JSON', async () => {
    const { client } = await serve(reply(200, '<html>captive portal</html>', { 'content-type': 'text/html' }));
    const err = await rejection(client.call('GET', '/fapi/v1/time', ServerTime));
    expect(err).toBeInstanceOf(ExchangeError);
    expect((err as Error).message).toBe('GET /fapi/v1/time answered HTTP 200 with a body that is not JSON');
  });

  it('rejects a 200 whose JSON does not have the expected shape', async () => {
    const { client } = await serve(reply(200, '{"serverTime":"soon"}'));
    const err = await rejection(client.call('GET', '/fapi/v1/time', ServerTime));
    expect(err).toBeInstanceOf(ExchangeError);
    expect((err as Error).message).toMatch(/^GET \/fapi\/v1\/time answered an unexpected body: /);
  });

  it('rejects when the server never answers within timeoutMs', async () => {
    const { client, seen } = await serve(() => undefined, { timeoutMs: 150 });
    const started = performance.now();
    const err = await rejection(client.call('GET', '/fapi/v1/time', ServerTime));
    const elapsedMs = performance.now() - started;
    expect(seen).toHaveLength(1);
    expect(err).toBeInstanceOf(RestTransferError);
    expect(err).toMatchObject({ code: 'NETWORK', message: 'GET /fapi/v1/time: no complete answer within 150ms' });
    expect(elapsedMs).toBeGreaterThanOrEqual(100);
    expect(elapsedMs).toBeLessThan(3_000);
  });

  it('rejects when the body stalls for longer than timeoutMs', async () => {
    const { client } = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"serverTime":');
      },
      { timeoutMs: 150 },
    );
    const err = await rejection(client.call('GET', '/fapi/v1/time', ServerTime));
    expect(err).toMatchObject({ code: 'NETWORK', message: 'GET /fapi/v1/time: no complete answer within 150ms' });
  });

  it('rejects a body that trickles in: the deadline covers the whole call, not the gap between bytes', async () => {
    const timers: NodeJS.Timeout[] = [];
    const { client } = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const body = '{"serverTime":1700000000000}';
        let sent = 0;
        const timer = setInterval(() => (sent < body.length ? res.write(body[sent++]) : res.end()), 30);
        timers.push(timer);
        res.on('close', () => clearInterval(timer));
      },
      { timeoutMs: 200 },
    );
    const err = await rejection(client.call('GET', '/fapi/v1/time', ServerTime));
    for (const timer of timers) clearInterval(timer);
    expect(err).toMatchObject({ code: 'NETWORK', message: 'GET /fapi/v1/time: no complete answer within 200ms' });
  });

  it.each([
    ['declared by Content-Length', { 'content-length': '2048' }],
    ['streamed without a length', {}],
  ])('does not read a body larger than maxBodyBytes (%s)', async (_what, headers: Record<string, string>) => {
    const s = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      res.end(`{"pad":"${'x'.repeat(2048 - 10)}"}`);
    });
    server = s;
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const { port } = s.address() as AddressInfo;
    const client = createRestClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: API_KEY, maxBodyBytes: 1024 });
    const err = await rejection(client.call('GET', '/fapi/v1/time', ServerTime));
    expect(err).toMatchObject({ code: 'NETWORK', message: 'GET /fapi/v1/time answered a body larger than 1024 bytes; not read' });
  });

  it('rejects when the caller aborts', async () => {
    const { client } = await serve(() => undefined);
    const controller = new AbortController();
    const call = client.call('GET', '/fapi/v1/time', ServerTime, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const err = await rejection(call);
    expect((err as Error).name).toBe('AbortError');
  });
});
