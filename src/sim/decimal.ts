/**
 * Exact decimal arithmetic on bigint, so no price or quantity ever passes through a float.
 * A `Decimal` is an integer count of 10^-SCALE units; twelve places keep inverse-contract PnL
 * (quantity / price) exact well past the eight places Binance prints.
 */
export type Decimal = bigint;

const SCALE = 12;
const ONE = 10n ** BigInt(SCALE);

/** Zero, for readability at call sites. */
export const ZERO: Decimal = 0n;

/** Parses a plain decimal string such as "85.67" or "-0.001"; throws on anything else. */
export function parseDecimal(text: string): Decimal {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new TypeError(`not a decimal string: ${JSON.stringify(text)}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length > SCALE) throw new RangeError(`more than ${SCALE} decimal places: ${text}`);
  const units = BigInt(whole) * ONE + BigInt(fraction.padEnd(SCALE, '0') || '0');
  return sign === '-' ? -units : units;
}

/** Converts a whole number (a count of ticks or steps) to a Decimal. */
export function fromInteger(value: number | bigint): Decimal {
  return BigInt(value) * ONE;
}

/** a × b, rounded half away from zero. */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return divideRounded(a * b, ONE);
}

/** a ÷ b, rounded half away from zero; throws on a zero divisor. */
export function divide(a: Decimal, b: Decimal): Decimal {
  if (b === 0n) throw new RangeError('division by zero');
  return divideRounded(a * ONE, b);
}

/** The smaller of two decimals. */
export function min(a: Decimal, b: Decimal): Decimal {
  return a < b ? a : b;
}

/** The absolute value. */
export function abs(a: Decimal): Decimal {
  return a < 0n ? -a : a;
}

/** Formats with exactly `places` decimals, e.g. (0.04, 3) → "0.040". */
export function formatFixed(value: Decimal, places: number): string {
  const rounded = roundTo(value, places);
  const negative = rounded < 0n;
  const digits = (negative ? -rounded : rounded).toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, digits.length - SCALE);
  const fraction = digits.slice(digits.length - SCALE, digits.length - SCALE + places);
  const text = places > 0 ? `${whole}.${fraction}` : whole;
  return negative ? `-${text}` : text;
}

/** Formats with at most `places` decimals and no trailing zeros; zero is "0". */
export function formatTrimmed(value: Decimal, places: number): string {
  const text = formatFixed(value, places);
  if (!text.includes('.')) return text === '-0' ? '0' : text;
  const trimmed = text.replace(/\.?0+$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

/** Formats with exactly `places` decimals, except that zero is "0" as Binance sends it for unset values. */
export function formatFixedOrZero(value: Decimal, places: number): string {
  return roundTo(value, places) === 0n ? '0' : formatFixed(value, places);
}

function roundTo(value: Decimal, places: number): Decimal {
  const step = 10n ** BigInt(SCALE - places);
  return divideRounded(value, step) * step;
}

function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n + d / 2n) / d;
  return negative ? -quotient : quotient;
}
