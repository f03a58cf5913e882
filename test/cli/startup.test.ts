import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv } from '../helpers/cli.js';

// The compiled module graph (not the bundle, whose chunks hide package names): the bundle splits
// along the same dynamic imports, so what this graph loads up front is what the bundle loads.
const MAIN = fileURLToPath(new URL('../../dist/cli/entry.js', import.meta.url));
const HOOKS = new URL('../helpers/module-log-hooks.mjs', import.meta.url).href;
const REGISTER = `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(HOOKS)});`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-startup-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The npm packages a CLI run loads, and its exit code. */
async function packagesLoaded(args: string[]): Promise<{ code: number; packages: Set<string> }> {
  const log = join(dir, `${args.join('_').replace(/\W/g, '_')}.log`);
  const code = await new Promise<number>((resolve, reject) => {
    const child = execFile(process.execPath, ['--import', REGISTER, MAIN, ...args], { env: cleanEnv({ MODULE_LOG: log, HOME: dir }), cwd: dir, timeout: 15_000 }, (err) =>
      err && typeof err.code !== 'number' ? reject(err) : resolve(child.exitCode ?? 0),
    );
  });
  const urls = (await readFile(log, 'utf8')).split('\n');
  return { code, packages: new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? [])) };
}

describe('start-up loads only what the command line needs', () => {
  it.each([
    [['--version'], 0],
    [['--help'], 0],
    [['tail', '--help'], 0],
    [['completion', 'bash'], 0],
    [['tail', '--no-such-flag'], 2],
    [['wait'], 2],
  ])('%j loads neither zod nor a network client', async (args, exitCode) => {
    const { code, packages } = await packagesLoaded(args);
    expect(code).toBe(exitCode);
    expect(packages).toContain('commander');
    for (const heavy of ['zod', 'undici', 'ws']) expect(packages).not.toContain(heavy);
  });

  it.each([
    [['demo', '--status', 'FILED']],
    [['wait', '123', '--until', 'FILED']],
    [['listen-key', 'create', '-m', 'spot']],
  ])('%j checks its flags with zod and stops before loading a network client', async (args) => {
    const { code, packages } = await packagesLoaded(args);
    expect(code).toBe(2);
    expect(packages).toContain('zod');
    for (const heavy of ['undici', 'ws']) expect(packages).not.toContain(heavy);
  });
});
