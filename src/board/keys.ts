/** A key press, decoded from the bytes a terminal in raw mode sends. */
export type Key = { name: 'char'; char: string } | { name: 'ctrl-c' | 'enter' | 'escape' | 'backspace' };

/** What the keys control: the symbol filter (and its input line while typed), pause, help. */
export interface BoardUi {
  /** Upper-case part of a symbol; '' shows everything. */
  filter: string;
  /** The filter being typed after `/`; undefined when not typing. */
  editing: string | undefined;
  paused: boolean;
  help: boolean;
}

export const INITIAL_UI: BoardUi = { filter: '', editing: undefined, paused: false, help: false };

/** The keys, as the help screen lists them. */
export const KEY_HELP: readonly (readonly [string, string])[] = [
  ['q, Ctrl-C', 'quit'],
  ['/', 'filter by symbol (Enter applies, Esc cancels, empty shows all)'],
  ['p', 'pause or resume redraws (the data keeps updating)'],
  ['Esc', 'clear the filter'],
  ['?', 'show or hide this list of keys'],
];

const SYMBOL_CHAR = /^[A-Za-z0-9_-]$/;

/**
 * Splits raw terminal input into keys. Escape sequences (arrows, function keys, mouse) are skipped
 * whole, so their bytes never count as typed letters; a lone ESC is the Escape key.
 */
export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  for (let i = 0; i < data.length; i++) {
    const ch = data[i] ?? '';
    if (ch === '\u001b') {
      const next = data[i + 1];
      if (next === '[' || next === 'O') {
        // CSI / SS3: parameters, then one final byte in 0x40..0x7E.
        let j = i + 2;
        while (j < data.length && !/[\u0040-\u007e]/.test(data[j] ?? '')) j++;
        i = j;
        continue;
      }
      keys.push({ name: 'escape' });
    } else if (ch === '\u0003') keys.push({ name: 'ctrl-c' });
    else if (ch === '\r' || ch === '\n') keys.push({ name: 'enter' });
    else if (ch === '\u007f' || ch === '\b') keys.push({ name: 'backspace' });
    else if (ch >= ' ') keys.push({ name: 'char', char: ch });
  }
  return keys;
}

/** The next UI state after a key, and whether the key quits. */
export function onKey(ui: BoardUi, key: Key): { ui: BoardUi; quit: boolean } {
  if (key.name === 'ctrl-c') return { ui, quit: true };
  if (ui.editing !== undefined) return { ui: editFilter(ui, ui.editing, key), quit: false };
  if (key.name === 'char' && key.char === 'q') return { ui, quit: true };
  if (ui.help) return { ui: { ...ui, help: false }, quit: false };
  if (key.name === 'escape') return { ui: { ...ui, filter: '' }, quit: false };
  if (key.name !== 'char') return { ui, quit: false };
  switch (key.char) {
    case '/':
      return { ui: { ...ui, editing: ui.filter }, quit: false };
    case 'p':
      return { ui: { ...ui, paused: !ui.paused }, quit: false };
    case '?':
      return { ui: { ...ui, help: true }, quit: false };
    default:
      return { ui, quit: false };
  }
}

function editFilter(ui: BoardUi, text: string, key: Key): BoardUi {
  switch (key.name) {
    case 'enter':
      return { ...ui, filter: text.toUpperCase(), editing: undefined };
    case 'escape':
      return { ...ui, editing: undefined };
    case 'backspace':
      return { ...ui, editing: text.slice(0, -1) };
    case 'char':
      return SYMBOL_CHAR.test(key.char) && text.length < 20 ? { ...ui, editing: text + key.char.toUpperCase() } : ui;
    default:
      return ui;
  }
}
