import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { CliContext } from './context.js';
import { makeBoardCommand } from './commands/board.js';
import { makeCompletionCommand } from './commands/completion.js';
import { makeDemoCommand } from './commands/demo.js';
import { makeDoctorCommand } from './commands/doctor.js';
import { makeListenKeyCommand } from './commands/listen-key.js';
import { makeOrdersCommand } from './commands/orders.js';
import { makeReplayCommand } from './commands/replay.js';
import { makeSimCommand } from './commands/sim.js';
import { makeTailCommand } from './commands/tail.js';
import { makeVerifyCommand } from './commands/verify.js';
import { makeWaitCommand } from './commands/wait.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The whole command tree: flags, help and completion, light enough to load for --version. Each
 * command loads its action (zod, the network clients, the runtime) only when it runs. Commander
 * never exits the process: main.ts maps every outcome to a code.
 */
export function buildProgram(ctx: CliContext): Command {
  // Every command writes its help to ctx: a command added with addCommand() inherits nothing from the program.
  const output = {
    writeOut: (text: string) => ctx.stdout.write(text),
    writeErr: (text: string) => ctx.stderr.write(text),
    // Commander's own default, read from ctx: the terminal's width, else 80.
    getOutHelpWidth: () => (ctx.stdout.isTTY && ctx.stdout.columns ? ctx.stdout.columns : 80),
    getErrHelpWidth: () => (ctx.stderr.isTTY && ctx.stderr.columns ? ctx.stderr.columns : 80),
    outputError: () => {}, // main.ts prints the one-line error itself
  };
  const program = new Command('binance-orders')
    .description('Tail Binance Futures order updates: pretty in a terminal, JSON lines in a pipe.')
    .version(version, '-V, --version')
    .option('--config <path>', 'defaults for flags (market, output, filters…) from this JSON file; default: $XDG_CONFIG_HOME or ~/.config/binance-orders/config.json')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput(output);
  program.addHelpText(
    'after',
    `
Examples:
  binance-orders demo                      see it work with no keys and no network
  binance-orders doctor                    check keys, endpoints, network, clock and stream
  binance-orders tail --json | jq .status  follow order updates into a pipe
  binance-orders <command> --help          flags and examples of one command`,
  );
  program.hook('preAction', async (_program, actionCommand) => {
    // A completion script is sourced by every new shell: a broken config file must not break them all.
    if (actionCommand.name() === 'completion') return;
    const { applyConfigFile } = await import('./config-file.js');
    await applyConfigFile(program.opts<{ config?: string }>().config, actionCommand, ctx);
  });
  program.addCommand(makeTailCommand(ctx));
  program.addCommand(makeOrdersCommand(ctx));
  program.addCommand(makeBoardCommand(ctx));
  program.addCommand(makeWaitCommand(ctx));
  program.addCommand(makeVerifyCommand(ctx));
  program.addCommand(makeDemoCommand(ctx));
  program.addCommand(makeSimCommand(ctx));
  program.addCommand(makeDoctorCommand(ctx));
  program.addCommand(makeListenKeyCommand(ctx));
  program.addCommand(makeReplayCommand(ctx));
  program.addCommand(makeCompletionCommand(ctx));
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(output);
  return program;
}
