import { describe, expect, it } from 'vitest';
import { divide, formatFixed, formatFixedOrZero, formatTrimmed, multiply, parseDecimal } from '../../../src/sim/decimal.js';

const d = parseDecimal;

describe('decimal', () => {
  it('adds and multiplies without float error', () => {
    expect(formatTrimmed(d('0.1') + d('0.2'), 8)).toBe('0.3');
    expect(formatFixed(multiply(d('21.26'), d('85.67')), 4)).toBe('1821.3442');
    expect(formatTrimmed(multiply(d('0.040'), d('64089.20')), 8)).toBe('2563.568');
  });

  it('divides with rounding half away from zero', () => {
    expect(formatFixed(divide(d('2'), d('3')), 5)).toBe('0.66667');
    expect(formatFixed(divide(d('-2'), d('3')), 5)).toBe('-0.66667');
    expect(formatFixed(d('0.125'), 2)).toBe('0.13');
    expect(() => divide(d('1'), d('0'))).toThrow(/division by zero/);
  });

  it('formats fixed, trimmed and Binance-zero forms', () => {
    expect(formatFixed(d('0.04'), 3)).toBe('0.040');
    expect(formatFixed(d('104250'), 2)).toBe('104250.00');
    expect(formatFixed(d('-45.04'), 8)).toBe('-45.04000000');
    expect(formatFixed(d('7'), 0)).toBe('7');
    expect(formatTrimmed(d('2520.67200'), 8)).toBe('2520.672');
    expect(formatTrimmed(d('-0.000000001'), 8)).toBe('0');
    expect(formatFixedOrZero(d('0'), 5)).toBe('0');
    expect(formatFixedOrZero(d('85.6'), 5)).toBe('85.60000');
  });

  it('rejects what is not a plain decimal string', () => {
    for (const bad of ['', '1e5', '1.', '.5', 'NaN', '1,5']) expect(() => parseDecimal(bad)).toThrow(TypeError);
    expect(() => parseDecimal('0.0000000000001')).toThrow(RangeError);
  });
});
