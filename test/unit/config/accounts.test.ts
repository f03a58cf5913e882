import { describe, expect, it } from 'vitest';
import { parseAccountsFile, resolveAccounts } from '../../../src/config/accounts.js';

const file = (accounts: object[]) => JSON.stringify({ accounts });

describe('the accounts file', () => {
  it('defaults markets to usdm, accepts market aliases once each, and leaves the network to the flags', () => {
    const [alpha, beta] = parseAccountsFile(file([{ name: 'alpha', apiKeyEnv: 'A_KEY' }, { name: 'beta', apiKeyEnv: 'B_KEY', markets: ['um', 'usdm', 'cm'], network: 'testnet' }]), 'f.json');
    const resolved = resolveAccounts([alpha!, beta!], { A_KEY: 'key-a', B_KEY: ' key-b ' });
    expect(resolved.map(({ name, apiKey, apiKeyName, markets, network }) => ({ name, apiKey, apiKeyName, markets, network }))).toEqual([
      { name: 'alpha', apiKey: 'key-a', apiKeyName: 'A_KEY', markets: ['usdm'], network: undefined },
      { name: 'beta', apiKey: 'key-b', apiKeyName: 'B_KEY', markets: ['usdm', 'coinm'], network: 'testnet' },
    ]);
  });

  it('hands each account its own signing variables under the names the signer reads', () => {
    const entries = parseAccountsFile(file([{ name: 'alpha', apiKeyEnv: 'A_KEY', apiSecretEnv: 'A_SECRET' }, { name: 'beta', apiKeyEnv: 'B_KEY', privateKeyFileEnv: 'B_PEM' }]), 'f.json');
    const [alpha, beta] = resolveAccounts(entries, { A_KEY: 'a', A_SECRET: 'sa', B_KEY: 'b', B_PEM: '/keys/b.pem', BINANCE_API_SECRET: 'not-theirs' });
    expect(alpha?.signingEnv).toEqual({ BINANCE_API_SECRET: 'sa', BINANCE_PRIVATE_KEY_FILE: undefined });
    expect(beta?.signingEnv).toEqual({ BINANCE_API_SECRET: undefined, BINANCE_PRIVATE_KEY_FILE: '/keys/b.pem' });
  });

  it.each([
    ['not JSON', '{', /f\.json: not valid JSON/],
    ['no accounts', file([]), /accounts: list at least one account/],
    ['a name that cannot be a subject token', file([{ name: 'desk.alpha', apiKeyEnv: 'A' }]), /accounts\[0\]\.name: use 1 to 64 letters/],
    ['a value where a variable name belongs', file([{ name: 'a', apiKeyEnv: 'vmPUZE6mv9SD5VNHk4Hl WFsOr6' }]), /accounts\[0\]\.apiKeyEnv: give the name of an environment variable/],
    ['a secret in the file', file([{ name: 'a', apiKeyEnv: 'A', secret: 'x' }]), /accounts\[0\] has "secret": credentials never go in this file.*"apiSecretEnv"/],
    ['an unknown network', file([{ name: 'a', apiKeyEnv: 'A', network: 'prod' }]), /accounts\[0\]\.network: use mainnet, testnet or demo/],
  ])('refuses %s, naming the place', (_what, text, message) => {
    expect(() => parseAccountsFile(text, 'f.json')).toThrow(message);
  });
});
