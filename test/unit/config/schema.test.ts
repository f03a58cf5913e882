import { describe, expect, it } from 'vitest';
import {
  commandOptions,
  describeIssues,
  FilterOptions,
  filterOf,
  MarketOption,
  networkOf,
  OutputOptions,
  parseOptions,
  StreamOptions,
} from '../../../src/config/schema.js';
import { UsageError } from '../../../src/errors/errors.js';
import { selectKinds } from '../../../src/events/filter.js';

/** The flags of a command that follows a stream and prints it, composed as tail composes them. */
const Flags = commandOptions({ ...StreamOptions.shape, ...FilterOptions.shape, ...OutputOptions.shape });

function issuesOf(input: Record<string, unknown>): string {
  const result = Flags.safeParse(input);
  if (result.success) throw new Error('expected the options to be rejected');
  return describeIssues(result.error);
}

describe('MarketOption', () => {
  it.each([
    ['usdm', 'usdm'],
    ['usdt-m', 'usdm'],
    ['usds-m', 'usdm'],
    ['um', 'usdm'],
    ['coinm', 'coinm'],
    ['coin-m', 'coinm'],
    ['cm', 'coinm'],
    ['pm', 'pm'],
    ['portfolio-margin', 'pm'],
  ])('reads %s as %s', (text, market) => {
    expect(MarketOption.parse(text)).toBe(market);
  });

  it.each(['USDT-M', 'Coin-M', ' PM '])('ignores case and surrounding spaces in %j', (text) => {
    expect(MarketOption.safeParse(text).success).toBe(true);
  });

  it('names the unknown market and the valid ones', () => {
    const result = MarketOption.safeParse('spot');
    expect(result.error?.issues[0]?.message).toBe('unknown market "spot"; use usdm, coinm or pm');
  });
});

describe('the shared flag groups', () => {
  it('fills every default when no flag is given', () => {
    const opts = Flags.parse({});
    expect(opts).toMatchObject({
      market: 'usdm',
      testnet: false,
      demoTrading: false,
      keepalive: 1_800_000,
      heartbeat: 30_000,
      maxConnectionAge: 82_800_000,
      reconnectMin: 250,
      reconnectMax: 30_000,
      closeListenKey: false,
      json: false,
      color: true,
      quiet: false,
      verbose: false,
    });
    expect(opts.events).toEqual(selectKinds(['order']));
    expect(opts.symbol).toBeUndefined();
    expect(opts.side).toBeUndefined();
  });

  it('turns duration flags into milliseconds', () => {
    const opts = Flags.parse({ keepalive: '10m', heartbeat: '5s', reconnectMin: '100ms', maxConnectionAge: '1d' });
    expect(opts).toMatchObject({ keepalive: 600_000, heartbeat: 5_000, reconnectMin: 100, maxConnectionAge: 86_400_000 });
  });

  it('reads an --events list into the kinds it selects', () => {
    expect(Flags.parse({ events: 'order, trade-lite' }).events).toEqual(selectKinds(['order', 'trade-lite']));
  });

  it('reads --events all as every data kind', () => {
    expect(Flags.parse({ events: 'all' }).events).toEqual(selectKinds(['all']));
  });

  it('accepts --events names in any case', () => {
    expect(Flags.parse({ events: 'ORDER,Account' }).events).toEqual(selectKinds(['order', 'account']));
  });

  it('names the first unknown --events name', () => {
    expect(issuesOf({ events: 'order,fills,trades' })).toMatch(/^--events: unknown event "fills"; use order, trade-lite, .* or all$/);
  });

  it('rejects an --events list with no names in it', () => {
    expect(issuesOf({ events: ' , ' })).toMatch(/^--events: unknown event " , "/);
  });

  it('upper-cases --side', () => {
    expect(Flags.parse({ side: 'sell' }).side).toBe('SELL');
  });

  it('rejects a --side other than BUY or SELL', () => {
    expect(issuesOf({ side: 'long' })).toBe('--side: unknown side "long"; use BUY or SELL');
  });

  it('upper-cases and splits --symbol and --status lists', () => {
    const opts = Flags.parse({ symbol: 'btcusdt, ethusdt,', status: 'filled,partially_filled' });
    expect(opts.symbol).toEqual(new Set(['BTCUSDT', 'ETHUSDT']));
    expect(opts.status).toEqual(new Set(['FILLED', 'PARTIALLY_FILLED']));
  });

  it('rejects an unknown --output', () => {
    expect(issuesOf({ output: 'csv' })).toBe('--output: unknown output "csv"; use pretty, json or raw');
  });

  it('rejects a --status Binance does not document, with the likely one', () => {
    expect(issuesOf({ status: 'filled,CANCELD' })).toMatch(/^--status: unknown status "CANCELD"; did you mean CANCELED\? use NEW, PARTIALLY_FILLED, /);
  });
});

describe('describeIssues', () => {
  it('names a camel-case option as its kebab-case flag', () => {
    expect(issuesOf({ maxConnectionAge: '10' })).toMatch(/^--max-connection-age: "10" is not a duration/);
  });

  it('joins several issues into one line', () => {
    const line = issuesOf({ market: 'spot', reconnectMax: '-1s' });
    expect(line).toContain('--market: unknown market "spot"');
    expect(line).toContain('; --reconnect-max: "-1s" is not a duration');
    expect(line).not.toContain('\n');
  });

  it('says "options" for an issue that belongs to no flag', () => {
    const result = Flags.safeParse('not an object');
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toMatch(/^options: /);
  });
});

describe('commandOptions', () => {
  it('states a rule between flags in its own words, without a flag in front', () => {
    expect(issuesOf({ testnet: true, demoTrading: true })).toBe('--testnet and --demo-trading exclude each other');
    expect(issuesOf({ json: true, output: 'raw' })).toBe('--json contradicts -o raw');
    expect(issuesOf({ quiet: true, verbose: true })).toBe('--quiet and --verbose exclude each other');
  });

  it('checks the rules only once every flag is valid on its own', () => {
    const line = issuesOf({ testnet: true, demoTrading: true, heartbeat: 'soon' });
    expect(line).toMatch(/^--heartbeat: "soon" is not a duration/);
    expect(line).not.toContain('exclude each other');
  });

  it("checks the command's own rules after the shared ones, and reports the first one broken", () => {
    const Own = commandOptions({ ...OutputOptions.shape }, (opts) => (opts.utc ? 'no --utc here' : undefined), () => 'never reached with --utc');
    expect(() => parseOptions(Own, { utc: true, quiet: true, verbose: true })).toThrow('--quiet and --verbose exclude each other');
    expect(() => parseOptions(Own, { utc: true })).toThrow('no --utc here');
    expect(() => parseOptions(Own, { utc: true })).toThrow(UsageError);
  });
});

describe('networkOf', () => {
  it('picks demo over testnet over mainnet', () => {
    expect(networkOf({ testnet: false, demoTrading: false })).toBe('mainnet');
    expect(networkOf({ testnet: true, demoTrading: false })).toBe('testnet');
    expect(networkOf({ testnet: true, demoTrading: true })).toBe('demo');
  });
});

describe('filterOf', () => {
  it('carries only the filters that were given', () => {
    expect(filterOf(Flags.parse({}))).toEqual({ events: selectKinds(['order']) });
    expect(filterOf(Flags.parse({ symbol: 'btcusdt', side: 'buy', status: 'new' }))).toEqual({
      events: selectKinds(['order']),
      symbols: new Set(['BTCUSDT']),
      side: 'BUY',
      statuses: new Set(['NEW']),
    });
  });
});
