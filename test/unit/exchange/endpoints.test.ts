import { describe, expect, it } from 'vitest';
import { ENDPOINTS, USDM_EVENT_TYPES, isLoopback, otherRestHosts, resolveEndpoints, streamUrl, type Market, type Network } from '../../../src/exchange/endpoints.js';
import { parseFrame } from '../../../src/events/parse.js';
import { UsageError } from '../../../src/errors/errors.js';

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).message;
  }
  throw new Error('expected a UsageError');
}

describe('the endpoint table', () => {
  it.each<[Market, Network, string, string, string]>([
    ['usdm', 'mainnet', 'https://fapi.binance.com', '/fapi/v1/listenKey', 'wss://fstream.binance.com/private/ws?listenKey={listenKey}'],
    ['usdm', 'testnet', 'https://testnet.binancefuture.com', '/fapi/v1/listenKey', 'wss://fstream.binancefuture.com/private/ws?listenKey={listenKey}'],
    ['usdm', 'demo', 'https://demo-fapi.binance.com', '/fapi/v1/listenKey', 'wss://demo-fstream.binance.com/private/ws?listenKey={listenKey}'],
    ['coinm', 'mainnet', 'https://dapi.binance.com', '/dapi/v1/listenKey', 'wss://dstream.binance.com/ws/{listenKey}'],
    ['coinm', 'testnet', 'https://testnet.binancefuture.com', '/dapi/v1/listenKey', 'wss://dstream.binancefuture.com/ws/{listenKey}'],
    ['pm', 'mainnet', 'https://papi.binance.com', '/papi/v1/listenKey', 'wss://fstream.binance.com/pm/ws/{listenKey}'],
  ])('%s %s: REST %s, listenKey at %s, stream %s', (market, network, restBase, listenKeyPath, streamTemplate) => {
    const resolved = resolveEndpoints(market, network);
    expect(resolved).toMatchObject({ market, network, restBase, listenKeyPath, streamTemplate, overridden: { rest: false, ws: false } });
    expect(listenKeyPath.startsWith(resolved.apiPrefix)).toBe(true);
  });

  it('never defaults usdm to the legacy /ws/<key> route, which stays silent', () => {
    for (const set of Object.values(ENDPOINTS.usdm)) expect(set.streamRoute).toBe('/private/ws?listenKey={listenKey}');
  });

  it('names every event the parser knows for usdm in the diagnostic events= list, listenKeyExpired included', () => {
    expect(USDM_EVENT_TYPES).toContain('listenKeyExpired');
    for (const type of USDM_EVENT_TYPES) {
      const parsed = parseFrame(JSON.stringify({ e: type }), 'usdm');
      expect(parsed.ok || parsed.reason !== 'unknown-type').toBe(true);
    }
    for (const network of ['mainnet', 'testnet', 'demo'] as const) expect(ENDPOINTS.usdm[network]?.streamRoute).not.toMatch(/events=/);
  });

  it('names demo-fapi as the other REST host of the testnet, and nothing for mainnet', () => {
    expect(otherRestHosts('https://testnet.binancefuture.com')).toEqual(['https://demo-fapi.binance.com']);
    expect(otherRestHosts('https://fapi.binance.com')).toEqual([]);
  });

  it('refuses pm on the testnet and lists what pm has', () => {
    expect(usageMessage(() => resolveEndpoints('pm', 'testnet'))).toBe('pm has no testnet endpoints (available: mainnet)');
  });

  it('refuses coinm on demo trading', () => {
    expect(usageMessage(() => resolveEndpoints('coinm', 'demo'))).toMatch(/^coinm has no demo endpoints/);
  });
});

describe('--rest-url', () => {
  it("replaces only scheme://host:port and keeps the market's paths", () => {
    const resolved = resolveEndpoints('coinm', 'mainnet', { restUrl: 'https://proxy.example:8443' });
    expect(resolved).toMatchObject({ restBase: 'https://proxy.example:8443', listenKeyPath: '/dapi/v1/listenKey', apiPrefix: '/dapi' });
    expect(resolved.overridden).toEqual({ rest: true, ws: false });
    expect(resolved.streamTemplate).toBe('wss://dstream.binance.com/ws/{listenKey}');
  });

  it('accepts a trailing slash', () => {
    expect(resolveEndpoints('usdm', 'mainnet', { restUrl: 'https://proxy.example/' }).restBase).toBe('https://proxy.example');
  });

  it.each(['http://127.0.0.1:8080', 'http://127.9.8.7', 'http://localhost:3000', 'http://LOCALHOST', 'http://[::1]:8080'])(
    'allows plain http:// for the loopback host in %s',
    (restUrl) => {
      expect(resolveEndpoints('usdm', 'mainnet', { restUrl }).restBase).toBe(new URL(restUrl).origin);
    },
  );

  it.each(['http://example.com', 'http://10.0.0.1:8080', 'http://128.0.0.1', 'http://127.0.0.1.example.com', 'http://[::2]'])(
    'refuses plain http:// for the non-loopback %s',
    (restUrl) => {
      expect(usageMessage(() => resolveEndpoints('usdm', 'mainnet', { restUrl }))).toMatch(/^--rest-url uses unencrypted http:\/\/ for .+; only loopback hosts may, use https:/);
    },
  );

  it('refuses a scheme that is neither https nor http', () => {
    expect(usageMessage(() => resolveEndpoints('usdm', 'mainnet', { restUrl: 'wss://fapi.binance.com' }))).toBe(
      '--rest-url must start with https:// (or http:// for a loopback host), not wss://',
    );
  });

  it('refuses text that is not a URL', () => {
    expect(usageMessage(() => resolveEndpoints('usdm', 'mainnet', { restUrl: 'fapi.binance.com' }))).toBe(
      '--rest-url "fapi.binance.com" is not a URL; give one like https://host[:port]',
    );
  });

  it.each(['https://proxy.example/fapi', 'https://proxy.example?x=1'])('refuses %s, which has a path or query, with a hint', (restUrl) => {
    expect(usageMessage(() => resolveEndpoints('usdm', 'mainnet', { restUrl }))).toBe(
      "--rest-url takes scheme://host[:port] only (the market's paths are added); drop the path",
    );
  });
});

