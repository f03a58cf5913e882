import { z } from 'zod';
import { EVENT_SELECTORS, selectKinds, type EventFilter } from '../events/filter.js';
import type { Market, Network } from '../exchange/endpoints.js';
import { ALL_STATUSES, EXECUTION_TYPES } from '../events/statuses.js';
import { UsageError } from '../errors/errors.js';
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

/** Market, network, endpoint and credential-file flags, as commander hands them over (shared-options.ts). */
export const EndpointOptions = z.object({
  market: MarketOption.prefault('usdm'),
  testnet: z.boolean().default(false),
  demoTrading: z.boolean().default(false),
  restUrl: z.string().optional(),
  wsUrl: z.string().optional(),
  envFile: z.string().optional(),
});
export type EndpointOptions = z.output<typeof EndpointOptions>;

/** How a live stream's connection is kept: its timers, and what happens to its listenKey on exit. */
export const ConnectionOptions = z.object({
  keepalive: Duration.prefault('30m'),
  heartbeat: Duration.prefault('30s'),
  maxConnectionAge: Duration.prefault('23h'),
  reconnectMin: Duration.prefault('250ms'),
  reconnectMax: Duration.prefault('30s'),
  closeListenKey: z.boolean().default(false),
});
export type ConnectionOptions = z.output<typeof ConnectionOptions>;

/** A live stream's flags: which account and where, and how its connection is kept. */
export const StreamOptions = EndpointOptions.extend(ConnectionOptions.shape);
export type StreamOptions = z.output<typeof StreamOptions>;

/** Event selection flags. */
export const FilterOptions = z.object({
  events: EventsOption.prefault('order'),
  symbol: UpperList.optional(),
  side: closedSet('side', ['BUY', 'SELL'], (t) => t.toUpperCase()).optional(),
  status: statusList(ALL_STATUSES).optional(),
});
export type FilterOptions = z.output<typeof FilterOptions>;

/** Output and verbosity flags of a command that prints events. */
export const OutputOptions = z.object({
  output: closedSet('output', ['pretty', 'json', 'raw'], (t) => t.toLowerCase()).optional(),
  json: z.boolean().default(false),
  color: z.boolean().default(true),
  utc: z.boolean().default(false),
  quiet: z.boolean().default(false),
  verbose: z.boolean().default(false),
  statusLine: z.boolean().default(false),
});
export type OutputOptions = z.output<typeof OutputOptions>;

/** -q and -v, which every command that logs takes. */
export const VerbosityOptions = OutputOptions.pick({ quiet: true, verbose: true });
export type VerbosityOptions = z.output<typeof VerbosityOptions>;

/** Rules between flags, each applying to a command that has both: a message naming them, or undefined. */
const FLAG_RULES: readonly ((opts: Readonly<Record<string, unknown>>) => string | undefined)[] = [
  (opts) => (opts.testnet === true && opts.demoTrading === true ? '--testnet and --demo-trading exclude each other' : undefined),
  (opts) => (opts.json === true && opts.output !== undefined && opts.output !== 'json' ? `--json contradicts -o ${String(opts.output)}` : undefined),
  (opts) => (opts.quiet === true && opts.verbose === true ? '--quiet and --verbose exclude each other' : undefined),
];

/**
 * One command's options: the flag groups it shares with other commands (spread from their shapes, as
 * shared-options.ts adds their flags) and its own. Once every flag is valid on its own, the rules
 * between flags are checked, the shared ones first, then the command's: the first one broken is the error.
 */
export function commandOptions<const Shape extends z.ZodRawShape>(shape: Shape, ...rules: ((opts: z.output<z.ZodObject<Shape>>) => string | undefined)[]) {
  return z.object(shape).superRefine((opts, ctx) => {
    for (const rule of [...FLAG_RULES, ...rules]) {
      const broken = rule(opts);
      if (broken === undefined) continue;
      ctx.addIssue({ code: 'custom', message: broken });
      return;
    }
  });
}

/** Validates commander's loose option bag with the command's schema, once; below this, everything is typed. */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error));
  return parsed.data;
}

/** The network the flags select. */
export function networkOf(opts: Pick<EndpointOptions, 'testnet' | 'demoTrading'>): Network {
  return opts.demoTrading ? 'demo' : opts.testnet ? 'testnet' : 'mainnet';
}

/** The event filter the flags describe. */
export function filterOf(opts: FilterOptions): EventFilter {
  return {
    events: opts.events,
    ...(opts.symbol ? { symbols: opts.symbol } : {}),
    ...(opts.side ? { side: opts.side } : {}),
    ...(opts.status ? { statuses: opts.status } : {}),
  };
}

/** Turns zod's issues into one line that names the flag; a rule between flags names its flags itself. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.path.length > 0) return `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`;
      return issue.code === 'custom' ? issue.message : `options: ${issue.message}`;
    })
    .join('; ');
}
