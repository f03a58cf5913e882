/**
 * The benchmark's stream: order updates with one distinct order id each (so no consumer may drop
 * one as a repeat), and after every 9 of them one event the default filter drops (TRADE_LITE or
 * ACCOUNT_UPDATE), i.e. 10 % of the frames. Frames are built from templates serialized once.
 */
import { accountUpdate, orderTradeUpdate, tradeLite } from '../src/sim/index.js';

/** The first order id; order `seq` has id FIRST_ORDER_ID + seq. */
export const FIRST_ORDER_ID = 700_000_000_000;
const ORDERS_PER_OTHER = 9;
const ID = 'ID_SLOT';
const TIME = 'TIME_SLOT';

/** One frame: the text, and the order's sequence number (undefined for a filtered-out event). */
export interface BenchFrames {
  /** Frames in all, filtered-out ones included. */
  readonly total: number;
  /** Order updates among them. */
  readonly orders: number;
  /** Frame `index`, with `E` (and `T`) set to `eventTimeMs`. */
  text(index: number, eventTimeMs: number): string;
  /** The order sequence number of frame `index`, or undefined when it is not an order update. */
  orderSeq(index: number): number | undefined;
}

type Template = (id: string, timeMs: string) => string;

function template(payload: object): Template {
  const parts = JSON.stringify(payload).split(new RegExp(`"?(${ID}|${TIME})"?`));
  return (id, timeMs) => {
    let text = '';
    for (let i = 0; i < parts.length; i++) text += i % 2 === 0 ? parts[i] : parts[i] === ID ? id : timeMs;
    return text;
  };
}

// Sentinels stand where numbers go; template() drops their quotes.
const slot = (name: string) => name as unknown as number;

const ORDER_TEMPLATES: Template[] = [
  template(orderTradeUpdate({ orderId: slot(ID), clientOrderId: 'bench', transactionTime: slot(TIME), eventTime: slot(TIME) })),
  template(
    orderTradeUpdate({
      orderId: slot(ID),
      clientOrderId: 'bench',
      execType: 'TRADE',
      status: 'PARTIALLY_FILLED',
      lastFilledQty: '0.004',
      filledQty: '0.004',
      lastFilledPrice: '104250.00',
      avgPrice: '104250.00',
      commission: '0.08340000',
      tradeId: 6512345001,
      isMaker: true,
      transactionTime: slot(TIME),
      eventTime: slot(TIME),
    }),
  ),
  template(
    orderTradeUpdate({
      orderId: slot(ID),
      clientOrderId: 'bench',
      execType: 'CANCELED',
      status: 'CANCELED',
      transactionTime: slot(TIME),
      eventTime: slot(TIME),
    }),
  ),
];
const OTHER_TEMPLATES: Template[] = [
  template(tradeLite({ orderId: slot(ID), transactionTime: slot(TIME), eventTime: slot(TIME) })),
  template(accountUpdate({ transactionTime: slot(TIME), eventTime: slot(TIME) })),
];

/** `orders` order updates with the filtered-out events between them. */
export function benchFrames(orders: number): BenchFrames {
  const total = orders + Math.floor(orders / ORDERS_PER_OTHER);
  const block = ORDERS_PER_OTHER + 1;
  const orderSeq = (index: number): number | undefined => {
    const position = index % block;
    return position === ORDERS_PER_OTHER ? undefined : Math.floor(index / block) * ORDERS_PER_OTHER + position;
  };
  return {
    total,
    orders,
    orderSeq,
    text(index, eventTimeMs) {
      const seq = orderSeq(index);
      const time = String(eventTimeMs);
      if (seq === undefined) {
        const other = Math.floor(index / block);
        return (OTHER_TEMPLATES[other % OTHER_TEMPLATES.length] as Template)(String(FIRST_ORDER_ID + other), time);
      }
      return (ORDER_TEMPLATES[seq % ORDER_TEMPLATES.length] as Template)(String(FIRST_ORDER_ID + seq), time);
    },
  };
}
