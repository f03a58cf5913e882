/**
 * Shell completion scripts generated from the commander tree, so a new command or flag completes
 * without anyone editing a script.
 */
import type { Command, Option } from 'commander';
import { EVENT_SELECTORS } from '../events/filter.js';
import { ALL_STATUSES, ORDER_STATUSES } from '../events/statuses.js';

/** Shells `completion` can write a script for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Values offered after flags whose argument is a closed (or mostly closed) set. */
const VALUES: Readonly<Record<string, readonly string[]>> = {
  market: ['usdm', 'coinm', 'pm', 'usdm,coinm'],
  output: ['pretty', 'json', 'raw'],
  side: ['BUY', 'SELL'],
  events: [...EVENT_SELECTORS, 'all'],
  status: ALL_STATUSES,
  until: [...ORDER_STATUSES, 'terminal'],
};

interface FlagSpec {
  long: string;
  short: string | undefined;
  description: string;
  takesValue: boolean;
  values: readonly string[] | undefined;
  /** Takes several values separated by commas: each one after a comma completes too. */
  isList: boolean;
  isFile: boolean;
}

interface CommandSpec {
  name: string;
  description: string;
  flags: FlagSpec[];
  /** Choices of the first positional argument, if closed. */
  argValues: readonly string[] | undefined;
  argIsFile: boolean;
}

function flagOf(option: Option): FlagSpec | undefined {
  if (option.long === undefined || option.hidden) return undefined;
  const name = option.attributeName();
  return {
    long: option.long,
    short: option.short,
    description: option.description,
    takesValue: option.required || option.optional,
    values: option.argChoices ?? VALUES[name],
    isList: /<(list|statuses)>/.test(option.flags),
    isFile: /<(file|path)>/.test(option.flags),
  };
}

const HELP: FlagSpec = { long: '--help', short: '-h', description: 'show help', takesValue: false, values: undefined, isList: false, isFile: false };

function specOf(cmd: Command): CommandSpec {
  const arg = cmd.registeredArguments[0];
  return {
    name: cmd.name(),
    description: cmd.description(),
    flags: [...cmd.options.map(flagOf).filter((f): f is FlagSpec => f !== undefined), HELP],
    argValues: arg?.argChoices,
    argIsFile: arg !== undefined && /file|path/.test(arg.name()),
  };
}

/** The completion script for one shell. */
export function completionScript(program: Command, shell: Shell): string {
  const root = specOf(program);
  const commands = program.commands.map(specOf);
  const bin = program.name();
  if (shell === 'bash') return bashScript(bin, root, commands);
  if (shell === 'zsh') return zshScript(bin, root, commands);
  return fishScript(bin, root, commands);
}

const fnName = (bin: string) => `_${bin.replace(/[^A-Za-z0-9]/g, '_')}`;
const words = (flags: FlagSpec[]) => flags.flatMap((f) => (f.short ? [f.long, f.short] : [f.long])).join(' ');

function bashScript(bin: string, root: CommandSpec, commands: CommandSpec[]): string {
  const valueCases = new Map<string, string>();
  for (const flag of [...root.flags, ...commands.flatMap((c) => c.flags)]) {
    if (!flag.takesValue) continue;
    const pattern = flag.short ? `${flag.long}|${flag.short}` : flag.long;
    // A list completes its last item, keeping what is before the last comma: order,acc → order,account.
    const reply = flag.values
      ? flag.isList
        ? `COMPREPLY=($(compgen -P "\${cur%"\${cur##*,}"}" -W "${flag.values.join(' ')}" -- "\${cur##*,}")); compopt -o nospace 2>/dev/null`
        : `COMPREPLY=($(compgen -W "${flag.values.join(' ')}" -- "$cur"))`
      : flag.isFile
        ? 'COMPREPLY=($(compgen -f -- "$cur"))'
        : 'COMPREPLY=()';
    valueCases.set(pattern, `    ${pattern}) ${reply}; return ;;`);
  }
  const commandCases = commands.map((c) => {
    const arg = c.argValues ? ` ${c.argValues.join(' ')}` : '';
    const files = c.argIsFile ? ' COMPREPLY+=($(compgen -f -- "$cur"));' : '';
    return `    ${c.name}) COMPREPLY=($(compgen -W "${words(c.flags)}${arg}" -- "$cur"));${files} ;;`;
  });
  return `# ${bin} completion for bash. Load it with:  source <(${bin} completion bash)
${fnName(bin)}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" word
  for word in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$word" in
      ${commands.map((c) => c.name).join('|')}) cmd="$word"; break ;;
    esac
  done
  case "$prev" in
${[...valueCases.values()].join('\n')}
  esac
  case "$cmd" in
    "") COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} ${words(root.flags)}" -- "$cur")) ;;
${commandCases.join('\n')}
  esac
}
complete -F ${fnName(bin)} ${bin}
`;
}

