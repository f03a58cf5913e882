import { CommanderError } from 'commander';
import { BinanceOrdersError, EXIT } from '../errors/errors.js';
import { isNetworkError } from '../errors/network.js';
import { escapeControls } from '../log/control-chars.js';
import { scrub } from '../log/redact.js';
import type { CliContext } from './context.js';
import { buildProgram } from './program.js';

/** Runs one command line and returns the exit code; the only place an error becomes an exit code. */
export async function main(argv: readonly string[], ctx: CliContext): Promise<number> {
  const verbose = argv.includes('-v') || argv.includes('--verbose');
  // The fatal line goes through the same scrubber as every other line: an exchange's error message
  // may repeat the API key, and a socket error may quote a URL.
  const say = (text: string) => ctx.stderr.write(`${escapeControls(scrub(text, ctx.secrets))}\n`);
  const trace = (err: unknown) => {
    if (verbose && err instanceof Error && err.stack) ctx.stderr.write(`${scrub(err.stack, ctx.secrets)}\n`);
  };
  try {
    await buildProgram(ctx, argv).parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        return EXIT.ok;
      }
      say(`binance-orders: ${err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} (see --help)`);
      return EXIT.usage;
    }
    if (err instanceof BinanceOrdersError) {
      say(`binance-orders: ${err.message}`);
      trace(err.cause);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (isNetworkError(err)) {
      say(`binance-orders: cannot reach the exchange: ${message}; check the network and any --rest-url/--ws-url`);
      trace(err);
      return EXIT.unexpected;
    }
    say(`binance-orders: unexpected error: ${message}${verbose ? '' : ' (run with -v for details)'}`);
    trace(err);
    return EXIT.unexpected;
  }
}
