import type { OutputOptions, VerbosityOptions } from '../config/schema.js';
import { createLogger, type Logger } from '../log/log.js';
import { resolveColorLevel } from '../output/color.js';
import type { PrettyOptions } from '../output/pretty.js';
import type { OutputMode } from '../output/printer.js';
import { createStatusLine, type StatusLine } from '../output/status-line.js';
import type { CliContext } from './context.js';

/** The --status-line display, when asked for and stderr is a terminal; elsewhere it would only be noise. */
export function statusLineFor(opts: Pick<OutputOptions, 'statusLine'>, ctx: CliContext): StatusLine | undefined {
  if (!opts.statusLine || ctx.stderr.isTTY !== true) return undefined;
  return createStatusLine({ write: (text) => ctx.stderr.write(text), now: Date.now, columns: ctx.stderr.columns });
}

/** The stderr logger the flags ask for, scrubbing every secret the run knows; with a status line, every log line goes around it. */
export function loggerFor(opts: VerbosityOptions, ctx: CliContext, status?: StatusLine): Logger {
  return createLogger({
    write: status ? status.write : (text) => ctx.stderr.write(text),
    verbosity: opts.quiet ? 'quiet' : opts.verbose ? 'verbose' : 'normal',
    secrets: ctx.secrets,
  });
}

/** Output mode and colour from the flags and the terminal. */
export function outputOf(
  opts: Pick<OutputOptions, 'json' | 'output' | 'color'> & Partial<Pick<OutputOptions, 'utc'>>,
  ctx: CliContext,
): { output: OutputMode; colorLevel: 0 | 1 | 2 | 3; pretty: PrettyOptions } {
  const output: OutputMode = opts.json ? 'json' : (opts.output ?? (ctx.stdout.isTTY ? 'pretty' : 'json'));
  const colorLevel = resolveColorLevel({ isTTY: ctx.stdout.isTTY === true, env: ctx.env, noColorFlag: !opts.color });
  // On a terminal, lines fit its width as it is now (it changes when the window is resized).
  const columns = ctx.stdout.isTTY === true ? () => ctx.stdout.columns : undefined;
  return { output, colorLevel, pretty: { columns, utc: opts.utc ?? false } };
}
