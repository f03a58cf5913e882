import type { ChalkInstance } from 'chalk';
import type { StreamEvent } from '../events/types.js';
import type { Market } from '../exchange/endpoints.js';
import { escapeControlsDeep } from '../log/control-chars.js';
import { redactKey } from '../log/redact.js';
import { formatJson } from './json.js';
import { createPrettyPrinter, type PrettyOptions } from './pretty.js';
import { formatRaw } from './raw.js';

const MARKET_TAG_WIDTH = 5;

/** How events are printed on stdout. */
export type OutputMode = 'pretty' | 'json' | 'raw';

/** Turns an event, and the frame it came from (undefined when built elsewhere), into one line. */
export type Printer = (e: StreamEvent, text: string | undefined) => string;

/** An account's name and the width pretty lines pad it to, so that the columns after it line up. */
export interface AccountTag {
  name: string;
  width: number;
}

export interface PrinterOptions {
  output: OutputMode;
  market: Market;
  /** Colours for pretty output; the other outputs need none (see loadChalk). */
  chalk: ChalkInstance | undefined;
  /** Start each pretty line with the market, for output that merges several markets. @default false */
  tagMarket?: boolean;
  /** Start each pretty line with the account (--accounts), before the market. */
  account?: AccountTag | undefined;
  /** Terminal width and time zone of pretty lines. @default full lines, local time */
  pretty?: Omit<PrettyOptions, 'prefix'> | undefined;
}

/** The line writer of one market's output, chosen once. */
export function createPrinter({ output, market, chalk, tagMarket = false, account, pretty }: PrinterOptions): Printer {
  switch (output) {
    case 'json':
      return (e) => formatJson(e);
    case 'pretty': {
      if (chalk === undefined) throw new Error('pretty output needs a chalk instance');
      const accountTag = account ? `${chalk.bold(account.name.padEnd(account.width))} ` : '';
      const tag = `${accountTag}${tagMarket ? `${chalk.dim(market.padEnd(MARKET_TAG_WIDTH))} ` : ''}`;
      // Pretty lines are for a terminal: wire strings lose their control characters first.
      const print = createPrettyPrinter(chalk, { ...pretty, prefix: tag });
      return (e, text) => print(mayHoldControls(text) ? escapeControlsDeep(e) : e);
    }
    case 'raw':
      return (e, text) => formatRaw(text ?? formatJson(e), e, redactKey);
  }
}

// A control character reaches a parsed string only through a JSON escape (\n, \u001b, …) or as a raw
// DEL/C1 character: a frame with neither holds none, and the hot path skips the copy.
const CONTROL_IN_JSON = /\\[bfnrt]|\\u00[0189][0-9a-f]|\\u007f|[\u007f-\u009f]/i;

/** False only when the frame text proves that no string parsed from it holds a control character. */
function mayHoldControls(text: string | undefined): boolean {
  return text === undefined || CONTROL_IN_JSON.test(text);
}
