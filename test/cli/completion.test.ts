import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';

/** Runs bash completion, from the script the CLI printed, for a command line (a trailing space completes a new word). */
function completeInBash(completionScript: string, line: string): Promise<string[]> {
  const script = `${completionScript}
COMP_WORDS=(${line}); [[ "${line}" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _binance_orders; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out.split('\n').filter((w) => w.length > 0));
      else reject(new Error(`bash exited ${code}`));
    });
  });
}

/** Prints the bash script once (through `run`: in this process or the spawned bundle), then completes lines with it. */
async function bashCompleter(run: typeof runMain = runMain): Promise<(line: string) => Promise<string[]>> {
  const { code, stdout: completionScript } = await run(['completion', 'bash']);
  expect(code).toBe(0);
  return (line) => completeInBash(completionScript, line);
}

describe('binance-orders completion', () => {
  it('completes commands, flags, flag values and action names in bash', async () => {
    // Spawned: the script a user sources comes from the bundle.
    const bashComplete = await bashCompleter(runCli);
    expect(await bashComplete('binance-orders ')).toEqual(expect.arrayContaining(['tail', 'demo', 'doctor', 'listen-key', 'replay', 'completion', '--config']));
    expect(await bashComplete('binance-orders ta')).toEqual(['tail']);
    expect(await bashComplete('binance-orders tail --max-')).toEqual(['--max-connection-age']);
    expect(await bashComplete('binance-orders tail -o ')).toEqual(['pretty', 'json', 'raw']);
    expect(await bashComplete('binance-orders listen-key cl')).toEqual(['close']);
    expect(await bashComplete('binance-orders doctor --js')).toEqual(['--json']);
  });

  it('completes --status values, and each item of a list after a comma', async () => {
    const bashComplete = await bashCompleter();
    expect(await bashComplete('binance-orders tail --status PART')).toEqual(['PARTIALLY_FILLED']);
    expect(await bashComplete('binance-orders tail --events order,acc')).toEqual(['order,account', 'order,account-config']);
    expect(await bashComplete('binance-orders demo --status FILLED,CANCE')).toEqual(['FILLED,CANCELED', 'FILLED,CANCELLED']);
    expect(await bashComplete('binance-orders wait 1 --until term')).toEqual(['terminal']);
  });

  it('writes zsh and fish scripts that name every command and flag', async () => {
    const zsh = await runMain(['completion', 'zsh']);
    expect(zsh.code).toBe(0);
    expect(zsh.stdout).toMatch(/^#compdef binance-orders\n/);
    expect(zsh.stdout).toContain("'replay:print the frames of a tail --record file");
    expect(zsh.stdout).toMatch(/'--market\[usdm \(also usdt-m, um\).*tail and orders take several\\: usdm,coinm\]:value:\(usdm coinm pm usdm,coinm\)'/);
    expect(zsh.stdout).toContain("'1:listen-key:(create keepalive close)'");
    const fish = await runMain(['completion', 'fish']);
    expect(fish.code).toBe(0);
    expect(fish.stdout).toContain("complete -c binance-orders -n '__fish_use_subcommand' -a doctor");
    expect(fish.stdout).toContain("complete -c binance-orders -n '__fish_seen_subcommand_from tail' -s o -l output -x -a 'pretty json raw'");
    expect(fish.stdout).toContain("complete -c binance-orders -n '__fish_seen_subcommand_from tail' -l record -r -F");
  });

  it('exits 2 for an unknown shell', async () => {
    const { code, stderr } = await runMain(['completion', 'powershell']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Allowed choices are bash, zsh, fish/);
  });
});
