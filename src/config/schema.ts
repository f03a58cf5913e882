import { z } from 'zod';
import { EVENT_SELECTORS, selectKinds, type EventFilter } from '../events/filter.js';
import type { Market, Network } from '../exchange/endpoints.js';
import { Duration } from './duration.js';

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

/** --market: usdm, coinm or pm, with the aliases people type. */
export const MarketOption = z.string().transform((text, ctx) => {
  const market = MARKET_ALIASES[text.trim().toLowerCase()];
  if (market === undefined) {
    const message = text.includes(',') ? `one market only here ("${text}"); only tail and orders take several at once` : `unknown market "${text}"; use usdm, coinm or pm`;
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
      ctx.addIssue({ code: 'custom', message: `unknown market "${name.trim()}"; use usdm, coinm or pm, or several separated by commas` });
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
    ctx.addIssue({ code: 'custom', message: `unknown event "${unknown[0] ?? text}"; use ${[...EVENT_SELECTORS, 'all'].join(', ')}` });
    return z.NEVER;
  }
  return selectKinds(names as (typeof EVENT_SELECTORS)[number][]);
});

const UpperList = z.string().transform((text) => new Set(list(text).map((item) => item.toUpperCase())));

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
  side: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(['BUY', 'SELL'], { message: 'use BUY or SELL' }))
    .optional(),
  status: UpperList.optional(),
  output: z.enum(['pretty', 'json', 'raw'], { message: 'use pretty, json or raw' }).optional(),
  json: z.boolean().default(false),
  color: z.boolean().default(true),
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
