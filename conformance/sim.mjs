// Starts `binance-orders sim --rate 0` as a child process, exactly as a user would, and reads the
// one JSON line it prints on stdout.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/binance-orders.js', import.meta.url));

/** A running simulator: its URLs and keys, its control API, and stop(). */
export async function startSim() {
  const child = spawn(process.execPath, [BIN, 'sim', '--rate', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const [first] = await Promise.race([once(lines, 'line'), once(child, 'exit').then(([code]) => Promise.reject(new Error(`sim exited with ${code}`)))]);
  clearTimeout(timer);
  const info = JSON.parse(first);
  return {
    ...info,
    /** POSTs (or GETs, without a body) a control route and returns its JSON, failing on a non-200. */
    async control(path, body) {
      const response = await fetch(`${info.restUrl}/_sim/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
      const json = await response.json();
      if (response.status !== 200) throw new Error(`/_sim/${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    },
    async stop() {
      child.kill('SIGTERM');
      const [code] = child.exitCode === null ? await once(child, 'exit') : [child.exitCode];
      if (code !== 0) throw new Error(`sim exited with ${code} on SIGTERM`);
    },
  };
}

/** Resolves with the first value `take` returns for a pushed item, or rejects after `timeoutMs`. */
export function waitFor(what, timeoutMs, subscribe) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    subscribe((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
