import { describe, expect, it } from 'vitest';
import { AuthRejectedError, BinanceOrdersError, ConfigError, EXIT, ExchangeError, UsageError } from '../../../src/errors/errors.js';

describe('the error family', () => {
  it('gives each error its class name, stable code and exit code', () => {
    expect(new UsageError('bad flag')).toMatchObject({ name: 'UsageError', code: 'USAGE', exitCode: EXIT.usage, message: 'bad flag' });
    expect(new ConfigError('no key')).toMatchObject({ name: 'ConfigError', code: 'CONFIG', exitCode: EXIT.usage });
    expect(new ExchangeError('boom', 500, undefined, undefined)).toMatchObject({ name: 'ExchangeError', code: 'EXCHANGE', exitCode: EXIT.unexpected });
  });

  it('makes AuthRejectedError an ExchangeError that exits with 3 and never carries a retry delay', () => {
    const err = new AuthRejectedError('refused', 401, -2015);
    expect(err).toBeInstanceOf(ExchangeError);
    expect(err).toBeInstanceOf(BinanceOrdersError);
    expect(err).toMatchObject({ name: 'AuthRejectedError', code: 'AUTH_REJECTED', exitCode: 3, status: 401, binanceCode: -2015, retryAfterMs: undefined });
  });

  it('keeps the cause it was given', () => {
    const cause = new Error('ENOENT');
    expect(new ConfigError('cannot read', { cause }).cause).toBe(cause);
  });
});
