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
  const program = new Command('binance-orders')
    .description('Tail Binance Futures order updates: pretty in a terminal, JSON lines in a pipe.')
    .version(version, '-V, --version')
    .option('--config <path>', 'defaults for flags (market, output, filters…) from this JSON file; default: $XDG_CONFIG_HOME or ~/.config/binance-orders/config.json')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      outputError: () => {}, // main.ts prints the one-line error itself
    });
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
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ outputError: () => {} });
  return program;
}
