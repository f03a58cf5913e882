/** The algo event and its ALGO_UPDATE frame, in the usdm/coinm shape (`o`) and the pm one (`ao`). */
import { z } from 'zod';
import type { Market } from '../../exchange/endpoints.js';
import { header, Side, Source, type MappedFields } from '../fields.js';
import { id, optionalDecimal, RawEventTime, time, wireMapping } from '../wire.js';

/** ALGO_UPDATE: the life of a conditional order in the Algo Service, before and after it triggers. */
export const AlgoEvent = z.object({
  event: z.literal('algo'),
  ...header,
  transactionTime: z.number(),
  symbol: z.string(),
  algoId: z.number(),
  clientAlgoId: z.string(),
  side: Side,
  algoType: z.string().optional().meta({ description: '`at`: CONDITIONAL.' }),
  orderType: z.string(),
  status: z.string().meta({ description: '`X`: NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, REJECTED, EXPIRED ...' }),
  positionSide: z.string().optional(),
  timeInForce: z.string().optional(),
  origQty: z.string().optional(),
  price: z.string().optional(),
  triggerPrice: z.string().optional(),
  engineOrderId: z.string().optional().meta({ description: '`ai`: matching-engine order id, a string, empty until triggered.' }),
  avgPrice: z.string().optional().meta({ description: '`ap`: average fill price in the engine once triggered.' }),
  filledQty: z.string().optional().meta({ description: '`aq`: executed quantity in the engine once triggered.' }),
  actualOrderType: z.string().optional().meta({ description: '`act`: actual order type in the engine once triggered.' }),
  selfTradePrevention: z.string().optional(),
  workingType: z.string().optional(),
  priceMatch: z.string().optional(),
  closePosition: z.boolean().optional(),
  priceProtect: z.boolean().optional(),
  reduceOnly: z.boolean().optional(),
  triggerTime: z.number().optional().meta({ description: '`tt`: 0 until triggered.' }),
  goodTillDate: z.number().optional(),
  failureReason: z.string().optional().meta({ description: '`rm`: why the algo order failed.' }),
  activated: z.boolean().optional().meta({ description: '`ia`: trailing orders only; whether the order is activated.' }),
  businessUnit: z.string().optional(),
  source: Source,
});
export type AlgoEvent = z.output<typeof AlgoEvent>;

/** The payload of an ALGO_UPDATE: `o` on usdm, `ao` on Portfolio Margin; `ai`, the engine order id, is a string. */
const RawAlgoOrder = z.looseObject({
  caid: z.string(),
  aid: id,
  at: z.string().optional(),
  o: z.string(),
  s: z.string(),
  S: Side,
  ps: z.string().optional(),
  f: z.string().optional(),
  q: optionalDecimal,
  X: z.string(),
  ai: z.string().optional(),
  ap: optionalDecimal,
  aq: optionalDecimal,
  act: z.string().optional(),
  tp: optionalDecimal,
  p: optionalDecimal,
  V: z.string().optional(),
  wt: z.string().optional(),
  pm: z.string().optional(),
  cp: z.boolean().optional(),
  pP: z.boolean().optional(),
  R: z.boolean().optional(),
  tt: time.optional(),
  gtd: time.optional(),
  rm: z.string().optional(),
  /** Trailing orders: whether it is activated (a first NEW may carry false). */
  ia: z.boolean().optional(),
});

/** ALGO_UPDATE on usdm and coinm: the payload under `o`. */
const RawAlgoUpdate = z.looseObject({
  e: z.literal('ALGO_UPDATE'),
  E: RawEventTime,
  T: time,
  fs: z.string().optional(),
  o: RawAlgoOrder,
});

/** ALGO_UPDATE on Portfolio Margin: the same payload under `ao`, and the business unit `fs`. */
const RawPmAlgoUpdate = z.looseObject({
  e: z.literal('ALGO_UPDATE'),
  E: RawEventTime,
  T: time,
  fs: z.string().optional(),
  ao: RawAlgoOrder,
});

/** `E` is the event time and `T` the transaction time (protocol §3.9), in either shape. */
function fromFrame(
  raw: z.output<typeof RawAlgoUpdate> | z.output<typeof RawPmAlgoUpdate>,
  o: z.output<typeof RawAlgoOrder>,
  market: Market,
): MappedFields<AlgoEvent> {
  return {
    event: 'algo',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    symbol: o.s,
    algoId: o.aid,
    clientAlgoId: o.caid,
    side: o.S,
    algoType: o.at,
    orderType: o.o,
    status: o.X,
    positionSide: o.ps,
    timeInForce: o.f,
    origQty: o.q,
    price: o.p,
    triggerPrice: o.tp,
    engineOrderId: o.ai,
    avgPrice: o.ap,
    filledQty: o.aq,
    actualOrderType: o.act,
    selfTradePrevention: o.V,
    workingType: o.wt,
    priceMatch: o.pm,
    closePosition: o.cp,
    priceProtect: o.pP,
    reduceOnly: o.R,
    triggerTime: o.tt,
    goodTillDate: o.gtd,
    failureReason: o.rm,
    activated: o.ia,
    businessUnit: raw.fs,
    source: 'ws',
  };
}

/** ALGO_UPDATE with its payload under `o` (usdm, coinm). */
export const algoWire = wireMapping(RawAlgoUpdate, (raw, market) => fromFrame(raw, raw.o, market));

/** ALGO_UPDATE from Portfolio Margin: the same payload under `ao`. */
export const pmAlgoWire = wireMapping(RawPmAlgoUpdate, (raw, market) => fromFrame(raw, raw.ao, market));
