import { describe, expect, it } from 'vitest';
import { cleanEnv, spawnCli } from '../helpers/cli.js';

describe('tail when it cannot connect', () => {
  it('warns about a key that does not look like a Binance key, and after a few alike failures says what they likely are, once', async () => {
    const run = spawnCli(['tail', '--reconnect-min', '10ms', '--reconnect-max', '20ms'], {
      env: cleanEnv({ BINANCE_API_KEY: 'abc', BINANCE_REST_URL: 'http://127.0.0.1:1', BINANCE_WS_URL: 'ws://127.0.0.1:1' }),
    });
    await run.waitForStderr(/(listenKey request failed.*\n[^]*){6}/);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    const stderr = run.stderr();
    expect(stderr).toMatch(/^\S+ warning: BINANCE_API_KEY is 3 characters, not 64 letters and digits/);
    const advice = stderr.match(/3 attempts in a row failed the same way: nothing accepts connections.*; run binance-orders doctor/g);
    expect(advice).toHaveLength(1);
  });
});
