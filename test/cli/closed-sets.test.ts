import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-closed-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = () => cleanEnv({ BINANCE_API_KEY: 'k'.repeat(64), BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9', HOME: dir });

/** A usage error: exit 2, nothing on stdout, one stderr line. */
async function usageError(args: string[]): Promise<string> {
  const { code, stdout, stderr } = await runMain(args, { env: env(), cwd: dir });
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  return stderr;
}

describe('closed sets are checked before anything runs', () => {
  it('demo --status FILED exits 2 with the valid statuses and a suggestion', async () => {
    const stderr = await usageError(['demo', '--status', 'FILED', '--count', '1']);
    expect(stderr).toMatch(/--status: unknown status "FILED"; did you mean FILLED\?/);
    expect(stderr).toMatch(/PARTIALLY_FILLED/);
  });

  it('names an execution type given as a status', async () => {
    expect(await usageError(['demo', '--status', 'new,TRADE'])).toMatch(/"TRADE" is an execution type/);
  });

  it('wait --until FILED exits 2 with a suggestion', async () => {
    expect(await usageError(['wait', '123', '--until', 'FILED'])).toMatch(/--until: unknown status "FILED"; did you mean FILLED\?.*terminal/);
  });

  it('a config file with "status": "FILED" exits 2 naming the file and key', async () => {
    await writeFile(join(dir, 'status.json'), JSON.stringify({ status: 'FILED' }));
    expect(await usageError(['--config', 'status.json', 'demo', '--count', '1'])).toMatch(/status\.json: status: unknown status "FILED"; did you mean FILLED\?/);
  });

  it.each([
    [['demo', '--side', 'BUYY'], /--side: unknown side "BUYY"; did you mean BUY\?/],
    [['demo', '-o', 'jsno'], /--output: unknown output "jsno"; did you mean json\?/],
    [['demo', '--events', 'order,acount'], /--events: unknown event "acount"; did you mean account\?/],
    [['tail', '-m', 'usdn'], /--market: unknown market "usdn"; did you mean usdm\?/],
  ])('%j suggests the closest valid value', async (args, message) => {
    expect(await usageError(args)).toMatch(message);
  });
});