const zshQuote = (text: string) => text.replace(/'/g, "'\\''").replace(/[[\]:]/g, (c) => `\\${c}`);

function zshFlag(flag: FlagSpec): string[] {
  const description = zshQuote(flag.description);
  const values = flag.values?.join(' ');
  const listed = flag.isList ? `:value:_values -s , value ${values}` : `:value:(${values})`;
  const value = !flag.takesValue ? '' : flag.values ? listed : flag.isFile ? ':file:_files' : ':value:';
  const names = flag.short ? [flag.long, flag.short] : [flag.long];
  return names.map((name) => `'${name}[${description}]${value}'`);
}

function zshScript(bin: string, root: CommandSpec, commands: CommandSpec[]): string {
  const fn = fnName(bin);
  const cases = commands.map((c) => {
    const args = [...c.flags.flatMap(zshFlag)];
    if (c.argValues) args.push(`'1:${c.name}:(${c.argValues.join(' ')})'`);
    else if (c.argIsFile) args.push("'1:file:_files'");
    return `    ${c.name}) _arguments -s ${args.join(' \\\n        ')} ;;`;
  });
  return `#compdef ${bin}
# ${bin} completion for zsh. Load it with:  source <(${bin} completion zsh)
${fn}() {
  local -a commands
  commands=(
${commands.map((c) => `    '${c.name}:${zshQuote(c.description)}'`).join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    _arguments ${root.flags.flatMap(zshFlag).join(' ')}
    return
  fi
  local cmd=$words[2]
  shift words
  (( CURRENT-- ))
  case $cmd in
${cases.join('\n')}
  esac
}
compdef ${fn} ${bin}
`;
}

const fishQuote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishFlag(bin: string, condition: string, flag: FlagSpec): string {
  const parts = [`complete -c ${bin} -n ${fishQuote(condition)}`];
  if (flag.short) parts.push(`-s ${flag.short.slice(1)}`);
  parts.push(`-l ${flag.long.slice(2)}`);
  const values = flag.values?.join(' ') ?? '';
  const listed = flag.isList ? `(__fish_complete_list , "string split ' ' '${values}'")` : values;
  if (flag.takesValue) parts.push(flag.values ? `-x -a ${fishQuote(listed)}` : flag.isFile ? '-r -F' : '-x');
  parts.push(`-d ${fishQuote(flag.description)}`);
  return parts.join(' ');
}

function fishScript(bin: string, root: CommandSpec, commands: CommandSpec[]): string {
  const lines = [`# ${bin} completion for fish. Load it with:  ${bin} completion fish | source`, `complete -c ${bin} -f`];
  for (const flag of root.flags) lines.push(fishFlag(bin, '__fish_use_subcommand', flag));
  for (const c of commands) {
    lines.push(`complete -c ${bin} -n '__fish_use_subcommand' -a ${c.name} -d ${fishQuote(c.description)}`);
    const seen = `__fish_seen_subcommand_from ${c.name}`;
    for (const flag of c.flags) lines.push(fishFlag(bin, seen, flag));
    if (c.argValues) lines.push(`complete -c ${bin} -n ${fishQuote(seen)} -x -a ${fishQuote(c.argValues.join(' '))}`);
    if (c.argIsFile) lines.push(`complete -c ${bin} -n ${fishQuote(seen)} -F`);
  }
  return `${lines.join('\n')}\n`;
}
