import { afterAll, expect, vi } from 'vitest';
import { waitFor } from '../helpers/wait.js';

// Test files share their worker process (isolate: false), so whatever one file leaves behind runs on
// in the next: a socket or server still open, a child still running, fake timers, a process listener
// or an environment variable. Each file must hand the process back as it found it; this checks that
// after the file's own cleanup, and fails the file that leaked.

/** Handle kinds a test can leak, counted from the process's active resources. */
const LEAKABLE = new Set(['TCPSocketWrap', 'TCPServerWrap', 'ProcessWrap', 'PipeWrap', 'UDPWrap', 'FSEventWrap']);
/** How long closing sockets and exiting children may take after the file's cleanup. */
const SETTLE_MS = 5_000;

function handles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) if (LEAKABLE.has(kind)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

function processListeners(): Map<string | symbol, number> {
  return new Map(process.eventNames().map((name) => [name, process.listenerCount(name)]));
}

/** What grew since `before`, as "kind +n" entries; shrinking is some earlier close finishing, not a leak. */
function growth<K>(before: Map<K, number>, after: Map<K, number>): string[] {
  return [...after].filter(([key, n]) => n > (before.get(key) ?? 0)).map(([key, n]) => `${String(key)} +${n - (before.get(key) ?? 0)}`);
}

const handlesBefore = handles();
const listenersBefore = processListeners();
const envBefore = { ...process.env };

afterAll(async () => {
  const file = expect.getState().testPath ?? 'this file';
  const leftOpen = await waitFor('handles to close', () => (growth(handlesBefore, handles()).length === 0 ? [] : undefined), SETTLE_MS).catch(
    () => growth(handlesBefore, handles()),
  );
  const problems = [
    ...leftOpen.map((entry) => `still open: ${entry}`),
    ...growth(listenersBefore, processListeners()).map((entry) => `process listener added: ${entry}`),
    ...(vi.isFakeTimers() ? ['fake timers left on'] : []),
    ...Object.keys({ ...envBefore, ...process.env })
      .filter((name) => process.env[name] !== envBefore[name])
      .map((name) => `process.env.${name} changed`),
  ];
  if (vi.isFakeTimers()) vi.useRealTimers();
  for (const name of Object.keys(process.env)) if (!(name in envBefore)) delete process.env[name];
  Object.assign(process.env, envBefore);
  if (problems.length > 0) throw new Error(`${file} left the worker process changed: ${problems.join('; ')}`);
});
