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

/** Every command by the name it is run by, in the order help lists them. */
const COMMANDS: ReadonlyMap<string, (ctx: CliContext) => Command> = new Map([
  ['tail', makeTailCommand],
  ['orders', makeOrdersCommand],
  ['board', makeBoardCommand],
  ['wait', makeWaitCommand],
  ['verify', makeVerifyCommand],
  ['demo', makeDemoCommand],
  ['sim', makeSimCommand],
  ['doctor', makeDoctorCommand],
  ['listen-key', makeListenKeyCommand],
  ['replay', makeReplayCommand],
  ['completion', makeCompletionCommand],
]);

/**
 * The one command a command line runs, when it starts with one: commander parses nothing else, so
 * the other commands' flags and help are not built (about 1% of tail's start-up). Undefined for
 * everything that needs the whole tree: the program's help, `help <command>`, the suggestion after an
 * unknown command, and completion, which describes every command.
 */
function onlyCommand(argv: readonly string[]): string | undefined {
  const first = argv[0];
  return first !== undefined && first !== 'completion' && COMMANDS.has(first) ? first : undefined;
}

/**
 * The command tree, or the part of it that `argv` runs: flags, help and completion, light enough to
 * load for --version. Each command loads its action (zod, the network clients, the runtime) only
 * when it runs. Commander never exits the process: main.ts maps every outcome to a code.
 */
export function buildProgram(ctx: CliContext, argv: readonly string[]): Command {
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
  const only = onlyCommand(argv);
  for (const [name, make] of COMMANDS) if (only === undefined || name === only) program.addCommand(make(ctx));
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(output);
  return program;
}
