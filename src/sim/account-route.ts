import type { OrderQuery } from './order-routes.js';
import { type Reply, ok } from './rest-reply.js';

/**
 * GET account (USDⓈ-M `/fapi/v3/account`, COIN-M `/dapi/v1/account`, PM `/papi/v1/account`), weight 5:
 * the flags that show what the key may do, with the book's assets left empty. Clients use it to prove
 * a key can read the futures account.
 */
export function accountInfo({ nowMs }: OrderQuery): Reply {
  return ok({ feeTier: 0, canTrade: true, canDeposit: true, canWithdraw: true, updateTime: nowMs, assets: [], positions: [] }, 5);
}

/** GET positionRisk (USDⓈ-M `/fapi/v2/positionRisk`, COIN-M `/dapi/v1/positionRisk`, PM `/papi/v1/um/positionRisk`): positions not flat. */
export function positionRisk({ market, query, orders }: OrderQuery): Reply {
  const symbol = query.get('symbol');
  const found = orders.positions(market).filter((position) => symbol === null || position.symbol === symbol);
  return ok(found, market === 'coinm' ? 1 : 5);
}
