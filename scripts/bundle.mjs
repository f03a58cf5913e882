// Bundles the compiled CLI (dist/cli/main.js) into dist/bundle/: one module graph in a few files
// instead of hundreds, so start-up spends its time running code rather than resolving and reading
// modules. Commands loaded on demand stay separate chunks.
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const UNDICI_REQUEST = fileURLToPath(new URL('./undici-request.cjs', import.meta.url));

const ZOD_CLASSIC = join(dirname(createRequire(import.meta.url).resolve('zod/package.json')), 'v4/classic/external.js');
const ZOD_CORE = join(dirname(ZOD_CLASSIC), '../core/index.js');

/**
 * zod's API without its namespace of ~50 message locales: `z` (and `z.core`) are namespace objects, so
 * a bundler keeps every locale they re-export, about a third of zod's code, to be compiled at every
 * start. English, the only language the CLI speaks, is registered by zod's schemas themselves.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', namespace: 'zod-lean' }));
    b.onResolve({ filter: /^zod-classic-lean$/ }, () => ({ path: ZOD_CLASSIC, namespace: 'zod-lean' }));
    b.onResolve({ filter: /\/core\/index\.js$/ }, (args) => (args.importer === ZOD_CLASSIC ? { path: ZOD_CORE, namespace: 'zod-lean' } : undefined));
    b.onLoad({ filter: /^zod$/, namespace: 'zod-lean' }, () => ({
      contents: "import * as z from 'zod-classic-lean'; export * from 'zod-classic-lean'; export { z, z as default };",
      loader: 'js',
    }));
    b.onLoad({ filter: /\.js$/, namespace: 'zod-lean' }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const lean = source.replace(/^export \* as locales from .*$/m, '');
      if (lean === source) throw new Error(`zod-without-locales: no locales export in ${args.path}`);
      return { contents: lean, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/** Resolves the CLI's `from 'undici'` to the request() it uses, not undici's whole index (see undici-request.cjs). */
const undiciRequestOnly = {
  name: 'undici-request-only',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) => (args.importer === UNDICI_REQUEST ? undefined : { path: UNDICI_REQUEST }));
  },
};

// Chunk names are content hashes: without emptying the folder, every build's chunks stay beside the
// new ones and ship in the package.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  logLevel: 'warning',
  plugins: [undiciRequestOnly, zodWithoutLocales],
  // The bundled CommonJS dependencies (ws, undici, commander) call require() for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
