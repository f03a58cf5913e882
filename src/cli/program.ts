import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { CliContext } from './context.js';
import { makeDemoCommand } from './commands/demo.js';
import { makeDoctorCommand } from './commands/doctor.js';
import { makeListenKeyCommand } from './commands/listen-key.js';
import { makeReplayCommand } from './commands/replay.js';
import { makeTailCommand } from './commands/tail.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The whole command tree. Commander never exits the process: main.ts maps every outcome to a code. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('binance-orders')
    .description('Tail Binance Futures order updates: pretty in a terminal, JSON lines in a pipe.')
    .version(version, '-V, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      outputError: () => {}, // main.ts prints the one-line error itself
    });
  program.addCommand(makeTailCommand(ctx));
  program.addCommand(makeDemoCommand(ctx));
  program.addCommand(makeDoctorCommand(ctx));
  program.addCommand(makeListenKeyCommand(ctx));
  program.addCommand(makeReplayCommand(ctx));
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ outputError: () => {} });
  return program;
}
