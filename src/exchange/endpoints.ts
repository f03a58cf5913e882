import { isIP } from 'node:net';
import { UsageError } from '../errors/errors.js';

/** The futures account kinds binance-orders can follow. */
export type Market = 'usdm' | 'coinm' | 'pm';
/** Binance's environments: real money, the futures testnet, and demo trading (unverified hosts). */
export type Network = 'mainnet' | 'testnet' | 'demo';

/** One market's endpoints in one network. Routes are templates with `{listenKey}`. */
export interface EndpointSet {
  readonly restBase: string;
  /** `/fapi`, `/dapi` or `/papi`: every REST path of the market starts with it. */
  readonly apiPrefix: string;
  readonly listenKeyPath: string;
  readonly wsBase: string;
  readonly streamRoute: string;
  /** How sure the table is of this entry; see the README's endpoint table for the sources. */
  readonly status: 'settled' | 'unverified';
  /** Other stream URL templates seen in Binance material, tried by diagnostics when the default is silent. */
  readonly streamAlternatives: readonly string[];
  /** Other REST bases documented for the same accounts, named when this one refuses a key. */
  readonly restAlternatives?: readonly string[];
}

const USDM_ROUTE = '/private/ws?listenKey={listenKey}';
const USDM_PATH_ROUTE = '/private/ws/{listenKey}';
const LEGACY_ROUTE = '/ws/{listenKey}';
const PM_ROUTE = '/pm/ws/{listenKey}';

/**
 * Every USDⓈ-M user-data event type, for the `events=` diagnostic route. The default route sends no
 * `events`: Binance does not say whether a list that leaves a type out suppresses it, and a list
 * without listenKeyExpired would hide the one event that says the stream has ended.
 */
export const USDM_EVENT_TYPES = [
  'ORDER_TRADE_UPDATE',
  'TRADE_LITE',
  'ACCOUNT_UPDATE',
  'MARGIN_CALL',
  'ACCOUNT_CONFIG_UPDATE',
  'ALGO_UPDATE',
  'STRATEGY_UPDATE',
  'GRID_UPDATE',
  'CONDITIONAL_ORDER_TRIGGER_REJECT',
  'listenKeyExpired',
] as const;

const TESTNET_STREAM_HOST = 'wss://fstream.binancefuture.com';
const DEMO_REST_HOST = 'https://demo-fapi.binance.com';

/**
 * Every endpoint the program uses, and the only place one is written down. USDⓈ-M user data flows only
 * on the `/private` route since 2026-04-23: the legacy `/ws/<key>` still accepts connections but stays
 * silent, so it must never be the default for usdm.
 */
