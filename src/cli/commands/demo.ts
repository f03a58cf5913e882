import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addFilterOptions, addOutputOptions, addSinkOptions } from '../shared-options.js';

/** `binance-orders demo`: the real tail pipeline against the built-in simulated exchange. */
export function makeDemoCommand(ctx: CliContext): Command {
  const cmd = new Command('demo').description('run tail against a simulated exchange on 127.0.0.1: no keys, no network');
  cmd.option('--board', 'show the live full-screen board instead of printing lines (needs a terminal)');
  cmd.option('--count <n>', 'stop after this many printed events').option('--rate <events/s>', 'simulated order lifecycle steps per second', '4');
  addFilterOptions(cmd);
  addOutputOptions(cmd);
  addSinkOptions(cmd);
  cmd.addHelpText('after', '\nExamples:\n  binance-orders demo\n  binance-orders demo --board\n  binance-orders demo --count 20 --json | jq -c \'{symbol, status, filledQty}\'');
  cmd.action(async (raw: Record<string, unknown>) => (await import('../actions/demo.js')).demo(raw, ctx));
  return cmd;
}
