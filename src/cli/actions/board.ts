import { z } from 'zod';
import { commandOptions, OutputOptions, parseOptions, StreamOptions } from '../../config/schema.js';
import type { CliContext } from '../context.js';
import { loadCredentials } from '../credentials.js';
import { endpointsOf, timersOf } from '../stream-setup.js';
import { requireTerminal, showBoard } from '../terminal-board.js';

const BoardOptions = commandOptions({
  ...StreamOptions.shape,
  reconcile: z.boolean().default(true),
  color: OutputOptions.shape.color,
});

/** `board`: the full-screen view of one account on this terminal. */
export async function board(raw: unknown, ctx: CliContext): Promise<void> {
  const opts = parseOptions(BoardOptions, raw);
  requireTerminal(ctx);
  const { env, credentials } = await loadCredentials(opts.envFile, ctx);
  const endpoints = endpointsOf(opts, env, opts.market);
  const apiKey = credentials.requireApiKey();
  await showBoard(ctx, { endpoints, apiKey, timers: timersOf(opts), signer: credentials.signer, reconcile: opts.reconcile, noColorFlag: !opts.color });
}
