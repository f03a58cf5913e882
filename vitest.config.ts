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
    // Most of the suite waits on sockets and spawned CLIs, not on the CPU: two files at a time on two
    // cores took the suite from 196 s to 122 s (vitest's default here is one).
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
