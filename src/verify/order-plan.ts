import { z } from 'zod';

const Filter = z.looseObject({
  filterType: z.string(),
  tickSize: z.string().optional(),
  stepSize: z.string().optional(),
  minQty: z.string().optional(),
  notional: z.string().optional(),
  multiplierDown: z.string().optional(),
});

/** GET exchangeInfo, reduced to what a valid order needs. */
export const ExchangeInfo = z.looseObject({
  symbols: z.array(z.looseObject({ symbol: z.string(), filters: z.array(Filter) })),
});
export type ExchangeInfo = z.infer<typeof ExchangeInfo>;

/** GET premiumIndex: the mark price. */
export const PremiumIndex = z.looseObject({ symbol: z.string(), markPrice: z.string() });

/** A limit order's price and quantity, as strings in the symbol's steps. */
export interface OrderPlan {
  price: string;
  quantity: string;
}

const decimalsOf = (step: string) => (step.includes('.') ? step.replace(/0+$/, '').split('.')[1]?.length ?? 0 : 0);

/**
 * The smallest BUY the symbol accepts, priced below the mark price by as much as PERCENT_PRICE allows
 * (at most half of it), so that a post-only order rests on the book and does not fill.
 */
export function farBuyOrder(markPrice: string, info: ExchangeInfo, symbol: string): OrderPlan {
  const entry = info.symbols.find((candidate) => candidate.symbol === symbol);
  if (!entry) throw new RangeError(`${symbol} is not listed in exchangeInfo`);
  const filter = (type: string) => entry.filters.find((f) => f.filterType === type);
  const tick = filter('PRICE_FILTER')?.tickSize ?? '0.01';
  const step = filter('LOT_SIZE')?.stepSize ?? '0.001';
  const minQty = Number(filter('LOT_SIZE')?.minQty ?? step);
  const minNotional = Number(filter('MIN_NOTIONAL')?.notional ?? '0');
  const down = Number(filter('PERCENT_PRICE')?.multiplierDown ?? '0');
  const ratio = Math.max(0.5, down + 0.01);
  const ticks = Math.floor((Number(markPrice) * ratio) / Number(tick));
  if (!(ticks > 0)) throw new RangeError(`cannot price an order below mark price ${markPrice}`);
  const price = ticks * Number(tick);
  const steps = Math.max(Math.ceil(minQty / Number(step) - 1e-9), Math.ceil((minNotional * 1.02) / price / Number(step)));
  return { price: price.toFixed(decimalsOf(tick)), quantity: (steps * Number(step)).toFixed(decimalsOf(step)) };
}
