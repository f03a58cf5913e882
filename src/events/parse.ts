/**
 * Frame text → normalized event. The hot path (~100k events/s): one JSON.parse, one table lookup
 * on `e`, one compiled check (zod's safeParse only for frames the check cannot vouch for), one
 * object literal. Schemas, checks and tables are built once at module load.
 */
import type { z } from 'zod';
import type { Market } from '../exchange/endpoints.js';
import { compileFastCheck, type FastCheck } from './fast-check.js';
import { accountWire } from './kinds/account.js';
import { accountConfigWire } from './kinds/account-config.js';
import { algoWire, pmAlgoWire } from './kinds/algo.js';
import { conditionalOrderWire } from './kinds/conditional-order.js';
import { conditionalRejectWire } from './kinds/conditional-reject.js';
import { gridWire } from './kinds/grid.js';
import { keyExpiredWire } from './kinds/key-expired.js';
import { marginCallWire } from './kinds/margin-call.js';
import { coinmOrderWire, usdmOrderWire } from './kinds/order.js';
import { PM_OTHER_TYPES, pmOtherWire } from './kinds/pm-other.js';
import { strategyWire } from './kinds/strategy.js';
import { tradeLiteWire } from './kinds/trade-lite.js';
import type { StreamEvent } from './types.js';
import { RawEventTime, type Frame, type WireMapping } from './wire.js';

/** Why a frame did not become an event; `detail` is for a warning on stderr. */
export type ParseFailure = {
  ok: false;
  /** 'server-shutdown' is no failure but a notice for the connection: the server is going away. */
  reason: 'not-json' | 'not-object' | 'no-type' | 'unknown-type' | 'invalid' | 'server-shutdown';
  detail: string;
};

/** An event, or why the frame is not one. */
export type ParseResult = { ok: true; event: StreamEvent } | ParseFailure;

type Decoder = (frame: Frame, market: Market) => ParseResult;

/**
 * `E` as Binance sends it almost always: a whole non-negative number, which RawEventTime returns
 * unchanged. A string `E` goes through zod and its transform.
 */
const KNOWN_CHECKS: ReadonlyMap<z.ZodType, FastCheck> = new Map([
  [RawEventTime, (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0],
]);

/** Compiles a kind's wire mapping into a decoder; the closure is created once per event type, not per event. */
function decoder({ schema, toEvent }: WireMapping<z.ZodType, StreamEvent>): Decoder {
  const valid = compileFastCheck(schema, KNOWN_CHECKS);
  return (frame, market) => {
    if (valid(frame)) return { ok: true, event: toEvent(frame, market, frame) };
    const result = schema.safeParse(frame);
    if (!result.success) return { ok: false, reason: 'invalid', detail: describeIssues(frame, result.error) };
    return { ok: true, event: toEvent(result.data, market, frame) };
  };
}

function describeIssues(frame: Frame, error: z.ZodError): string {
  const issues = error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return `${String(frame.e)}: ${issues.join('; ')}`;
}

const pmOther = decoder(pmOtherWire);
const usdmAlgo = decoder(algoWire);
const pmAlgo = decoder(pmAlgoWire);

/** ALGO_UPDATE carries its payload under `o`, or under `ao` on Portfolio Margin: both shapes parse on every market. */
const algo: Decoder = (frame, market) => (frame.ao !== undefined && frame.o === undefined ? pmAlgo : usdmAlgo)(frame, market);

/** Event types every market can receive. A type outside a market's documented set still parses. */
const COMMON: Readonly<Record<string, Decoder>> = {
  ORDER_TRADE_UPDATE: decoder(usdmOrderWire),
  TRADE_LITE: decoder(tradeLiteWire),
  ACCOUNT_UPDATE: decoder(accountWire),
  MARGIN_CALL: decoder(marginCallWire),
  ACCOUNT_CONFIG_UPDATE: decoder(accountConfigWire),
  STRATEGY_UPDATE: decoder(strategyWire),
  GRID_UPDATE: decoder(gridWire),
  ALGO_UPDATE: algo,
  CONDITIONAL_ORDER_TRIGGER_REJECT: decoder(conditionalRejectWire),
  CONDITIONAL_ORDER_TRADE_UPDATE: decoder(conditionalOrderWire),
  listenKeyExpired: decoder(keyExpiredWire),
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
    ORDER_TRADE_UPDATE: decoder(coinmOrderWire),
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
