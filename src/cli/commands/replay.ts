import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addFilterOptions, addOutputOptions } from '../shared-options.js';

/** `binance-orders replay <file>`: recorded frames through tail's pipeline. */
export function makeReplayCommand(ctx: CliContext): Command {
  const cmd = new Command('replay')
    .description('print the frames of a tail --record file through the same filters and output as tail')
    .argument('<file>', 'a file written by tail --record; - reads stdin')
    .option('--speed <x>', 'playback speed: 1 keeps the recorded pace, 10 is ten times faster', '1')
    .option('--max-speed', 'do not wait between frames');
  addFilterOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
With the same --events, filters and -o as the recorded run, replay prints the same lines.

Examples:
  binance-orders tail --record incident.ndjson
  binance-orders replay incident.ndjson --max-speed --json | jq 'select(.status=="FILLED")'
  binance-orders replay incident.ndjson --speed 10 -o pretty
  zcat incident.ndjson.gz | binance-orders replay - --max-speed --json`,
  );
  cmd.action(async (path: string, raw: Record<string, unknown>) => (await import('../actions/replay.js')).replay(path, raw, cmd, ctx));
  return cmd;
}
