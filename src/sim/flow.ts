import { formatFixed, fromInteger, multiply, parseDecimal } from './decimal.js';
import type { SimMarket } from './market.js';
import type { SimOrderResult, SimSent } from './order-results.js';
import type { SimOrder } from './order-types.js';
import type { SimOrderBook } from './orders.js';
import { type Random, pick, randomInteger } from './random.js';
import { SIM_SYMBOLS, type SimSymbol, findSymbol } from './symbols.js';

/** How a generated order flow runs. */
export interface SimFlowOptions {
  market: SimMarket;
  /** Lifecycle steps per second; each step pushes one or more events. */
  ratePerSec: number;
  /** Stop after this many steps. @default unlimited */
  count?: number;
  /** Drives every choice, so a seeded source replays the same flow. @default Math.random */
  random?: Random;
  /** Ticks where this returns true take no step, e.g. until a client is listening. @default never */
  holdWhile?: () => boolean;
}

/** A running order flow and its bookkeeping. */
export interface SimFlow {
  /** Every payload pushed so far, in order, and whether any socket received it. */
  readonly sent: readonly SimSent[];
  /** Steps taken so far. */
  readonly steps: number;
  /** Resolves when the flow has stopped, by count or by stop(). */
  readonly done: Promise<void>;
  stop(): void;
}

/** Keeps the book from growing without bound: above this many open orders, steps only fill or cancel. */
const MAX_OPEN_ORDERS = 12;

type Step = (book: SimOrderBook, market: SimMarket, random: Random) => SimOrderResult[];

/**
 * The mix of one step, as cumulative weights. Resting limit orders dominate, as on a real account;
 * market orders fill at once; an IOC order trades part and expires with `er` "2".
 */
const STEPS: readonly { readonly weight: number; readonly needsOpen: boolean; readonly step: Step }[] = [
  { weight: 30, needsOpen: false, step: (book, market, random) => [placeLimit(book, market, random)] },
  { weight: 8, needsOpen: false, step: placeMarket },
  { weight: 5, needsOpen: false, step: sweepIoc },
  { weight: 17, needsOpen: true, step: (book, market, random) => [fillPart(book, market, random)] },
  { weight: 17, needsOpen: true, step: (book, market, random) => [book.fill(market, pickOpen(book, market, random).orderId)] },
  { weight: 18, needsOpen: true, step: (book, market, random) => [book.cancel(market, pickOpen(book, market, random).orderId)] },
  {
    weight: 5,
    needsOpen: true,
    step: (book, market, random) => [book.expire(market, pickOpen(book, market, random).orderId, { reason: pick(random, ['1', '4', '6']) })],
  },
];

/** Starts a flow on `book`. */
export function startFlow(book: SimOrderBook, options: SimFlowOptions): SimFlow {
  if (!(options.ratePerSec > 0)) throw new RangeError(`ratePerSec must be above 0, got ${options.ratePerSec}`);
  if (options.count !== undefined && !(Number.isInteger(options.count) && options.count >= 0)) {
    throw new RangeError(`count must be a whole number, got ${options.count}`);
  }
  const random = options.random ?? Math.random;
  const sent: SimSent[] = [];
  let steps = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (timer === undefined) return;
    clearInterval(timer);
    timer = undefined;
    finish();
  };
  const tick = () => {
    if (options.count !== undefined && steps >= options.count) return stop();
    if (options.holdWhile?.()) return;
    for (const result of chooseStep(book, options.market, random)(book, options.market, random)) sent.push(...result.sent);
    steps++;
    if (options.count !== undefined && steps >= options.count) stop();
  };
  timer = setInterval(tick, 1000 / options.ratePerSec);
  if (options.count === 0) stop();
  return {
    sent,
    get steps() {
      return steps;
    },
    done,
    stop,
  };
}

function chooseStep(book: SimOrderBook, market: SimMarket, random: Random): Step {
  const open = book.openOrders(market).length;
  const candidates = STEPS.filter((entry) => (entry.needsOpen ? open > 0 : open < MAX_OPEN_ORDERS));
  const total = candidates.reduce((sum, entry) => sum + entry.weight, 0);
  let draw = random() * total;
  for (const entry of candidates) {
    draw -= entry.weight;
    if (draw < 0) return entry.step;
  }
  return candidates.at(-1)?.step ?? placeMarket;
}

function placeLimit(book: SimOrderBook, market: SimMarket, random: Random, timeInForce: 'GTC' | 'IOC' = 'GTC'): SimOrderResult {
  const symbol = pick(random, SIM_SYMBOLS[market]);
  const side = random() < 0.5 ? 'BUY' : 'SELL';
  // Resting (GTC) orders sit a few ticks on the passive side of the last price; IOC orders cross it.
  const passive = timeInForce === 'GTC';
  const ticksAway = randomInteger(random, 1, passive ? 40 : 5) * (side === 'BUY' === passive ? -1 : 1);
  const price = book.lastPrice(market, symbol.symbol) + multiply(fromInteger(ticksAway), parseDecimal(symbol.tick));
  return book.place(market, {
    symbol: symbol.symbol,
    side,
    timeInForce,
    price: formatFixed(price, symbol.priceDecimals),
    quantity: randomQuantity(symbol, random),
  });
}

function placeMarket(book: SimOrderBook, market: SimMarket, random: Random): SimOrderResult[] {
  const symbol = pick(random, SIM_SYMBOLS[market]);
  return [
    book.place(market, {
      symbol: symbol.symbol,
      side: random() < 0.5 ? 'BUY' : 'SELL',
      type: 'MARKET',
      quantity: randomQuantity(symbol, random),
    }),
  ];
}

function sweepIoc(book: SimOrderBook, market: SimMarket, random: Random): SimOrderResult[] {
  const placed = placeLimit(book, market, random, 'IOC');
  const symbol = findSymbol(market, placed.order.symbol);
  const steps = stepsOf(symbol, placed.order.origQty);
  if (steps < 2) return [placed, book.expire(market, placed.order.orderId)];
  const traded = book.fill(market, placed.order.orderId, quantityOf(symbol, randomInteger(random, 1, steps - 1)));
  return [placed, traded, book.expire(market, placed.order.orderId)];
}

function fillPart(book: SimOrderBook, market: SimMarket, random: Random): SimOrderResult {
  const order = pickOpen(book, market, random);
  const symbol = findSymbol(market, order.symbol);
  const remainingSteps = stepsOf(symbol, order.origQty) - stepsOf(symbol, order.executedQty);
  if (remainingSteps < 2) return book.fill(market, order.orderId);
  return book.fill(market, order.orderId, quantityOf(symbol, randomInteger(random, 1, remainingSteps - 1)));
}

function pickOpen(book: SimOrderBook, market: SimMarket, random: Random): SimOrder {
  return pick(random, book.openOrders(market));
}

function randomQuantity(symbol: SimSymbol, random: Random): string {
  return quantityOf(symbol, randomInteger(random, 1, symbol.maxSteps));
}

function quantityOf(symbol: SimSymbol, steps: number): string {
  return formatFixed(multiply(fromInteger(steps), parseDecimal(symbol.step)), symbol.quantityDecimals);
}

function stepsOf(symbol: SimSymbol, quantity: string): number {
  return Number(parseDecimal(quantity) / parseDecimal(symbol.step));
}
