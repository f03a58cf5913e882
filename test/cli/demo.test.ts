import { describe, expect, it } from 'vitest';
import { cleanEnv, spawnCli } from '../helpers/cli.js';
import { runMain, startMain } from '../helpers/cli-in-process.js';
import { schemaErrors } from '../helpers/schemas.js';

describe('binance-orders demo', () => {
  it('prints --count events as JSON lines and exits 0, with no keys in the environment', async () => {
    const { code, stdout, stderr } = await runMain(['demo', '--count', '5', '--rate', '50', '--json'], { env: cleanEnv() });
    expect(code).toBe(0);
    const events = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { event: string; source: string });
    expect(events).toHaveLength(5);
    expect(events.every((e) => e.event === 'order' && e.source === 'ws')).toBe(true);
    expect(stderr).toMatch(/simulated exchange on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('prints lines that conform to the published JSON Schema of their kind', async () => {
    const { code, stdout } = await runMain(['demo', '--count', '40', '--rate', '200', '--json', '--events', 'all'], { env: cleanEnv() });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(new Set(lines.map((line) => line.event))).toEqual(new Set(['order', 'trade-lite', 'account']));
    expect(lines.flatMap(schemaErrors)).toEqual([]);
  });

  it('runs until SIGINT without --count and then exits 0', async () => {
    const run = spawnCli(['demo', '--rate', '50', '-o', 'pretty', '--no-color'], { env: cleanEnv() });
    await run.waitForStdout(/NEW/);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(run.stdout()).not.toContain('\u001b[');
  });

  it.each([['many'], ['1.5'], ['0']])('says what --count %s should have been', async (count) => {
    const { code, stderr } = await runMain(['demo', '--count', count], { env: cleanEnv() });
    expect(code).toBe(2);
    expect(stderr).toBe('binance-orders: --count: must be a whole number above 0\n');
  });
});

describe('demo start-up line', () => {
  it.each([
    [["--count", "1"], /stops after 1 event\b/, /Ctrl-C/],
    [[], /Ctrl-C to stop/, /stops after/],
  ])('with %j says how it ends', async (flags, says, doesNot) => {
    const run = startMain(['demo', '--rate', '50', '--json', ...flags], { env: cleanEnv() });
    await run.waitForStderr(/simulated exchange/);
    run.interrupt();
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toMatch(says);
    expect(run.stderr()).not.toMatch(doesNot);
  });
});
