/** Statuses after which an order never changes again. Unknown statuses count as open. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['FILLED', 'CANCELED', 'EXPIRED', 'EXPIRED_IN_MATCH', 'REJECTED']);

/** True once the order can no longer change. */
export function isTerminal(status: string): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Two decimal strings with the same value: "0.100" and "0.1", "0" and "0.000" (REST and stream format them differently). */
export function sameDecimal(a: string, b: string): boolean {
  const trim = (text: string) => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);
  return trim(a) === trim(b);
}
