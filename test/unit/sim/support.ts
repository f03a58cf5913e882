import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import { SIM_API_SECRET, type SimExchange, type SimOptions, createSimExchange } from '../../../src/sim/exchange.js';
import type { SimMarket } from '../../../src/sim/market.js';

/**
 * A simulator on 127.0.0.1:0, closed after the test even when it fails. The cleanup belongs to the
 * test, not to this module: test files share a worker, and this module is loaded once for all of them.
 */
export async function startSim(options: SimOptions = {}): Promise<SimExchange> {
  const sim = await createSimExchange(options);
  onTestFinished(() => sim.close());
  return sim;
}

/** A parsed JSON body with its status and headers. */
export interface JsonReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** One REST call with undici; the body is always consumed. */
export async function call(
  sim: SimExchange,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  apiKey: string | null = 'SimulatedExchangeApiKey00000000000000000000000000000000000000000',
): Promise<JsonReply> {
  const headers: Record<string, string> = apiKey === null ? {} : { 'X-MBX-APIKEY': apiKey };
  const response = await request(`${sim.restUrl}${path}`, { method, headers, headersTimeout: 3_000, bodyTimeout: 3_000 });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const LISTEN_KEY_PATH: Record<SimMarket, string> = {
  usdm: '/fapi/v1/listenKey',
  coinm: '/dapi/v1/listenKey',
  pm: '/papi/v1/listenKey',
};

/** A keyFactory issuing key1, key2, …, so tests can name keys. */
export function countingKeys(): () => string {
  let issued = 0;
  return () => `key${++issued}`;
}

/** POSTs the market's listenKey path and returns the key. */
export async function createKey(sim: SimExchange, market: SimMarket): Promise<string> {
  const reply = await call(sim, 'POST', LISTEN_KEY_PATH[market]);
  const key = (reply.body as { listenKey?: unknown }).listenKey;
  if (reply.status !== 200 || typeof key !== 'string') throw new Error(`POST listenKey failed: ${reply.status}`);
  return key;
}

/** The listenKey REST path of a market. */
export function listenKeyPath(market: SimMarket): string {
  return LISTEN_KEY_PATH[market];
}

/** The user-data URL path Binance uses for a market. */
export function userDataPath(market: SimMarket, key: string): string {
  switch (market) {
    case 'usdm':
      return `/private/ws?listenKey=${key}`;
    case 'coinm':
      return `/ws/${key}`;
    case 'pm':
      return `/pm/ws/${key}`;
  }
}

/** A real ws client that records every frame, ping and close. */
export interface SimClient {
  readonly socket: WebSocket;
  readonly messages: string[];
  readonly pings: number[];
  /** Resolves with the close code, or 1006 when the TCP connection died without a close frame. */
  readonly closed: Promise<number>;
  /** Waits until at least `count` messages arrived; bounded. */
  messagesAtLeast(count: number, timeoutMs?: number): Promise<string[]>;
  /**
   * Pings the server and waits for its pong. The server writes in order on one socket, so any frame it
   * sent before the ping arrived has been received by then: how a test proves that nothing was sent.
   */
  roundTrip(timeoutMs?: number): Promise<void>;
}

/** Opens a client on `path` and waits for the handshake. */
export async function connect(sim: SimExchange, path: string, options: { autoPong?: boolean } = {}): Promise<SimClient> {
  const socket = new WebSocket(`${sim.wsUrl}${path}`, { autoPong: options.autoPong ?? true, handshakeTimeout: 3_000 });
  const messages: string[] = [];
  const pings: number[] = [];
  socket.on('message', (data) => messages.push(String(data)));
  socket.on('ping', () => pings.push(Date.now()));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const client: SimClient = {
    socket,
    messages,
    pings,
    closed,
    messagesAtLeast: (count, timeoutMs = 2_000) => eventually(() => (messages.length >= count ? messages : undefined), timeoutMs, `${count} messages`),
    roundTrip: (timeoutMs = 2_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no pong within ${timeoutMs} ms`)), timeoutMs);
        socket.once('pong', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.ping();
      }),
  };
  onTestFinished(() => void socket.terminate());
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return client;
}

/** Polls `probe` every 10 ms until it returns a value; rejects after `timeoutMs`. */
export async function eventually<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Reads a fixture from test/fixtures. */
export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8'));
}

/** Paths of every non-integer number inside `value`; Binance sends decimals as strings, so this should be empty. */
export function floatPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return Number.isInteger(value) ? [] : [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => floatPaths(child, `${path}.${key}`));
}

/** Appends timestamp and an HMAC-SHA256 signature, as a Binance client signs a USER_DATA call. */
export function signed(path: string, params: Record<string, string | number>, timestampMs: number, secret = SIM_API_SECRET): string {
  const query = new URLSearchParams({ ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), timestamp: String(timestampMs) }).toString();
  const signature = createHmac('sha256', secret).update(query).digest('hex');
  return `${path}?${query}&signature=${signature}`;
}
