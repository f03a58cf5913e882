import { Argument, Command } from 'commander';
import type { CliContext } from '../context.js';
import { completionScript, SHELLS, type Shell } from '../completion.js';

/** `binance-orders completion <shell>`: prints a completion script generated from the command tree. */
export function makeCompletionCommand(ctx: CliContext): Command {
  const cmd = new Command('completion')
    .description('print a shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(SHELLS));
  cmd.addHelpText(
    'after',
    `
Examples:
  source <(binance-orders completion bash)                          in ~/.bashrc
  source <(binance-orders completion zsh)                           in ~/.zshrc (after compinit)
  binance-orders completion fish > ~/.config/fish/completions/binance-orders.fish`,
  );
  cmd.action((shell: Shell) => {
    const program = cmd.parent;
    if (program) ctx.stdout.write(completionScript(program, shell));
  });
  return cmd;
}
