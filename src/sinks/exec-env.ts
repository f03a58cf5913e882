import type { SinkItem } from './item.js';

/** Event fields a script most often branches on, as environment variables (absent when the kind has none). */
const FIELDS = {
  BINANCE_ORDERS_SYMBOL: 'symbol',
  BINANCE_ORDERS_SIDE: 'side',
  BINANCE_ORDERS_STATUS: 'status',
  BINANCE_ORDERS_EXEC_TYPE: 'execType',
  BINANCE_ORDERS_ORDER_TYPE: 'orderType',
  BINANCE_ORDERS_ORDER_ID: 'orderId',
  BINANCE_ORDERS_CLIENT_ORDER_ID: 'clientOrderId',
} as const;

/** Variables that hold credentials: a command run per event never inherits them. */
const CREDENTIALS = new Set([
  'BINANCE_API_KEY',
  'BINANCE_API_SECRET',
  'BINANCE_PRIVATE_KEY_FILE',
  'NATS_CREDS',
  'NATS_USER',
  'NATS_PASSWORD',
  'NATS_TOKEN',
]);

/**
 * The environment a command inherits: the caller's, less every credential variable, and less any
 * variable holding one of `secretValues` (keys named by an accounts file, a webhook URL read with
 * env:NAME): a credential is recognised by what it holds, whatever it is called.
 */
export function inheritedEnv(env: Readonly<Record<string, string | undefined>>, secretValues: readonly string[] = []): Record<string, string> {
  const secrets = new Set(secretValues.filter((value) => value !== ''));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !CREDENTIALS.has(name) && !secrets.has(value)) out[name] = value;
  }
  return out;
}

/** The variables describing one event: kind, market and account always, then the fields it has. */
export function eventEnv({ event, account }: SinkItem): Record<string, string> {
  const out: Record<string, string> = {
    BINANCE_ORDERS_EVENT: event.event,
    BINANCE_ORDERS_MARKET: event.market,
    BINANCE_ORDERS_ACCOUNT: account,
  };
  const fields = event as unknown as Readonly<Record<string, unknown>>;
  for (const [name, key] of Object.entries(FIELDS)) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') out[name] = String(value);
  }
  return out;
}