export const ENDPOINTS: Readonly<Record<Market, Partial<Record<Network, EndpointSet>>>> = {
  usdm: {
    mainnet: {
      restBase: 'https://fapi.binance.com',
      apiPrefix: '/fapi',
      listenKeyPath: '/fapi/v1/listenKey',
      wsBase: 'wss://fstream.binance.com',
      streamRoute: USDM_ROUTE,
      status: 'settled',
      // Diagnostics only (verify, doctor): third-party reports, never the default.
      streamAlternatives: [
        `wss://fstream.binance.com${USDM_ROUTE}&events=${USDM_EVENT_TYPES.join('/')}`,
        'wss://fstream.binance.com/private/stream?listenKey={listenKey}',
        `wss://fstream.binance.com${USDM_PATH_ROUTE}`,
      ],
    },
    testnet: {
      restBase: 'https://testnet.binancefuture.com',
      apiPrefix: '/fapi',
      listenKeyPath: '/fapi/v1/listenKey',
      // Every official SDK moved the testnet stream here in March 2026, and Binance's General Info names it.
      wsBase: TESTNET_STREAM_HOST,
      streamRoute: USDM_ROUTE,
      status: 'unverified',
      restAlternatives: [DEMO_REST_HOST],
      streamAlternatives: [
        `wss://stream.binancefuture.com${USDM_ROUTE}`,
        `${TESTNET_STREAM_HOST}${USDM_PATH_ROUTE}`,
        `${TESTNET_STREAM_HOST}${LEGACY_ROUTE}`,
      ],
    },
    demo: {
      restBase: DEMO_REST_HOST,
      apiPrefix: '/fapi',
      listenKeyPath: '/fapi/v1/listenKey',
      wsBase: 'wss://demo-fstream.binance.com',
      streamRoute: USDM_ROUTE,
      status: 'unverified',
      // Binance's page pairs demo-fapi with this host; the default above is what two clients use.
      streamAlternatives: [`${TESTNET_STREAM_HOST}${USDM_ROUTE}`, `wss://demo-fstream.binance.com${LEGACY_ROUTE}`],
    },
  },
  coinm: {
    mainnet: {
      restBase: 'https://dapi.binance.com',
      apiPrefix: '/dapi',
      listenKeyPath: '/dapi/v1/listenKey',
      wsBase: 'wss://dstream.binance.com',
      streamRoute: LEGACY_ROUTE,
      status: 'settled',
      streamAlternatives: [],
    },
    testnet: {
      restBase: 'https://testnet.binancefuture.com',
      apiPrefix: '/dapi',
      listenKeyPath: '/dapi/v1/listenKey',
      wsBase: 'wss://dstream.binancefuture.com',
      streamRoute: LEGACY_ROUTE,
      status: 'settled',
      streamAlternatives: [],
    },
  },
  pm: {
    mainnet: {
      restBase: 'https://papi.binance.com',
      apiPrefix: '/papi',
      listenKeyPath: '/papi/v1/listenKey',
      wsBase: 'wss://fstream.binance.com',
      streamRoute: PM_ROUTE,
      status: 'settled',
      streamAlternatives: [],
    },
  },
};

/**
 * Per market, the server time (clock skew) and the signed account read (USER_DATA) that proves a key
 * may read the futures account. Portfolio Margin documents no server-time endpoint of its own.
 */
export const ACCOUNT_PATHS: Readonly<Record<Market, { readonly serverTime: string | undefined; readonly account: string }>> = {
  usdm: { serverTime: '/fapi/v1/time', account: '/fapi/v3/account' },
  coinm: { serverTime: '/dapi/v1/time', account: '/dapi/v1/account' },
  pm: { serverTime: undefined, account: '/papi/v1/account' },
};

/**
 * Per market, the order endpoints of reconciliation, `wait` and `verify` (signed: GET is USER_DATA,
 * POST and DELETE order are TRADE), and the market data `verify` prices its order with. Portfolio
 * Margin serves UM orders under `/papi/v1/um/…` and has no market data of its own.
 */
export const ORDER_PATHS: Readonly<
  Record<Market, { readonly openOrders: string; readonly order: string; readonly allOrders: string; readonly markPrice?: string; readonly exchangeInfo?: string }>
> = {
  usdm: {
    openOrders: '/fapi/v1/openOrders',
    order: '/fapi/v1/order',
    allOrders: '/fapi/v1/allOrders',
    markPrice: '/fapi/v1/premiumIndex',
    exchangeInfo: '/fapi/v1/exchangeInfo',
  },
  coinm: {
    openOrders: '/dapi/v1/openOrders',
    order: '/dapi/v1/order',
    allOrders: '/dapi/v1/allOrders',
    markPrice: '/dapi/v1/premiumIndex',
    exchangeInfo: '/dapi/v1/exchangeInfo',
  },
  pm: { openOrders: '/papi/v1/um/openOrders', order: '/papi/v1/um/order', allOrders: '/papi/v1/um/allOrders' },
};

/**
 * Per market, the signed position read (USER_DATA) `board` starts from: USDⓈ-M "Position Information
 * V2" (weight 5), COIN-M "Position Information" (weight 1), PM "Query UM Position Information"
 * (weight 5). Each page advises following ACCOUNT_UPDATE afterwards, which is what `board` does.
 */
export const POSITION_PATHS: Readonly<Record<Market, { readonly positionRisk: string; readonly weight: number }>> = {
  usdm: { positionRisk: '/fapi/v2/positionRisk', weight: 5 },
  coinm: { positionRisk: '/dapi/v1/positionRisk', weight: 1 },
  pm: { positionRisk: '/papi/v1/um/positionRisk', weight: 5 },
};

