/**
 * Frame text → normalized event. The hot path (~100k events/s): one JSON.parse, one table lookup
 * on `e`, one compiled check (zod's safeParse only for frames the check cannot vouch for), one
 * object literal. Schemas, checks and tables are built once at module load.
 */
import type { z } from 'zod';
import { compileFastCheck, type FastCheck } from './fast-check.js';
import {
  PM_OTHER_TYPES,
  RawAccountConfigUpdate,
  RawAccountUpdate,
  RawAlgoUpdate,
  RawPmAlgoUpdate,
  RawCoinmOrderTradeUpdate,
  RawConditionalOrderTradeUpdate,
  RawConditionalOrderTriggerReject,
  RawGridUpdate,
  RawListenKeyExpired,
  RawMarginCall,
  RawEventTime,
  RawPmOther,
  RawStrategyUpdate,
  RawTradeLite,
  RawUsdmOrderTradeUpdate,
} from './raw.js';
import {
  toAccountConfigEvent,
  toAccountEvent,
  toAlgoEvent,
  toPmAlgoEvent,
  toCoinmOrderEvent,
  toConditionalOrderEvent,
  toConditionalRejectEvent,
  toGridEvent,
  toKeyExpiredEvent,
  toMarginCallEvent,
  toPmOtherEvent,
  toStrategyEvent,
  toTradeLiteEvent,
  toUsdmOrderEvent,
} from './normalize.js';
import type { Market } from '../exchange/endpoints.js';
import type { StreamEvent } from './types.js';

/** Why a frame did not become an event; `detail` is for a warning on stderr. */
export type ParseFailure = {
  ok: false;
  /** 'server-shutdown' is no failure but a notice for the connection: the server is going away. */
  reason: 'not-json' | 'not-object' | 'no-type' | 'unknown-type' | 'invalid' | 'server-shutdown';
  detail: string;
};

/** An event, or why the frame is not one. */
export type ParseResult = { ok: true; event: StreamEvent } | ParseFailure;

type Frame = Record<string, unknown>;
type Decoder = (frame: Frame, market: Market) => ParseResult;

/**
 * `E` as Binance sends it almost always: a whole non-negative number, which RawEventTime returns
 * unchanged. A string `E` goes through zod and its transform.
 */
const KNOWN_CHECKS: ReadonlyMap<z.ZodType, FastCheck> = new Map([
  [RawEventTime, (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0],
]);

/** Pairs a schema with its builder; the closure is created once per event type, not per event. */
function decoder<S extends z.ZodType>(
  schema: S,
  build: (raw: z.output<S>, market: Market, frame: Frame) => StreamEvent,
): Decoder {
  const valid = compileFastCheck(schema, KNOWN_CHECKS);
  return (frame, market) => {
    if (valid(frame)) return { ok: true, event: build(frame as z.output<S>, market, frame) };
    const result = schema.safeParse(frame);
    if (!result.success) return { ok: false, reason: 'invalid', detail: describeIssues(frame, result.error) };
    return { ok: true, event: build(result.data, market, frame) };
  };
}

function describeIssues(frame: Frame, error: z.ZodError): string {
  const issues = error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return `${String(frame.e)}: ${issues.join('; ')}`;
}

const pmOther = decoder(RawPmOther, toPmOtherEvent);
const usdmAlgo = decoder(RawAlgoUpdate, toAlgoEvent);
const pmAlgo = decoder(RawPmAlgoUpdate, toPmAlgoEvent);

/** ALGO_UPDATE carries its payload under `o`, or under `ao` on Portfolio Margin: both shapes parse on every market. */
const algo: Decoder = (frame, market) => (frame.ao !== undefined && frame.o === undefined ? pmAlgo : usdmAlgo)(frame, market);

/** Event types every market can receive. A type outside a market's documented set still parses. */
const COMMON: Readonly<Record<string, Decoder>> = {
  ORDER_TRADE_UPDATE: decoder(RawUsdmOrderTradeUpdate, toUsdmOrderEvent),
  TRADE_LITE: decoder(RawTradeLite, toTradeLiteEvent),
  ACCOUNT_UPDATE: decoder(RawAccountUpdate, toAccountEvent),
  MARGIN_CALL: decoder(RawMarginCall, toMarginCallEvent),
  ACCOUNT_CONFIG_UPDATE: decoder(RawAccountConfigUpdate, toAccountConfigEvent),
  STRATEGY_UPDATE: decoder(RawStrategyUpdate, toStrategyEvent),
  GRID_UPDATE: decoder(RawGridUpdate, toGridEvent),
  ALGO_UPDATE: algo,
  CONDITIONAL_ORDER_TRIGGER_REJECT: decoder(RawConditionalOrderTriggerReject, toConditionalRejectEvent),
  CONDITIONAL_ORDER_TRADE_UPDATE: decoder(RawConditionalOrderTradeUpdate, toConditionalOrderEvent),
  listenKeyExpired: decoder(RawListenKeyExpired, toKeyExpiredEvent),
  ...Object.fromEntries(PM_OTHER_TYPES.map((type) => [type, pmOther])),
};

/**
 * One table per market, with a null prototype so that `e` values like "toString" or "__proto__"
 * are unknown types rather than inherited properties. Only coinm's ORDER_TRADE_UPDATE differs
 * (top-level `i` is the account alias there).
 */
const DECODERS: Readonly<Record<Market, Readonly<Record<string, Decoder | undefined>>>> = {
  usdm: Object.assign(Object.create(null) as Record<string, Decoder>, COMMON),
  pm: Object.assign(Object.create(null) as Record<string, Decoder>, COMMON),
  coinm: Object.assign(Object.create(null) as Record<string, Decoder>, COMMON, {
    ORDER_TRADE_UPDATE: decoder(RawCoinmOrderTradeUpdate, toCoinmOrderEvent),
  }),
};

/** Parses one WebSocket text frame into a normalized event (source 'ws'). Never throws. */
export function parseFrame(text: string, market: Market): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: (error as Error).message };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not-object', detail: `expected a JSON object, got ${describeValue(value)}` };
  }
  const frame = value as Frame;
  const type = frame.e;
  if (type === undefined) return untyped(frame);
  const decode = typeof type === 'string' ? DECODERS[market][type] : undefined;
  if (decode === undefined) {
    return { ok: false, reason: 'unknown-type', detail: `unknown event type ${JSON.stringify(type) ?? 'undefined'}` };
  }
  return decode(frame, market);
}

/**
 * A frame without a top-level `e`. Binance nests one notice under `event`:
 * `{"event":{"e":"serverShutdown","E":…}}`, sent before the server goes away.
 */
function untyped(frame: Frame): ParseFailure {
  const nested = frame.event;
  if (typeof nested === 'object' && nested !== null && (nested as Frame).e === 'serverShutdown') {
    return { ok: false, reason: 'server-shutdown', detail: 'the server announced it is shutting down' };
  }
  const keys = Object.keys(frame).slice(0, 5).map((key) => JSON.stringify(key));
  return { ok: false, reason: 'no-type', detail: keys.length > 0 ? `no event type; keys ${keys.join(', ')}` : 'an empty object' };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
