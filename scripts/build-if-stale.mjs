// Builds before the tests only when the build is older than its sources: `npm ci` has just built
// through `prepare`, and a second full build would add its time to every CI run for nothing.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUT = 'dist/bundle/main.js';
const INPUTS = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle.mjs'];

function newestMs(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMs(join(path, name))));
}

const builtMs = statSync(OUTPUT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (builtMs < Math.max(...INPUTS.map(newestMs))) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
else console.error(`build: ${OUTPUT} is newer than its sources; not rebuilding`);
