import { describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli-in-process.js';

describe('--config', () => {
  it.each([[''], ['  ']])('refuses an empty path (%j) as a usage error, not as a directory it cannot read', async (path) => {
    const { code, stdout, stderr } = await runMain(['--config', path, 'demo', '--count', '1']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('binance-orders: --config: the path is empty; give a JSON file, or leave the flag out\n');
  });
});
