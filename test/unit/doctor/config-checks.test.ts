import { describe, expect, it } from 'vitest';
import { resolveEndpoints, type EndpointOverrides, type Market, type Network } from '../../../src/exchange/endpoints.js';
import type { DoctorContext } from '../../../src/doctor/check.js';
import { credentialsCheck } from '../../../src/doctor/checks/credentials.js';
import { endpointsCheck } from '../../../src/doctor/checks/endpoints.js';

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';

function context(overrides: Partial<DoctorContext> & { market?: Market; network?: Network; urls?: EndpointOverrides } = {}): DoctorContext {
  const { market = 'usdm', network = 'mainnet', urls = {}, ...rest } = overrides;
  return {
    endpoints: resolveEndpoints(market, network, urls),
    apiKey: KEY,
    apiSecret: KEY,
    overrideSources: { rest: urls.restUrl && '--rest-url', ws: urls.wsUrl && '--ws-url' },
    timeoutMs: 1_000,
    streamHoldMs: 100,
    now: Date.now,
    signal: new AbortController().signal,
    addSecret: () => {},
    ...rest,
  };
}

describe('endpoints check', () => {
  it('is ok on the default set, and names it', async () => {
    expect(await endpointsCheck.run(context())).toEqual({ outcome: 'ok', summary: expect.stringContaining('usdm mainnet: REST https://fapi.binance.com') });
  });

  it('reports an override as information', async () => {
    const result = await endpointsCheck.run(context({ urls: { restUrl: 'https://proxy.example.com' } }));
    expect(result).toMatchObject({ outcome: 'info', summary: expect.stringContaining('REST from --rest-url') });
  });

  it.each(['https://api.binance.com', 'https://testnet.binance.vision'])('fails on the Spot host %s', async (restUrl) => {
    const result = await endpointsCheck.run(context({ urls: { restUrl } }));
    expect(result).toMatchObject({ outcome: 'fail', hint: expect.stringMatching(/Spot hosts never carry futures order updates; remove --rest-url/) });
  });

  it('fails on the Spot stream host', async () => {
    expect((await endpointsCheck.run(context({ urls: { wsUrl: 'wss://stream.binance.com' } }))).outcome).toBe('fail');
  });

  it('fails on the retired USDⓈ-M /ws/<key> route, but not on COIN-M where /ws/<key> is the route', async () => {
    const retired = await endpointsCheck.run(context({ urls: { wsUrl: 'wss://fstream.binance.com/ws/{listenKey}' } }));
    expect(retired).toMatchObject({ outcome: 'fail', summary: expect.stringMatching(/retired/), hint: expect.stringMatching(/\/private\/ws\?listenKey=/) });
    expect((await endpointsCheck.run(context({ market: 'coinm' }))).outcome).toBe('ok');
  });

  it('notes unverified hosts as information with a pointer to the alternatives', async () => {
    expect(await endpointsCheck.run(context({ network: 'testnet' }))).toMatchObject({ outcome: 'info', hint: expect.stringMatching(/unverified/) });
  });
});

describe('credentials check', () => {
  it.each([
    [undefined, 'fail', /not set/],
    [` ${KEY}`, 'fail', /spaces/],
    [`"${KEY}"`, 'fail', /quotes/],
    ['short', 'warn', /5 characters/],
    [KEY, 'ok', /present and well formed/],
  ] as const)('judges the API key %j as %s', async (apiKey, outcome, summary) => {
    const result = await credentialsCheck.run(context({ apiKey }));
    expect(result.outcome).toBe(outcome);
    expect(result.summary).toMatch(summary);
    if (apiKey) expect(JSON.stringify(result)).not.toContain(apiKey.trim());
  });

  it('is information without a secret, which only the signed check needs', async () => {
    expect(await credentialsCheck.run(context({ apiSecret: undefined }))).toMatchObject({ outcome: 'info', summary: expect.stringMatching(/signed account check is skipped/) });
  });
});
