/**
 * How much of a wire string is kept after its event is printed (the order table, the dedupe window).
 * Binance's longest such values (clientOrderId: 36, symbols, statuses, decimals) are far shorter; a
 * frame can still carry a megabyte in one field, and thousands of remembered orders must not keep it.
 */
export const RETAINED_CHARS = 64;

/**
 * The string as kept: itself when short, else its first RETAINED_CHARS characters in a fresh copy
 * (a plain slice would be a view that keeps the whole original alive).
 */
export function retained(value: string): string {
  return value.length <= RETAINED_CHARS ? value : value.slice(0, RETAINED_CHARS).split('').join('');
}
