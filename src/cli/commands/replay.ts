import { Command } from 'commander';
import { z } from 'zod';
import { describeIssues, filterOf } from '../../config/schema.js';
import { UsageError } from '../../errors/errors.js';
import type { CliContext } from '../context.js';
import { addFilterOptions, addOutputOptions } from '../shared-options.js';
import { loggerFor, outputOf, parseStreamOptions } from '../tail-setup.js';

const ReplayOptions = z.object({
  speed: z.coerce.number().positive({ message: 'must be a number above 0 (2 plays twice as fast)' }).default(1),
  maxSpeed: z.boolean().default(false),
});

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
  cmd.action(async (path: string, raw: Record<string, unknown>) => {
    const parsed = ReplayOptions.safeParse(raw);
    if (!parsed.success) throw new UsageError(describeIssues(parsed.error));
    if (parsed.data.maxSpeed && cmd.getOptionValueSource('speed') === 'cli') throw new UsageError('--speed and --max-speed exclude each other');
    const opts = parseStreamOptions(raw);
    const [{ runReplay }, { openRecording }] = await Promise.all([import('../../run/replay.js'), import('../../record/recording-input.js')]);
    const recording = await openRecording(path, ctx.stdin);
    await runReplay(
      { input: recording.stream, name: recording.name, filter: filterOf(opts), ...outputOf(opts, ctx), speed: parsed.data.maxSpeed ? Number.POSITIVE_INFINITY : parsed.data.speed },
      { stdout: ctx.stdout, log: loggerFor(opts, ctx), signal: ctx.signal, now: Date.now },
    );
  });
  return cmd;
}
