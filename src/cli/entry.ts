import type { CliContext } from './context.js';
import { main } from './main.js';

/** The process as a CliContext: signals become the abort signal, and a reader that left ends stdout quietly. */
function processContext(): CliContext {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    // First signal: stop, flush what was received, exit 0. A second one means "now".
    if (signals > 1) process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
    controller.abort();
  };
  // SIGHUP: the terminal closed. Stop as for SIGTERM: close frame, --close-listen-key, flush.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  let readerLeft = false;
  process.stdout.on('error', function handleStdoutError(err: NodeJS.ErrnoException) {
    // A reader that left (`| head`, `| true`) ends the output normally, whichever command was writing:
    // help, a doctor table, or events (tail's sink also stops the stream on its own listener).
    // Writes after that fail the same way and mean nothing more.
    if (err.code === 'EPIPE' || readerLeft) {
      readerLeft = true;
      return;
    }
    process.stderr.write(`binance-orders: cannot write to stdout: ${err.message}\n`);
    process.exit(1);
  });
  return {
    // Read on use: Node builds process.stdin (a TTY, pipe or file stream) the first time it is read,
    // and only board and replay read it.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
    secrets: new Set(),
  };
}

process.exitCode = await main(process.argv.slice(2), processContext());
