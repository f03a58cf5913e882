// Bundles the compiled CLI (dist/cli/entry.js) into dist/bundle/: one module graph in a few files
// instead of hundreds, so start-up spends its time running code rather than resolving and reading
// modules. Commands loaded on demand stay separate chunks.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const UNDICI_REQUEST = fileURLToPath(new URL('./undici-request.cjs', import.meta.url));

const COMPILED = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * zod's API as a namespace import, so that the bundle keeps only the parts the CLI calls. `z` imported
 * by name is a namespace object used as a value, and a bundler must then keep everything it holds:
 * every schema type, JSON Schema conversion, the ~50 message locales, twice the code the CLI uses, to
 * be compiled at every start. `import * as z` is the form zod documents for this; the compiled
 * sources say `import { z }`, which this rewrites (a `z` used as a value elsewhere would undo it, so
 * any other form of import fails the build).
 */
const zodAsNamespace = {
  name: 'zod-as-namespace',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(COMPILED)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes("from 'zod'")) return { contents: source, loader: 'js' };
      const rewritten = source.replace(/^import \{ z \} from 'zod';$/m, "import * as z from 'zod';");
      if (/^import (?!\* as z from 'zod';$).*from 'zod';$/m.test(rewritten)) {
        throw new Error(`zod-as-namespace: ${args.path} imports zod other than as \`import { z } from 'zod'\``);
      }
      return { contents: rewritten, loader: 'js' };
    });
  },
};

/** `source` with `from` replaced by `to`; fails the build when a dependency's update moved `from`. */
function patched(path, source, from, to) {
  if (!source.includes(from)) throw new Error(`bundle: ${path} no longer contains ${JSON.stringify(from)}; review the patch`);
  return source.replace(from, to);
}

/**
 * Resolves the CLI's `from 'undici'` to the request() it uses, not undici's whole index (see
 * undici-request.cjs). Two more parts of undici never run here: its HTTP/2 client, which client.js
 * loads at once, and with it Node's http2 module, although only a server that negotiates HTTP/2 (the
 * CLI never offers it) needs it: it is loaded on demand. And the fetch implementation, a fifth of
 * what is left, which undici's HTTP clients load only to encode a FormData body: the CLI sends none.
 */
const undiciRequestOnly = {
  name: 'undici-request-only',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) => (args.importer === UNDICI_REQUEST ? undefined : { path: UNDICI_REQUEST }));
    b.onLoad({ filter: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/ }, (args) => ({
      contents: patched(
        args.path,
        readFileSync(args.path, 'utf8'),
        "const connectH2 = require('./client-h2.js')",
        "const connectH2 = (client, socket) => require('./client-h2.js')(client, socket)",
      ),
      loader: 'js',
    }));
    b.onResolve({ filter: /[\\/]web[\\/]fetch[\\/]body\.js$/ }, (args) =>
      /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h[12]\.js$/.test(args.importer) ? { path: 'formdata-body', namespace: 'undici-left-out' } : undefined,
    );
    b.onLoad({ filter: /^formdata-body$/, namespace: 'undici-left-out' }, () => ({
      contents: "module.exports.extractBody = () => { throw new Error('this build of undici sends no FormData bodies'); };",
      loader: 'js',
    }));
  },
};

/**
 * Keeps undici's HTTP parser on V8's baseline WebAssembly compiler. The optimizing tier compiles it in
 * the background after the first response, a ~30 MB spike in resident memory for code that parses a
 * few REST responses an hour. The flag is set as the parser is compiled, at the first connection, and
 * not at start: any V8 flag off its default makes V8 reject the code cache Node ships for its own
 * modules, and every built-in module loaded after that is compiled from source, a fifth more
 * instructions before the first request when the flag was set at start (docs/performance.md).
 */
const undiciParserOnBaseline = {
  name: 'undici-parser-on-baseline',
  setup(b) {
    b.onLoad({ filter: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h1\.js$/ }, (args) => ({
      contents: patched(
        args.path,
        readFileSync(args.path, 'utf8'),
        'function lazyllhttp () {',
        "function lazyllhttp () {\n  require('node:v8').setFlagsFromString('--liftoff-only')",
      ),
      loader: 'js',
    }));
  },
};

// Chunk names are content hashes: without emptying the folder, every build's chunks stay beside the
// new ones and ship in the package.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  // The bundle keeps the name main.js: bin/binance-orders.js imports it.
  entryPoints: [{ in: 'dist/cli/entry.js', out: 'main' }],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  logLevel: 'warning',
  plugins: [undiciRequestOnly, undiciParserOnBaseline, zodAsNamespace],
  // The bundled CommonJS dependencies (ws, undici, commander) call require() for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
