import { readFileSync } from 'node:fs';
import { parseFrame } from '../../../src/events/parse.js';
import type { Market } from '../../../src/exchange/endpoints.js';
import type { OrderEvent, StreamEvent } from '../../../src/events/types.js';

export const fixtureText = (name: string): string =>
  readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

export function parsed(text: string, market: Market = 'usdm'): StreamEvent {
  const result = parseFrame(text, market);
  if (!result.ok) throw new Error(`${result.reason}: ${result.detail}`);
  return result.event;
}

/** The event fixtures with the market each belongs to. */
export const EVENT_FIXTURES: readonly (readonly [string, Market])[] = [
  ['usdm-order-trade-update-trailing-new.json', 'usdm'],
  ['usdm-order-trade-update-wire-2026.json', 'usdm'],
  ['coinm-order-trade-update.json', 'coinm'],
  ['usdm-trade-lite.json', 'usdm'],
  ['usdm-account-update.json', 'usdm'],
  ['usdm-account-update-wire-2021.json', 'usdm'],
  ['coinm-account-update.json', 'coinm'],
  ['usdm-margin-call.json', 'usdm'],
  ['coinm-margin-call.json', 'coinm'],
  ['usdm-account-config-update-leverage.json', 'usdm'],
  ['usdm-account-config-update-multi-assets.json', 'usdm'],
  ['coinm-account-config-update-leverage.json', 'coinm'],
  ['usdm-strategy-update.json', 'usdm'],
  ['usdm-grid-update.json', 'usdm'],
  ['usdm-conditional-order-trigger-reject.json', 'usdm'],
  ['usdm-algo-update.json', 'usdm'],
  ['listen-key-expired-string-E.json', 'usdm'],
  ['listen-key-expired-number-E.json', 'coinm'],
  ['listen-key-expired-no-key.json', 'usdm'],
];

/** PM frames (no fixture exists for them), shaped after the PM documentation examples. */
export const PM_FRAMES: readonly string[] = [
  JSON.stringify({
    e: 'CONDITIONAL_ORDER_TRADE_UPDATE', T: 1669262908216, E: 1669262908218, fs: 'UM',
    so: { s: 'BTCUSDT', c: 'TEST', si: 176057039, S: 'SELL', st: 'TRAILING_STOP_MARKET', f: 'GTC', q: '0.001', p: '0', sp: '7103.04', os: 'NEW', T: 1568879465650, ut: 1669262908216, R: false, wt: 'MARK_PRICE', ps: 'LONG', cp: false, AP: '7476.89', cr: '5.0', i: 8886774, V: 'EXPIRE_TAKER', gtd: 0 },
  }),
  '{"e":"riskLevelChange","E":1587727187525,"u":"1.99999999","s":"MARGIN_CALL","eq":"30.23416728"}',
];

/** Every kind the fixtures and PM samples cover, parsed. */
export function allSampleEvents(): StreamEvent[] {
  return [
    ...EVENT_FIXTURES.map(([name, market]) => parsed(fixtureText(name), market)),
    ...PM_FRAMES.map((text) => parsed(text, 'pm')),
  ];
}

/** The 2026 wire order (SOLUSDT BUY LIMIT NEW 21.26 @ 85.67) with fields replaced. */
export function order(overrides: Partial<OrderEvent> = {}): OrderEvent {
  const e = parsed(fixtureText('usdm-order-trade-update-wire-2026.json'));
  if (e.event !== 'order') throw new Error(e.event);
  return { ...e, ...overrides };
}
