import type { Command } from 'commander';
import { z } from 'zod';
import { commandOptions, FilterOptions, filterOf, OutputOptions, parseOptions } from '../../config/schema.js';
import { UsageError } from '../../errors/errors.js';
import type { CliContext } from '../context.js';
import { loggerFor, outputOf } from '../output-setup.js';

const ReplayOptions = commandOptions({
  speed: z.coerce.number().positive({ message: 'must be a number above 0 (2 plays twice as fast)' }).default(1),
  maxSpeed: z.boolean().default(false),
  ...FilterOptions.shape,
  ...OutputOptions.shape,
});

/** `replay`: a recording's frames through the same filters and output as tail. */
export async function replay(path: string, raw: unknown, cmd: Command, ctx: CliContext): Promise<void> {
  const opts = parseOptions(ReplayOptions, raw);
  // --speed has a default, so only its source tells whether it was given.
  if (opts.maxSpeed && cmd.getOptionValueSource('speed') === 'cli') throw new UsageError('--speed and --max-speed exclude each other');
  const [{ runReplay }, { openRecording }] = await Promise.all([import('../../run/replay.js'), import('../../record/recording-input.js')]);
  const recording = await openRecording(path, ctx.stdin, ctx.cwd);
  await runReplay(
    { input: recording.stream, name: recording.name, filter: filterOf(opts), ...outputOf(opts, ctx), speed: opts.maxSpeed ? Number.POSITIVE_INFINITY : opts.speed },
    { stdout: ctx.stdout, log: loggerFor(opts, ctx), signal: ctx.signal, now: Date.now },
  );
}
