import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSimExchange, SIM_API_KEY, type SimExchange } from '../../src/sim/index.js';
import { cleanEnv, CLI_START_MS, spawnCli } from '../helpers/cli.js';

const PRELOAD = new URL('../helpers/first-connect.mjs', import.meta.url).href;

let sim: SimExchange;
let dir: string;

beforeEach(async () => {
  sim = await createSimExchange();
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-first-request-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

it('tail sends its listenKey request before loading the WebSocket client, and then connects', async () => {
  const log = join(dir, 'first-connect.log');
  const run = spawnCli(['tail', '--json', '--rest-url', sim.restUrl, '--ws-url', sim.wsUrl], {
    env: cleanEnv({ BINANCE_API_KEY: SIM_API_KEY, NODE_OPTIONS: `--import ${PRELOAD}`, FIRST_CONNECT_LOG: log }),
    cwd: dir,
  });
  try {
    await sim.waitForConnection({ timeoutMs: CLI_START_MS });
    const loaded = (await readFile(log, 'utf8')).split('\n');
    // ws loads zlib for permessage-deflate as it loads; undici's HTTP/2 client loads http2.
    expect(loaded).toContain('NativeModule net');
    expect(loaded).not.toContain('NativeModule zlib');
    expect(loaded).not.toContain('NativeModule http2');
  } finally {
    run.child.kill('SIGINT');
    await run.exit;
  }
});
