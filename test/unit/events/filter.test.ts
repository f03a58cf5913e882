import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_SELECTORS, matches, selectKinds, type EventFilter } from '../../../src/events/filter.js';
import { parseFrame } from '../../../src/events/parse.js';
import type { EventKind, StreamEvent } from '../../../src/events/types.js';

function event(name: string): StreamEvent {
  const result = parseFrame(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8'), 'usdm');
  if (!result.ok) throw new Error(result.detail);
  return result.event;
}

const order = event('usdm-order-trade-update-wire-2026.json'); // SOLUSDT BUY NEW
const trade = event('usdm-trade-lite.json'); // BTCUSDT BUY, no status
const account = event('usdm-account-update.json'); // no symbol, side or status
const leverage = event('usdm-account-config-update-leverage.json'); // BTCUSDT, no side
const multiAssets = event('usdm-account-config-update-multi-assets.json'); // no symbol
const algo = event('usdm-algo-update.json'); // BNBUSDT SELL CANCELED
const strategy = event('usdm-strategy-update.json'); // BTCUSDT NEW, no side
const expired = event('listen-key-expired-string-E.json');

const ALL_KINDS: ReadonlySet<EventKind> = selectKinds(['all']);
const only = (overrides: Partial<EventFilter>): EventFilter => ({ events: ALL_KINDS, ...overrides });

describe('selectKinds', () => {
  it("expands 'all' to every data kind and never to key-expired", () => {
    expect([...ALL_KINDS].sort()).toEqual(
      [
        'account',
        'account-config',
        'algo',
        'conditional-order',
        'conditional-reject',
        'grid',
        'margin-call',
        'order',
        'pm-other',
        'strategy',
        'trade-lite',
      ].sort(),
    );
  });

  it('maps each selector to its kind, with PM kinds riding on algo and account', () => {
    expect([...selectKinds(['order', 'trade-lite'])]).toEqual(['order', 'trade-lite']);
    expect([...selectKinds(['algo'])]).toEqual(['algo', 'conditional-order']);
    expect([...selectKinds(['account'])]).toEqual(['account', 'pm-other']);
    for (const selector of EVENT_SELECTORS) expect(selectKinds([selector]).has(selector)).toBe(true);
  });
});

describe('matches', () => {
  it('never passes key-expired, even when asked for everything', () => {
    expect(matches({ events: new Set<EventKind>(['key-expired', 'order']) }, expired)).toBe(false);
  });

  it.each<[string, EventFilter, StreamEvent, boolean]>([
    ['kind selected', { events: new Set(['order']) }, order, true],
    ['kind not selected', { events: new Set(['order']) }, trade, false],
    ['symbol in the set', only({ symbols: new Set(['SOLUSDT']) }), order, true],
    ['symbol outside the set', only({ symbols: new Set(['BTCUSDT']) }), order, false],
    ['symbol filter on a trade', only({ symbols: new Set(['BTCUSDT']) }), trade, true],
    ['symbol filter on an algo update', only({ symbols: new Set(['BTCUSDT']) }), algo, false],
    ['symbol filter on an account update (no symbol)', only({ symbols: new Set(['BTCUSDT']) }), account, true],
    ['symbol filter on a leverage change', only({ symbols: new Set(['ETHUSDT']) }), leverage, false],
    ['symbol filter on a Multi-Assets change (no symbol)', only({ symbols: new Set(['ETHUSDT']) }), multiAssets, true],
    ['same side', only({ side: 'BUY' }), order, true],
    ['other side', only({ side: 'SELL' }), order, false],
    ['side filter on a trade', only({ side: 'SELL' }), trade, false],
    ['side filter on an algo update', only({ side: 'SELL' }), algo, true],
    ['side filter on a strategy (no side)', only({ side: 'SELL' }), strategy, true],
    ['status in the set', only({ statuses: new Set(['NEW', 'FILLED']) }), order, true],
    ['status outside the set', only({ statuses: new Set(['FILLED']) }), order, false],
    ['status filter on an algo update', only({ statuses: new Set(['FILLED']) }), algo, false],
    ['status filter on a strategy', only({ statuses: new Set(['NEW']) }), strategy, true],
    ['status filter on a trade (no status)', only({ statuses: new Set(['FILLED']) }), trade, true],
    ['all criteria met', only({ symbols: new Set(['SOLUSDT']), side: 'BUY', statuses: new Set(['NEW']) }), order, true],
    ['one criterion missed', only({ symbols: new Set(['SOLUSDT']), side: 'SELL', statuses: new Set(['NEW']) }), order, false],
  ])('%s', (_name, filter, e, expected) => {
    expect(matches(filter, e)).toBe(expected);
  });
});
