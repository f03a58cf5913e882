import leven from 'leven';

/** The valid value a mistyped one was most likely meant to be, compared without case; undefined when none is close. */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const typed = input.toLowerCase();
  // Two edits, or a third of a longer text: FILED → FILLED, jsno → json, acount → account, but not spot → usdm.
  const maxDistance = Math.max(2, Math.floor(typed.length / 3));
  let best: { value: string; distance: number } | undefined;
  for (const value of candidates) {
    const distance = leven(typed, value.toLowerCase());
    if (distance <= maxDistance && (best === undefined || distance < best.distance)) best = { value, distance };
  }
  return best?.value;
}

/**
 * One line for a value outside a closed set: what was wrong, the likely intended value, and every valid one.
 * e.g. `unknown status "FILED"; did you mean FILLED? use NEW, PARTIALLY_FILLED, … or CANCELLED`.
 * `aliases` are other accepted spellings: suggested, but not listed.
 */
export function unknownValue(what: string, value: string, valid: readonly string[], aliases: readonly string[] = []): string {
  const guess = closest(value, [...valid, ...aliases]);
  return `unknown ${what} "${value}"${guess === undefined ? ';' : `; did you mean ${guess}?`} use ${oneOf(valid)}`;
}

/** "a, b or c". */
export const oneOf = (values: readonly string[]): string =>
  values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
