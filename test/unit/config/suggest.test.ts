import { describe, expect, it } from 'vitest';
import { closest, oneOf, unknownValue } from '../../../src/config/suggest.js';

describe('closest', () => {
  it.each([
    ['FILED', ['NEW', 'FILLED', 'CANCELED'], 'FILLED'],
    ['jsno', ['pretty', 'json', 'raw'], 'json'],
    ['acount', ['order', 'account', 'algo'], 'account'],
    ['spot', ['usdm', 'coinm', 'pm'], undefined],
    ['long', ['BUY', 'SELL'], undefined],
  ])('%s among %j is %s', (input, candidates, expected) => {
    expect(closest(input, candidates)).toBe(expected);
  });
});

describe('unknownValue', () => {
  it('suggests from aliases but lists only the valid values', () => {
    expect(unknownValue('market', 'coin-n', ['usdm', 'coinm', 'pm'], ['coin-m'])).toBe('unknown market "coin-n"; did you mean coin-m? use usdm, coinm or pm');
  });

  it('joins one value without "or"', () => {
    expect(oneOf(['usdm'])).toBe('usdm');
  });
});
