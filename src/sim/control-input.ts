import { parseDecimal } from './decimal.js';
import { SIM_FAULT_KINDS, type SimFault } from './faults.js';
import { SIM_MARKETS, type SimMarket } from './market.js';
import type { SimOrderType, SimSide, SimTimeInForce } from './order-types.js';
import type { SimOrderSpec } from './orders.js';
import { SIM_SYMBOLS, type SimSymbol } from './symbols.js';

/** Bad input to a control method: `field` names what was wrong, `status` is the HTTP answer the control API gives. */
export class SimControlError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly status: 400 | 404 | 405 | 409 | 413 = 400,
  ) {
    super(message);
    this.name = 'SimControlError';
  }
}

/** An order to place as if from Binance's web UI. Decimals are best sent as strings. */
export interface SimOrderInput {
  /** @default 'usdm' */
  market?: SimMarket;
  symbol: string;
  side: SimSide;
  type: SimOrderType;
  quantity: string | number;
  /** Required for LIMIT, refused for MARKET. */
  price?: string | number;
  /** LIMIT only. @default 'GTC' */
  timeInForce?: SimTimeInForce;
  clientOrderId?: string;
  reduceOnly?: boolean;
}

/** How to fill an open order. */
export interface SimFillInput {
  /** @default everything that is left */
  quantity?: string | number;
  /** @default the order's limit price, or the last price for a MARKET order */
  price?: string | number;
  /** Only to check: the order id alone finds the order. */
  market?: SimMarket;
}

type Body = Record<string, unknown>;

/** The JSON body as an object; anything else is a 400 on `body`. */
export function objectBody(value: unknown): Body {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SimControlError('the body must be a JSON object', 'body');
  return value as Body;
}

/** Validates an order input into a book spec plus its market. */
export function orderSpecOf(input: unknown): { market: SimMarket; spec: SimOrderSpec } {
  const body = objectBody(input);
  allowOnly(body, ['market', 'symbol', 'side', 'type', 'quantity', 'price', 'timeInForce', 'clientOrderId', 'reduceOnly']);
  const market = marketOf(body, 'usdm');
  const symbol = symbolOf(body, market);
  const side = oneOf(body, 'side', ['BUY', 'SELL'] as const, true);
  const type = oneOf(body, 'type', ['LIMIT', 'MARKET'] as const, true);
  const timeInForce = oneOf(body, 'timeInForce', ['GTC', 'IOC', 'FOK', 'GTX'] as const, false);
  if (type === 'MARKET' && body.price !== undefined) throw new SimControlError('a MARKET order takes no price', 'price');
  if (type === 'MARKET' && timeInForce !== undefined) throw new SimControlError('a MARKET order takes no timeInForce', 'timeInForce');
  if (type === 'LIMIT' && body.price === undefined) throw new SimControlError('a LIMIT order needs a price', 'price');
  const quantity = decimalOf(body, 'quantity', symbol.step);
  if (quantity === undefined) throw new SimControlError(`quantity is required: a multiple of ${symbol.step}`, 'quantity');
  const price = decimalOf(body, 'price', symbol.tick);
  const clientOrderId = body.clientOrderId;
  if (clientOrderId !== undefined && (typeof clientOrderId !== 'string' || !/^[.A-Z:/a-z0-9_-]{1,36}$/.test(clientOrderId))) {
    throw new SimControlError('clientOrderId must be 1 to 36 characters of A-Z a-z 0-9 . : / _ -', 'clientOrderId');
  }
  const reduceOnly = body.reduceOnly;
  if (reduceOnly !== undefined && typeof reduceOnly !== 'boolean') throw new SimControlError('reduceOnly must be true or false', 'reduceOnly');
  return {
    market,
    spec: {
      symbol: symbol.symbol,
      side: side as SimSide,
      type: type as SimOrderType,
      quantity,
      ...(price === undefined ? {} : { price }),
      ...(timeInForce === undefined ? {} : { timeInForce }),
      ...(clientOrderId === undefined ? {} : { clientOrderId }),
      ...(reduceOnly === undefined ? {} : { reduceOnly }),
    },
  };
}

/** Validates a fill input against the order's symbol. */
export function fillOf(input: unknown, symbol: SimSymbol): { quantity?: string; price?: string } {
  const body = objectBody(input);
  allowOnly(body, ['quantity', 'price', 'market']);
  const quantity = decimalOf(body, 'quantity', symbol.step);
  const price = decimalOf(body, 'price', symbol.tick);
  return { ...(quantity === undefined ? {} : { quantity }), ...(price === undefined ? {} : { price }) };
}

/** Validates the optional `market` of a fill or cancel body. */
export function optionalMarketOf(input: unknown, fields: readonly string[]): SimMarket | undefined {
  const body = objectBody(input);
  allowOnly(body, fields);
  return body.market === undefined ? undefined : marketOf(body, 'usdm');
}

/** The order id in a control path, a positive whole number. */
export function orderIdOf(text: string): number {
  const id = Number(text);
  if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(id) || id <= 0) throw new SimControlError(`order id ${JSON.stringify(text)} is not a positive whole number`, 'orderId');
  return id;
}

const MARKET_FAULTS = new Set<string>(['drop', 'reset', 'close', 'expire-key', 'invalidate-key', 'rate-limit', 'server-shutdown', 'bad-frame']);
const DAY_MS = 86_400_000;

