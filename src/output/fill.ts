/** How much of an order is filled, for display only: the quantities themselves stay strings. */
export function fillRatio(filledQty: string, origQty: string): number {
  const filled = Number(filledQty);
  const total = Number(origQty);
  if (!(total > 0) || !(filled > 0)) return 0;
  return Math.min(1, filled / total);
}

/** "0.5/2 25%": filled over ordered quantity, with the percentage rounded down so 99.9% never reads 100%. */
export function formatFill(filledQty: string, origQty: string): string {
  return `${filledQty}/${origQty} ${Math.floor(fillRatio(filledQty, origQty) * 100)}%`;
}
