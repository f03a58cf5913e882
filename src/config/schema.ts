import { z } from 'zod';
import { EVENT_SELECTORS, selectKinds, type EventFilter } from '../events/filter.js';
import type { Market, Network } from '../exchange/endpoints.js';
import { ALL_STATUSES, EXECUTION_TYPES } from '../events/statuses.js';
import { Duration } from './duration.js';
import { oneOf, unknownValue } from './suggest.js';

const MARKETS: readonly Market[] = ['usdm', 'coinm', 'pm'];
const MARKET_ALIASES: Readonly<Record<string, Market>> = {
  usdm: 'usdm',
  'usdt-m': 'usdm',
  'usds-m': 'usdm',
  um: 'usdm',
  coinm: 'coinm',
  'coin-m': 'coinm',
  cm: 'coinm',
  pm: 'pm',
  'portfolio-margin': 'pm',
};

const unknownMarket = (text: string) => unknownValue('market', text, MARKETS, Object.keys(MARKET_ALIASES));

/** --market: usdm, coinm or pm, with the aliases people type. */
export const MarketOption = z.string().transform((text, ctx) => {
  const market = MARKET_ALIASES[text.trim().toLowerCase()];
  if (market === undefined) {
    const message = text.includes(',') ? `one market only here ("${text}"); only tail and orders take several at once` : unknownMarket(text);
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  return market;
});

/** tail's --market: one market, or several separated by commas (usdm,coinm), each once. */
export const MarketsOption = z.string().transform((text, ctx) => {
  const markets = new Set<Market>();
  for (const name of text.split(',')) {
    const market = MARKET_ALIASES[name.trim().toLowerCase()];
    if (market === undefined) {
      ctx.addIssue({ code: 'custom', message: `${unknownMarket(name.trim())}, or several separated by commas` });
      return z.NEVER;
    }
    markets.add(market);
  }
  return [...markets];
});

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const EventsOption = z.string().transform((text, ctx) => {
  const names = list(text).map((name) => name.toLowerCase());
  const known = new Set<string>([...EVENT_SELECTORS, 'all']);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0 || names.length === 0) {
    ctx.addIssue({ code: 'custom', message: unknownValue('event', unknown[0] ?? text, [...EVENT_SELECTORS, 'all']) });
    return z.NEVER;
  }
  return selectKinds(names as (typeof EVENT_SELECTORS)[number][]);
});

const UpperList = z.string().transform((text) => new Set(list(text).map((item) => item.toUpperCase())));

/** A value from a closed set, matched without case; a miss names the valid values and the likely one. */
export const closedSet = <const T extends string>(what: string, valid: readonly T[], normalize: (text: string) => string = (t) => t) =>
  z.string().transform((text, ctx): T => {
    const value = normalize(text.trim());
    if ((valid as readonly string[]).includes(value)) return value as T;
    ctx.addIssue({ code: 'custom', message: unknownValue(what, text.trim(), valid) });
    return z.NEVER;
  });

/**
 * Statuses, comma separated and upper-cased, each one Binance documents (protocol §3), or one of
 * `keywords` (lower case, such as wait's `terminal`); an empty list is an error.
 */
export const statusList = (valid: readonly string[], keywords: readonly string[] = []) =>
  z.string().transform((text, ctx) => {
    const statuses = new Set(list(text).map((item) => item.toUpperCase()));
    const accepted = [...valid, ...keywords];
    if (statuses.size === 0) {
      ctx.addIssue({ code: 'custom', message: `name at least one status; use ${oneOf(accepted)}` });
      return z.NEVER;
    }
    for (const status of statuses) {
      if (valid.includes(status) || keywords.includes(status.toLowerCase())) continue;
      const isExecType = (EXECUTION_TYPES as readonly string[]).includes(status);
      const message = isExecType ? `"${status}" is an execution type, not a status; use ${oneOf(accepted)}` : unknownValue('status', status, accepted);
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return statuses;
  });

/** --count: stop after this many printed events. */
export const CountOption = z.coerce
  .number({ message: 'must be a whole number above 0' })
  .int({ message: 'must be a whole number above 0' })
  .positive({ message: 'must be a whole number above 0' });

/** The options every streaming command shares, as commander hands them over (loosely typed). */
export const StreamOptions = z.object({
  market: MarketOption.prefault('usdm'),
  testnet: z.boolean().default(false),
  demoTrading: z.boolean().default(false),
  restUrl: z.string().optional(),
  wsUrl: z.string().optional(),
  envFile: z.string().optional(),
  keepalive: Duration.prefault('30m'),
  heartbeat: Duration.prefault('30s'),
  maxConnectionAge: Duration.prefault('23h'),
  reconnectMin: Duration.prefault('250ms'),
  reconnectMax: Duration.prefault('30s'),
  closeListenKey: z.boolean().default(false),
  reconcile: z.boolean().default(true),
  events: EventsOption.prefault('order'),
  symbol: UpperList.optional(),
  side: closedSet('side', ['BUY', 'SELL'], (t) => t.toUpperCase()).optional(),
  status: statusList(ALL_STATUSES).optional(),
  output: closedSet('output', ['pretty', 'json', 'raw'], (t) => t.toLowerCase()).optional(),
  json: z.boolean().default(false),
  color: z.boolean().default(true),
  utc: z.boolean().default(false),
  quiet: z.boolean().default(false),
  verbose: z.boolean().default(false),
  statusLine: z.boolean().default(false),
});
export type StreamOptions = z.output<typeof StreamOptions>;

/** The network the flags select. */
export function networkOf(opts: Pick<StreamOptions, 'testnet' | 'demoTrading'>): Network {
  return opts.demoTrading ? 'demo' : opts.testnet ? 'testnet' : 'mainnet';
}

/** The event filter the flags describe. */
export function filterOf(opts: StreamOptions): EventFilter {
  return {
    events: opts.events,
    ...(opts.symbol ? { symbols: opts.symbol } : {}),
    ...(opts.side ? { side: opts.side } : {}),
    ...(opts.status ? { statuses: opts.status } : {}),
  };
}

/** Turns zod's issues into one line that names the flag. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const flag = issue.path.length > 0 ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'options';
      return `${flag}: ${issue.message}`;
    })
    .join('; ');
}