/** Validates a fault input; each kind takes only the fields it documents. */
export function faultOf(input: unknown): SimFault {
  const body = objectBody(input);
  const kind = oneOf(body, 'kind', SIM_FAULT_KINDS, true) as SimFault['kind'];
  const extra: Record<SimFault['kind'], string[]> = {
    drop: [],
    reset: [],
    close: ['code'],
    stall: ['ms'],
    'expire-key': ['times'],
    'invalidate-key': [],
    refuse: ['ms', 'status', 'retryAfter'],
    'rate-limit': ['count', 'retryAfter', 'status'],
    'server-shutdown': ['ms'],
    'bad-frame': ['frame'],
    'clock-skew': ['ms'],
  };
  allowOnly(body, ['kind', ...(MARKET_FAULTS.has(kind) ? ['market'] : []), ...extra[kind]], `for kind ${kind}`);
  const market = body.market === undefined ? {} : { market: marketOf(body, 'usdm') };
  switch (kind) {
    case 'drop':
    case 'reset':
    case 'invalidate-key':
      return { kind, ...market };
    case 'close': {
      const code = integerOf(body, 'code', 1000, 4999, false);
      if (code !== undefined && [1004, 1005, 1006, 1015].includes(code)) throw new SimControlError(`close code ${code} is reserved and cannot be sent`, 'code');
      return { kind, ...market, ...(code === undefined ? {} : { code }) };
    }
    case 'stall':
      return { kind, ms: integerOf(body, 'ms', 1, DAY_MS, true) as number };
    case 'expire-key':
      return { kind, ...market, ...optional('times', integerOf(body, 'times', 1, 10, false)) };
    case 'refuse':
      return {
        kind,
        ms: integerOf(body, 'ms', 1, DAY_MS, true) as number,
        ...optional('status', integerOf(body, 'status', 400, 599, false)),
        ...optional('retryAfter', integerOf(body, 'retryAfter', 0, 86_400, false)),
      };
    case 'rate-limit': {
      const status = body.status === undefined ? undefined : (oneOf(body, 'status', [429, 418] as const, true) as 429 | 418);
      return {
        kind,
        ...market,
        ...optional('count', integerOf(body, 'count', 1, 10_000, false)),
        ...optional('retryAfter', integerOf(body, 'retryAfter', 0, 86_400, false)),
        ...optional('status', status),
      };
    }
    case 'server-shutdown':
      return { kind, ...market, ...optional('ms', integerOf(body, 'ms', 0, DAY_MS, false)) };
    case 'bad-frame': {
      const frame = body.frame;
      if (frame !== undefined && (typeof frame !== 'string' || frame.length > 1_048_576)) throw new SimControlError('frame must be a string of at most 1 MiB', 'frame');
      return { kind, ...market, ...optional('frame', frame) };
    }
    case 'clock-skew':
      return { kind, ms: integerOf(body, 'ms', -DAY_MS, DAY_MS, true) as number };
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function allowOnly(body: Body, fields: readonly string[], context = ''): void {
  const unknown = Object.keys(body).find((field) => !fields.includes(field));
  if (unknown !== undefined) throw new SimControlError(`unknown field ${JSON.stringify(unknown)}${context ? ` ${context}` : ''}; expected ${fields.join(', ')}`, unknown);
}

function marketOf(body: Body, fallback: SimMarket): SimMarket {
  return (oneOf(body, 'market', SIM_MARKETS, false) as SimMarket | undefined) ?? fallback;
}

function symbolOf(body: Body, market: SimMarket): SimSymbol {
  const known = SIM_SYMBOLS[market];
  const found = known.find((symbol) => symbol.symbol === body.symbol);
  if (found) return found;
  const names = known.map((symbol) => symbol.symbol).join(', ');
  if (body.symbol === undefined) throw new SimControlError(`symbol is required: one of ${names}`, 'symbol');
  throw new SimControlError(`${JSON.stringify(body.symbol)} is not a ${market} symbol of the simulator: one of ${names}`, 'symbol');
}

function oneOf<T extends string | number>(body: Body, field: string, allowed: readonly T[], required: boolean): T | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (allowed.includes(value as T)) return value as T;
  const expected = allowed.map((entry) => JSON.stringify(entry)).join(', ');
  throw new SimControlError(value === undefined ? `${field} is required: one of ${expected}` : `${field} must be one of ${expected}, got ${JSON.stringify(value)}`, field);
}

function integerOf(body: Body, field: string, min: number, max: number, required: boolean): number | undefined {
  const value = body[field];
  if (value === undefined) {
    if (required) throw new SimControlError(`${field} is required: a whole number from ${min} to ${max}`, field);
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SimControlError(`${field} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`, field);
  }
  return value;
}

/** A positive decimal on the symbol's grid, as a string; numbers are accepted and read as written. */
function decimalOf(body: Body, field: string, increment: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  let units: bigint;
  try {
    if (typeof text !== 'string') throw new TypeError('not a string');
    units = parseDecimal(text);
  } catch {
    throw new SimControlError(`${field} must be a decimal string such as "0.010", got ${JSON.stringify(value)}`, field);
  }
  if (units <= 0n) throw new SimControlError(`${field} must be above 0, got ${JSON.stringify(value)}`, field);
  const step = parseDecimal(increment);
  if (units % step !== 0n) throw new SimControlError(`${field} ${text as string} is not a multiple of ${increment}`, field);
  return text as string;
}
