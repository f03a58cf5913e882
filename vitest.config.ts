import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/** The packed tarball installed into an empty project: minutes of npm and tsc, run by `npm run test:package`. */
export const PACKAGE_TESTS = 'test/package/**/*.test.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, PACKAGE_TESTS],
    // Files share their worker process instead of each getting a fresh module graph: a third less CPU
    // for the whole suite. test/setup/file-hygiene.ts fails any file that leaves something behind.
    isolate: false,
    setupFiles: ['test/setup/file-hygiene.ts'],
    // A file keeps about 0.7 of a core busy while it runs (its own work and the CLIs it spawns; the
    // rest is waiting on sockets and timers), so three files per two cores keep both busy without
    // piling work on them. Measured per file, CPU against wall time, on 2 cores.
    maxWorkers: Math.max(2, Math.round(availableParallelism() * 1.5)),
    // Only a hang should meet these: every wait in a test has its own, shorter bound. On a machine
    // busy with other work a test that starts several CLIs one after another can take 20 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
