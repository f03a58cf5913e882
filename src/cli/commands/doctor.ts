import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { addEndpointOptions } from '../shared-options.js';

/** `binance-orders doctor`: the checks that find configuration mistakes in seconds. */
export function makeDoctorCommand(ctx: CliContext): Command {
  const cmd = new Command('doctor').description('check credentials, endpoints, network, clock, key permissions and the stream; exit 0 good, 1 warnings, 2 failures');
  addEndpointOptions(cmd);
  cmd
    .option('--json', 'one JSON object per check instead of the table')
    .option('--no-color', 'no colours in the table')
    .addOption(new Option('--timeout <duration>', 'deadline of each network step').default('5s'))
    .addOption(new Option('--hold <duration>', 'how long the stream must stay open').default('3s'));
  cmd.addHelpText(
    'after',
    `
Nothing secret is printed. The listenKey created for the checks is not deleted (other clients may share it).

Examples:
  binance-orders doctor
  binance-orders doctor -m coinm --testnet
  binance-orders doctor --json | jq -c 'select(.result != "ok")'`,
  );
  cmd.action(async (raw: Record<string, unknown>) => (await import('../actions/doctor.js')).doctor(raw, ctx));
  return cmd;
}
