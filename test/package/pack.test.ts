import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimExchange, SIM_API_KEY, SIM_API_SECRET, type SimExchange } from '../../src/sim/index.js';

// What a user gets from `npm install binance-orders`: the packed tarball installed into an empty
// project, its import and its CLI used from there. Slow (npm pack, npm install, tsc), so it runs on its
// own: npm run test:package, which builds first.
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const SLOW_MS = 240_000;

let dir: string;
let sim: SimExchange;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-pack-'));
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // Dependencies come from npm's cache when it has them (CI has just run npm ci).
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, filename)], { cwd: dir });
  sim = await createSimExchange();
}, SLOW_MS);

afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const env = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BINANCE_API_KEY: SIM_API_KEY, BINANCE_API_SECRET: SIM_API_SECRET, BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl });

describe('the packed package', () => {
  it('type-checks a TypeScript consumer against the shipped declarations, and rejects an unknown market', async () => {
    await mkdir(join(dir, 'src'), { recursive: true });
    await copyFile(join(ROOT, 'examples', 'fill-alerts.ts'), join(dir, 'src', 'fill-alerts.ts'));
    await writeFile(
      join(dir, 'src', 'wrong.ts'),
      "import { followOrders } from 'binance-orders';\n// @ts-expect-error: spot is not a futures market\nfollowOrders({ apiKey: 'k', market: 'spot' });\n",
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')], skipLibCheck: false },
        include: ['src'],
      }),
    );
    await run(process.execPath, [TSC, '-p', '.'], { cwd: dir });
    expect(await readFile(join(dir, 'out', 'fill-alerts.js'), 'utf8')).toContain("from 'binance-orders'");
  }, SLOW_MS);

  it('runs the compiled example against the simulator: events out, nothing else on stderr, and it exits by itself', async () => {
    const book = sim.orders;
    const placed = book.place('usdm', { side: 'BUY', price: '100000.00', quantity: '0.010' }).order;
    const child = run(process.execPath, [join(dir, 'out', 'fill-alerts.js')], { cwd: dir, env: { ...env(), STOP_AFTER_FILLS: '2' }, timeout: 20_000 });
    await sim.waitForConnection();
    book.fill('usdm', placed.orderId, '0.004');
    book.fill('usdm', placed.orderId);
    const { stdout, stderr } = await child;
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      { symbol: placed.symbol, side: 'BUY', qty: '0.004', price: expect.any(String), source: 'ws' },
      { symbol: placed.symbol, side: 'BUY', qty: '0.006', price: expect.any(String), source: 'ws' },
    ]);
    expect(stderr).toBe('');
  }, SLOW_MS);

  it('installs the CLI: binance-orders demo prints JSON lines', async () => {
    const { stdout } = await run(join(dir, 'node_modules', '.bin', 'binance-orders'), ['demo', '--count', '2', '--json', '--rate', '50'], { cwd: dir, env: { PATH: process.env.PATH ?? '' }, timeout: 20_000 });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string });
    expect(lines.map((line) => line.event)).toEqual(['order', 'order']);
  }, SLOW_MS);
});
