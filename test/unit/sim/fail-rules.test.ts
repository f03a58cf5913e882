import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { FailRules } from '../../../src/sim/fail-rules.js';
import { call, createKey, fixture, startSim } from './support.js';

describe('FailRules', () => {
  it('matches on method and exact path or pattern, first armed first, for `times` requests', () => {
    const rules = new FailRules();
    rules.add({ method: 'put', path: '/fapi/v1/listenKey', status: 503, times: 2 });
    rules.add({ path: /listenKey$/, status: 429 });

    expect(rules.take('POST', '/fapi/v1/listenKey')?.status).toBe(429);
    expect(rules.take('PUT', '/fapi/v1/listenKey')?.status).toBe(503);
    expect(rules.take('PUT', '/fapi/v1/listenKey')?.status).toBe(503);
    expect(rules.take('PUT', '/fapi/v1/listenKey')).toBeUndefined();
  });

  it('refuses a times that is not a positive whole number', () => {
    expect(() => new FailRules().add({ status: 500, times: 0 })).toThrow(/positive integer/);
  });
});

describe('failNext', () => {
  it('answers the matching request with the scripted status, body and headers, then serves normally', async () => {
    const sim = await startSim();
    await createKey(sim, 'usdm');
    sim.failNext({ method: 'PUT', path: '/fapi/v1/listenKey', status: 418, body: fixture('rest-error-1003-ip-banned.json') as object, headers: { 'Retry-After': '7' } });

    const other = await call(sim, 'GET', '/fapi/v1/time');
    const failed = await call(sim, 'PUT', '/fapi/v1/listenKey');
    const next = await call(sim, 'PUT', '/fapi/v1/listenKey');

    expect(other.status).toBe(200);
    expect(failed).toMatchObject({ status: 418, body: fixture('rest-error-1003-ip-banned.json') });
    expect(failed.headers['retry-after']).toBe('7');
    expect(next.status).toBe(200);
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200, 418, 200]);
  });

  it('sends a string body verbatim', async () => {
    const sim = await startSim();
    sim.failNext({ status: 502, body: '<html>Bad Gateway</html>' });

    const response = await request(`${sim.restUrl}/fapi/v1/time`);

    expect(response.statusCode).toBe(502);
    expect(await response.body.text()).toBe('<html>Bad Gateway</html>');
  });

  it('destroy closes the TCP connection with no answer, recorded as status 0', async () => {
    const sim = await startSim();
    sim.failNext({ path: '/fapi/v1/listenKey', status: 0, destroy: true });

    await expect(call(sim, 'POST', '/fapi/v1/listenKey')).rejects.toMatchObject({ code: expect.stringMatching(/^UND_ERR_SOCKET$|^ECONNRESET$/) });
    expect(sim.requests.at(-1)).toMatchObject({ path: '/fapi/v1/listenKey', status: 0 });
    expect((await call(sim, 'POST', '/fapi/v1/listenKey')).status).toBe(200);
  });
});
