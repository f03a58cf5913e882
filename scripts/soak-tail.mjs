// The tail under soak, in a worker thread so that its heap and handles are measured apart from the
// simulator's. Printed lines and stderr lines go to the parent in batches.
import { Writable } from 'node:stream';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { resolveEndpoints } from '../dist/exchange/endpoints.js';
import { selectKinds } from '../dist/events/filter.js';
import { createLogger } from '../dist/log/log.js';
import { runTail } from '../dist/run/tail.js';

const { restUrl, wsUrl, apiKey, timers } = workerData;
const BATCH_MS = 100;
let lines = [];
let logs = [];
let partial = '';

const stdout = new Writable({
  write(chunk, _encoding, callback) {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    callback();
  },
});
const log = createLogger({ write: (text) => logs.push(...text.split('\n').filter(Boolean)), verbosity: 'verbose' });
const flusher = setInterval(flush, BATCH_MS);

function flush() {
  if (lines.length === 0 && logs.length === 0) return;
  parentPort.postMessage({ kind: 'output', lines, logs });
  lines = [];
  logs = [];
}

/** Heap after a full collection, and the handles keeping this thread's loop alive, by type. */
function measure() {
  globalThis.gc?.();
  const handles = {};
  for (const kind of process.getActiveResourcesInfo()) handles[kind] = (handles[kind] ?? 0) + 1;
  return { heapUsedBytes: getHeapStatistics().used_heap_size, handles };
}

const controller = new AbortController();
parentPort.on('message', (message) => {
  if (message === 'measure') parentPort.postMessage({ kind: 'measure', ...measure() });
  if (message === 'stop') controller.abort();
});

const config = {
  endpoints: resolveEndpoints('usdm', 'mainnet', { restUrl, wsUrl }),
  apiKey,
  timers,
  filter: { events: selectKinds(['order']) },
  output: 'json',
  colorLevel: 0,
  closeListenKey: false,
};
let error;
try {
  await runTail(config, { stdout, log, signal: controller.signal, now: Date.now, random: Math.random });
} catch (err) {
  error = err instanceof Error ? err.message : String(err);
}
clearInterval(flusher);
flush();
// What is left once the run is over: only this thread's message port should remain.
await new Promise((resolve) => setTimeout(resolve, 200));
parentPort.postMessage({ kind: 'ended', error, ...measure() });
parentPort.close();
