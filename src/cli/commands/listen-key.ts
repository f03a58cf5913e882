import { Argument, Command } from 'commander';
import type { ListenKeyAction } from '../actions/listen-key.js';
import type { CliContext } from '../context.js';
import { addEndpointOptions } from '../shared-options.js';

const ACTIONS = ['create', 'keepalive', 'close'] as const satisfies readonly ListenKeyAction[];

/** `binance-orders listen-key <create|keepalive|close>`: one listenKey REST call, for scripts and debugging. */
export function makeListenKeyCommand(ctx: CliContext): Command {
  const cmd = new Command('listen-key')
    .description('create, extend or close the account\'s listenKey with one REST call')
    .addArgument(new Argument('<action>', 'create: POST (returns the active key, extended 60m); keepalive: PUT; close: DELETE').choices(ACTIONS))
    .option('--show-key', 'print the full key instead of its redacted form (it grants read access to the account\'s stream)');
  addEndpointOptions(cmd);
  cmd.option('-q, --quiet', 'print only errors on stderr').option('-v, --verbose', 'log details on stderr');
  cmd.addHelpText(
    'after',
    `
Prints one JSON line on stdout. The key is redacted unless --show-key.
There is one listenKey per account and market, shared by every client: close ends the stream
for all of them, including the web UI and other bots.

Examples:
  binance-orders listen-key create
  binance-orders listen-key keepalive -m coinm
  binance-orders listen-key create --testnet --show-key | jq -r .listenKey`,
  );
  cmd.action(async (action: ListenKeyAction, raw: Record<string, unknown>) => (await import('../actions/listen-key.js')).listenKey(action, raw, ctx));
  return cmd;
}
