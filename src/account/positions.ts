import { z } from 'zod';
import { POSITION_PATHS, type Market } from '../exchange/endpoints.js';
import type { Position } from '../events/types.js';
import type { SignedClient } from '../rest/signed-client.js';

/** One row of GET positionRisk; the markets share these fields (COIN-M and PM lack some). */
const RestPosition = z.object({
  symbol: z.string(),
  positionAmt: z.string(),
  entryPrice: z.string(),
  breakEvenPrice: z.string().optional(),
  unRealizedProfit: z.string(),
  marginType: z.string().optional(),
  isolatedWallet: z.string().optional(),
  positionSide: z.string(),
});

/** A zero amount in any notation Binance uses: "0", "0.000", "-0.0". */
export const isZeroAmount = (amount: string): boolean => /^-?0*\.?0*$/.test(amount);

/** The market's positions that are not flat (signed GET positionRisk), in ACCOUNT_UPDATE's shape. */
export async function fetchPositions(client: SignedClient, market: Market, signal?: AbortSignal): Promise<Position[]> {
  const { positionRisk, weight } = POSITION_PATHS[market];
  const rows = await client.signed('GET', positionRisk, z.array(RestPosition), {}, { weight, signal });
  return rows
    .filter((row) => !isZeroAmount(row.positionAmt))
    .map((row) => ({
      symbol: row.symbol,
      positionAmount: row.positionAmt,
      entryPrice: row.entryPrice,
      ...(row.breakEvenPrice === undefined ? {} : { breakevenPrice: row.breakEvenPrice }),
      unrealizedProfit: row.unRealizedProfit,
      marginType: row.marginType ?? 'cross',
      ...(row.isolatedWallet === undefined ? {} : { isolatedWallet: row.isolatedWallet }),
      positionSide: row.positionSide,
    }));
}
