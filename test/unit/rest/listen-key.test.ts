import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthRejectedError, ExchangeError } from '../../../src/errors/errors.js';
import { listenKeyApi, type ListenKeyApi } from '../../../src/rest/listen-key.js';
import { createRestClient } from '../../../src/rest/client.js';
import { closeLoopbackServer } from '../../helpers/loopback-server.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  apiKey: string | string[] | undefined;
  body: string;
}

let server: Server | undefined;

afterEach(async () => {
  const s = server;
  server = undefined;
  await closeLoopbackServer(s);
});

/** A loopback exchange that answers each request with the status and body scripted for its method. */
async function exchange(path: string, answers: Partial<Record<string, [number, string]>>): Promise<{ api: ListenKeyApi; seen: Seen[] }> {
  const seen: Seen[] = [];
  const s = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, apiKey: req.headers['x-mbx-apikey'], body });
      const [status, text] = answers[req.method ?? ''] ?? [404, '{"code":-1,"msg":"not scripted"}'];
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  server = s;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  const rest = createRestClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: API_KEY, timeoutMs: 2_000 });
  return { api: listenKeyApi(rest, path), seen };
}

describe('listenKeyApi', () => {
  it('creates a key with a POST on the path, API key header only and no query string', async () => {
    const { api, seen } = await exchange('/fapi/v1/listenKey', { POST: [200, fixture('rest-listen-key-post.json')] });
    expect(await api.create()).toBe('pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1');
    expect(seen).toEqual([{ method: 'POST', url: '/fapi/v1/listenKey', apiKey: API_KEY, body: '' }]);
  });

  it('keeps a USDⓈ-M key alive with a PUT that answers the extended key', async () => {
    const { api, seen } = await exchange('/fapi/v1/listenKey', { PUT: [200, fixture('rest-listen-key-put-usdm.json')] });
    await expect(api.keepAlive()).resolves.toBeUndefined();
    expect(seen).toEqual([{ method: 'PUT', url: '/fapi/v1/listenKey', apiKey: API_KEY, body: '' }]);
  });

  it('keeps a COIN-M key alive with a PUT that answers {}', async () => {
    const { api, seen } = await exchange('/dapi/v1/listenKey', { PUT: [200, fixture('rest-listen-key-put-coinm.json')] });
    await expect(api.keepAlive()).resolves.toBeUndefined();
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['PUT /dapi/v1/listenKey']);
  });

  it('closes the stream with a DELETE on the path', async () => {
    const { api, seen } = await exchange('/papi/v1/listenKey', { DELETE: [200, fixture('rest-listen-key-delete-usdm.json')] });
    await expect(api.close()).resolves.toBeUndefined();
    expect(seen).toEqual([{ method: 'DELETE', url: '/papi/v1/listenKey', apiKey: API_KEY, body: '' }]);
  });

  it('surfaces -1125 on keepalive as an ExchangeError with binanceCode -1125', async () => {
    const { api } = await exchange('/fapi/v1/listenKey', { PUT: [400, fixture('rest-error-1125.json')] });
    const err = await api.keepAlive().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ExchangeError);
    expect(err).not.toBeInstanceOf(AuthRejectedError);
    expect(err).toMatchObject({ code: 'EXCHANGE', status: 400, binanceCode: -1125 });
  });

  it('rejects a create answer that carries no listenKey', async () => {
    const { api } = await exchange('/fapi/v1/listenKey', { POST: [200, '{}'] });
    await expect(api.create()).rejects.toThrow(/^POST \/fapi\/v1\/listenKey answered an unexpected body/);
  });

  it('rejects a keepalive answer that is not a JSON object', async () => {
    const { api } = await exchange('/fapi/v1/listenKey', { PUT: [200, '[]'] });
    await expect(api.keepAlive()).rejects.toBeInstanceOf(ExchangeError);
  });
});
