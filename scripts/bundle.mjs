// Bundles the compiled CLI (dist/cli/main.js) into dist/bundle/: one module graph in a few files
// instead of hundreds, so start-up spends its time running code rather than resolving and reading
// modules. Commands loaded on demand stay separate chunks.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const UNDICI_REQUEST = fileURLToPath(new URL('./undici-request.cjs', import.meta.url));

/** Resolves the CLI's `from 'undici'` to the request() it uses, not undici's whole index (see undici-request.cjs). */
const undiciRequestOnly = {
  name: 'undici-request-only',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) => (args.importer === UNDICI_REQUEST ? undefined : { path: UNDICI_REQUEST }));
  },
};

await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  logLevel: 'warning',
  plugins: [undiciRequestOnly],
  // The bundled CommonJS dependencies (ws, undici, commander) call require() for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
