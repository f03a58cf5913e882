import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeQuery, hmacSha256Hex, hmacSigner, parsePrivateKey, privateKeySigner, signedQuery } from '../../../src/rest/sign.js';

describe('request signing', () => {
  it('matches the HMAC-SHA256 test vector of Binance USDⓈ-M General Info', () => {
    const signer = hmacSigner('2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9');
    const payload = 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943';
    expect(signer.sign(payload)).toBe('3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9');
  });

  it('puts timestamp and recvWindow after the parameters and the signature of all of them last', () => {
    const query = signedQuery({ symbol: 'BTCUSDT' }, hmacSigner('secret'), 1_700_000_000_000.4);
    expect(query).toMatch(/^symbol=BTCUSDT&timestamp=1700000000000&recvWindow=5000&signature=[0-9a-f]{64}$/);
    expect(query.split('&signature=')[1]).toBe(hmacSha256Hex('symbol=BTCUSDT&timestamp=1700000000000&recvWindow=5000', 'secret'));
  });

  it('signs with Ed25519 as URL-encoded base64 that the public key verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signer = privateKeySigner(parsePrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
    expect(signer.kind).toBe('ed25519');
    const query = signedQuery({ symbol: 'BTCUSDT' }, signer, 1_700_000_000_000, 5000);
    const [payload, signature] = query.split('&signature=') as [string, string];
    expect(signature).not.toMatch(/[+/=]/);
    expect(verify(null, Buffer.from(payload), publicKey, Buffer.from(decodeURIComponent(signature), 'base64'))).toBe(true);
  });

  it('refuses text that is not a PEM private key without quoting it', () => {
    expect(() => parsePrivateKey('not-a-key-SENTINEL')).toThrow(/^not a PEM private key/);
    expect(() => parsePrivateKey('not-a-key-SENTINEL')).not.toThrow(/SENTINEL/);
  });

  it('leaves out undefined parameters and URL-encodes values', () => {
    expect(encodeQuery({ a: 'x y', b: undefined, c: 1 })).toBe('a=x%20y&c=1');
  });
});