describe('--ws-url', () => {
  it.each<[Market, string]>([
    ['usdm', 'wss://proxy.example:9443/private/ws?listenKey={listenKey}'],
    ['coinm', 'wss://proxy.example:9443/ws/{listenKey}'],
    ['pm', 'wss://proxy.example:9443/pm/ws/{listenKey}'],
  ])("replaces only scheme://host:port and keeps the %s route", (market, template) => {
    const resolved = resolveEndpoints(market, 'mainnet', { wsUrl: 'wss://proxy.example:9443' });
    expect(resolved.streamTemplate).toBe(template);
    expect(resolved.overridden).toEqual({ rest: false, ws: true });
  });

  it('uses a URL that contains {listenKey} whole', () => {
    const wsUrl = 'wss://proxy.example/custom/path?key={listenKey}&x=1';
    expect(resolveEndpoints('usdm', 'mainnet', { wsUrl }).streamTemplate).toBe(wsUrl);
  });

  it('allows plain ws:// for a loopback host, with or without {listenKey}', () => {
    expect(resolveEndpoints('usdm', 'mainnet', { wsUrl: 'ws://127.0.0.1:9000' }).streamTemplate).toBe(
      'ws://127.0.0.1:9000/private/ws?listenKey={listenKey}',
    );
    expect(resolveEndpoints('coinm', 'mainnet', { wsUrl: 'ws://[::1]:9000/x/{listenKey}' }).streamTemplate).toBe('ws://[::1]:9000/x/{listenKey}');
  });

  it('refuses plain ws:// for a remote host even with {listenKey}', () => {
    expect(usageMessage(() => resolveEndpoints('usdm', 'mainnet', { wsUrl: 'ws://example.com/ws/{listenKey}' }))).toBe(
      '--ws-url uses unencrypted ws:// for example.com; only loopback hosts may, use wss://',
    );
  });

  it('refuses an https:// URL', () => {
    expect(usageMessage(() => resolveEndpoints('usdm', 'mainnet', { wsUrl: 'https://fstream.binance.com' }))).toBe(
      '--ws-url must start with wss:// (or ws:// for a loopback host), not https://',
    );
  });

  it('refuses a path without {listenKey} and says how to give a complete URL', () => {
    expect(usageMessage(() => resolveEndpoints('usdm', 'mainnet', { wsUrl: 'wss://proxy.example/ws' }))).toBe(
      "--ws-url takes scheme://host[:port] only (the market's paths are added); to give a complete stream URL, include {listenKey} in it",
    );
  });
});

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.255.255.254', '::1', '[::1]', 'localhost', 'LocalHost'])('is true for %s', (host) => {
    expect(isLoopback(host)).toBe(true);
  });

  it.each(['128.0.0.1', '10.0.0.1', '127.0.0.1.nip.io', 'localhost.example.com', '::2', '[::]', 'example.com', ''])('is false for %j', (host) => {
    expect(isLoopback(host)).toBe(false);
  });
});

describe('streamUrl', () => {
  it('puts the key into the template', () => {
    expect(streamUrl('wss://dstream.binance.com/ws/{listenKey}', 'abc123')).toBe('wss://dstream.binance.com/ws/abc123');
  });

  it('URL-encodes the key', () => {
    expect(streamUrl('wss://fstream.binance.com/private/ws?listenKey={listenKey}', 'a/b+c=d&e')).toBe(
      'wss://fstream.binance.com/private/ws?listenKey=a%2Fb%2Bc%3Dd%26e',
    );
  });

  it('fills every {listenKey} in the template', () => {
    expect(streamUrl('ws://127.0.0.1/{listenKey}?k={listenKey}', 'K')).toBe('ws://127.0.0.1/K?k=K');
  });
});
