import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuthRejectedError } from '../../../src/errors/errors.js';
import { createLogger } from '../../../src/log/log.js';
import { hmacSigner, parsePrivateKey, privateKeySigner, type Signer } from '../../../src/rest/sign.js';
import { createSignedClient } from '../../../src/rest/signed-client.js';
import { WeightBudget } from '../../../src/rest/weight.js';
import { createSimExchange, SIM_API_KEY, SIM_API_SECRET, type SimExchange } from '../../../src/sim/index.js';

const Orders = z.array(z.object({ orderId: z.number(), status: z.string() }));
const Order = z.object({ orderId: z.number(), status: z.string() });

let sim: SimExchange | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function clientFor(s: SimExchange, signer: Signer, extra: { apiKey?: string; budget?: WeightBudget } = {}) {
  const logs: string[] = [];
  const log = createLogger({ write: (text) => logs.push(text), verbosity: 'verbose' });
  const client = createSignedClient({ baseUrl: s.restUrl, apiKey: extra.apiKey ?? SIM_API_KEY, serverTimePath: '/fapi/v1/time', signer, log, ...(extra.budget ? { budget: extra.budget } : {}) });
  return { client, logs };
}

describe('signed REST client against the simulator', () => {
  it('signs with HMAC on server time and reads open orders', async () => {
    sim = await createSimExchange({ clockSkewMs: 30_000 });
    sim.orders.place('usdm', { side: 'BUY', price: '90000.00' });
    const { client } = clientFor(sim, hmacSigner(SIM_API_SECRET));
    const open = await client.signed('GET', '/fapi/v1/openOrders', Orders, {}, { weight: 40 });
    expect(open).toHaveLength(1);
    expect(client.offsetMs()).toBeGreaterThan(29_000);
  });

  it('signs with an Ed25519 key registered on the exchange, and places and cancels an order', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    sim = await createSimExchange({ apiKeys: ['ed-key'], apiPublicKeys: { 'ed-key': publicKey.export({ type: 'spki', format: 'pem' }).toString() } });
    const signer = privateKeySigner(parsePrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
    const { client } = clientFor(sim, signer, { apiKey: 'ed-key' });
    const placed = await client.signed('POST', '/fapi/v1/order', Order, { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTX', quantity: '0.002', price: '99000.00' });
    expect(placed.status).toBe('NEW');
    const canceled = await client.signed('DELETE', '/fapi/v1/order', Order, { symbol: 'BTCUSDT', orderId: placed.orderId });
    expect(canceled.status).toBe('CANCELED');
  });

  it('re-measures server time once on -1021 and succeeds', async () => {
    sim = await createSimExchange();
    const { client, logs } = clientFor(sim, hmacSigner(SIM_API_SECRET));
    await client.syncClock();
    sim.setClockSkew(-8_000); // our clock now runs 8 s ahead of the exchange
    await expect(client.signed('GET', '/fapi/v1/openOrders', Orders)).resolves.toEqual([]);
    expect(logs.join('')).toMatch(/-1021.*re-measuring/);
    expect(client.offsetMs()).toBeLessThan(-7_000);
  });

  it('reports a -1021 that survives the re-sync as a clock problem (exit 3)', async () => {
    sim = await createSimExchange();
    sim.failNext({ path: '/fapi/v1/openOrders', status: 400, body: { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' }, times: 2 });
    const { client } = clientFor(sim, hmacSigner(SIM_API_SECRET));
    const err = await client.signed('GET', '/fapi/v1/openOrders', Orders).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthRejectedError);
    expect((err as AuthRejectedError).exitCode).toBe(3);
    expect((err as Error).message).toMatch(/-1021.*clock/);
  });

  it('explains -1022 without printing the secret', async () => {
    sim = await createSimExchange();
    const { client } = clientFor(sim, hmacSigner('SENTINEL-wrong-secret'));
    const err = await client.signed('GET', '/fapi/v1/openOrders', Orders).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthRejectedError);
    expect((err as Error).message).toMatch(/signature \(-1022\).*BINANCE_API_SECRET/);
    expect((err as Error).message).not.toContain('SENTINEL');
  });

  it('sends nothing more until the Retry-After of a 429 has passed', async () => {
    sim = await createSimExchange();
    sim.failNext({ path: '/fapi/v1/openOrders', status: 429, body: { code: -1003, msg: 'Too many requests.' }, headers: { 'Retry-After': '30' } });
    const { client } = clientFor(sim, hmacSigner(SIM_API_SECRET));
    await expect(client.signed('GET', '/fapi/v1/openOrders', Orders)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(client.budget.delayMs(1, Date.now() + (client.offsetMs() ?? 0))).toBeGreaterThan(29_000);
  });

  it('reads X-MBX-USED-WEIGHT-1M and pauses when the budget is spent', async () => {
    sim = await createSimExchange();
    const budget = new WeightBudget(2400, 0);
    const { client } = clientFor(sim, hmacSigner(SIM_API_SECRET), { budget });
    await client.signed('GET', '/fapi/v1/openOrders', Orders, {}, { weight: 40 });
    expect(budget.used).toBeGreaterThanOrEqual(41);
    budget.spend(2400, Date.now() + (client.offsetMs() ?? 0));
    const controller = new AbortController();
    const pending = client.signed('GET', '/fapi/v1/openOrders', Orders, {}, { weight: 40, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    expect(sim.requests.filter((r) => r.path === '/fapi/v1/openOrders')).toHaveLength(1);
  });
});