/** Hosts that speak Spot, not futures: pointing a futures tool at them is always a mistake. */
export const SPOT_HOSTS: ReadonlySet<string> = new Set([
  'api.binance.com',
  'stream.binance.com',
  'testnet.binance.vision',
  'stream.testnet.binance.vision',
]);

/** The endpoints one run uses, after overrides. */
export interface ResolvedEndpoints {
  readonly market: Market;
  readonly network: Network;
  readonly restBase: string;
  readonly apiPrefix: string;
  readonly listenKeyPath: string;
  /** A template containing `{listenKey}`. */
  readonly streamTemplate: string;
  readonly status: 'settled' | 'unverified';
  readonly overridden: { rest: boolean; ws: boolean };
}

export interface EndpointOverrides {
  restUrl?: string | undefined;
  wsUrl?: string | undefined;
}

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts plain http:// and ws:// may name. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function parseOverride(flag: string, text: string, secure: string, plain: string): URL {
  let url: URL;
  try {
    url = new URL(text.replaceAll('{listenKey}', 'LISTENKEY'));
  } catch {
    throw new UsageError(`${flag} "${text}" is not a URL; give one like ${secure}//host[:port]`);
  }
  if (url.protocol !== secure && url.protocol !== plain) {
    throw new UsageError(`${flag} must start with ${secure}// (or ${plain}// for a loopback host), not ${url.protocol}//`);
  }
  if (url.protocol === plain && !isLoopback(url.hostname)) {
    throw new UsageError(`${flag} uses unencrypted ${plain}// for ${url.hostname}; only loopback hosts may, use ${secure}//`);
  }
  return url;
}

function originOnly(flag: string, url: URL, hint: string): string {
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '') {
    throw new UsageError(`${flag} takes scheme://host[:port] only (the market's paths are added); ${hint}`);
  }
  return url.origin;
}

/** Picks the market's endpoints for a network and applies --rest-url / --ws-url. */
export function resolveEndpoints(market: Market, network: Network, overrides: EndpointOverrides = {}): ResolvedEndpoints {
  const set = ENDPOINTS[market][network];
  if (!set) {
    const have = Object.keys(ENDPOINTS[market]).join(', ');
    throw new UsageError(`${market} has no ${network} endpoints (available: ${have})`);
  }
  let restBase = set.restBase;
  let streamTemplate = `${set.wsBase}${set.streamRoute}`;
  if (overrides.restUrl !== undefined) {
    restBase = originOnly('--rest-url', parseOverride('--rest-url', overrides.restUrl, 'https:', 'http:'), 'drop the path');
  }
  if (overrides.wsUrl !== undefined) {
    const url = parseOverride('--ws-url', overrides.wsUrl, 'wss:', 'ws:');
    streamTemplate = overrides.wsUrl.includes('{listenKey}')
      ? overrides.wsUrl
      : `${originOnly('--ws-url', url, 'to give a complete stream URL, include {listenKey} in it')}${set.streamRoute}`;
  }
  return {
    market,
    network,
    restBase,
    apiPrefix: set.apiPrefix,
    listenKeyPath: set.listenKeyPath,
    streamTemplate,
    status: set.status,
    overridden: { rest: overrides.restUrl !== undefined, ws: overrides.wsUrl !== undefined },
  };
}

/** The documented alternatives of a table REST base (e.g. demo-fapi for the testnet), for a refused key's hint. */
export function otherRestHosts(restBase: string): readonly string[] {
  for (const networks of Object.values(ENDPOINTS)) {
    for (const set of Object.values(networks)) if (set?.restBase === restBase && set.restAlternatives) return set.restAlternatives;
  }
  return [];
}

/** The stream URL for a key. The key is URL-encoded; callers must scrub it before printing. */
export function streamUrl(template: string, listenKey: string): string {
  return template.replaceAll('{listenKey}', encodeURIComponent(listenKey));
}
