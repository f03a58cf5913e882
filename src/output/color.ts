/**
 * Colour decisions. chalk's default instance ignores NO_COLOR, so the program never uses it: the
 * level is resolved here from flags, environment and the stream, and a Chalk is built with it.
 */
import type { ChalkInstance } from 'chalk';

/** chalk's levels: 0 none, 1 basic 16 colours, 2 256 colours, 3 truecolor. */
export type ColorLevel = 0 | 1 | 2 | 3;

/** What the colour decision depends on; the CLI reads these from flags, env and stdout. */
export interface ColorInputs {
  /** Whether stdout is a terminal. */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** --no-color: wins over everything. */
  noColorFlag: boolean;
  /** --color: colour even when stdout is not a terminal. */
  forceColor?: boolean;
}

/**
 * Precedence, highest first: --no-color, --color, FORCE_COLOR, a non-empty NO_COLOR, then
 * whether stdout is a terminal (and TERM=dumb). FORCE_COLOR wins over NO_COLOR as it does in Node
 * itself. FORCE_COLOR=0 or false disables colour; 1..3 pick that level; any other value forces
 * colour at the depth the terminal variables suggest.
 */
export function resolveColorLevel(opts: ColorInputs): ColorLevel {
  const { env } = opts;
  if (opts.noColorFlag) return 0;
  if (opts.forceColor === true) return Math.max(1, depthFromEnv(env)) as ColorLevel;
  const forced = env.FORCE_COLOR;
  if (forced !== undefined) {
    if (forced === '0' || forced === 'false') return 0;
    if (forced === '1' || forced === '2' || forced === '3') return Number(forced) as ColorLevel;
    return Math.max(1, depthFromEnv(env)) as ColorLevel;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!opts.isTTY || env.TERM === 'dumb') return 0;
  return Math.max(1, depthFromEnv(env)) as ColorLevel;
}

/** Colour depth the terminal variables advertise; 0 when they say nothing. */
function depthFromEnv(env: Record<string, string | undefined>): ColorLevel {
  const colorTerm = env.COLORTERM;
  if (colorTerm === 'truecolor' || colorTerm === '24bit') return 3;
  if (env.TERM?.includes('256') === true) return 2;
  return 0;
}

/**
 * A Chalk that colours at exactly the given level, whatever the environment. Loaded on demand:
 * only pretty output needs chalk, and `tail --json` should not pay for it at start-up.
 */
export async function loadChalk(level: ColorLevel): Promise<ChalkInstance> {
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}
