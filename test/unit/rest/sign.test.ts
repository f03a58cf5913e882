import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, signedQuery } from '../../../src/rest/sign.js';

describe('signing', () => {
  it('matches the HMAC test vector of the futures docs', () => {
    const secret = '2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9';
    const payload = 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943';
    expect(hmacSha256Hex(payload, secret)).toBe('3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9');
  });

  it('puts timestamp and recvWindow after the parameters and the signature of all of them last', () => {
    const query = signedQuery({ symbol: 'BTCUSDT' }, 'secret', 1_700_000_000_000.4);
    expect(query).toMatch(/^symbol=BTCUSDT&timestamp=1700000000000&recvWindow=5000&signature=[0-9a-f]{64}$/);
    expect(query.split('&signature=')[1]).toBe(hmacSha256Hex('symbol=BTCUSDT&timestamp=1700000000000&recvWindow=5000', 'secret'));
  });
});
