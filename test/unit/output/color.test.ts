import { describe, expect, it } from 'vitest';
import { loadChalk, resolveColorLevel, type ColorInputs } from '../../../src/output/color.js';

const tty = (env: Record<string, string | undefined> = {}, extra: Partial<ColorInputs> = {}): ColorInputs => ({
  isTTY: true,
  env,
  noColorFlag: false,
  ...extra,
});
const pipe = (env: Record<string, string | undefined> = {}, extra: Partial<ColorInputs> = {}): ColorInputs => ({
  ...tty(env, extra),
  isTTY: false,
});

describe('resolveColorLevel', () => {
  it.each<[string, ColorInputs, number]>([
    ['a terminal', tty(), 1],
    ['a 256-colour terminal', tty({ TERM: 'xterm-256color' }), 2],
    ['a truecolor terminal', tty({ COLORTERM: 'truecolor' }), 3],
    ['a dumb terminal', tty({ TERM: 'dumb' }), 0],
    ['a pipe', pipe(), 0],
    ['a pipe in a truecolor terminal', pipe({ COLORTERM: 'truecolor' }), 0],
    ['NO_COLOR on a terminal', tty({ NO_COLOR: '1' }), 0],
    ['an empty NO_COLOR on a terminal', tty({ NO_COLOR: '' }), 1],
    ['--no-color on a terminal', tty({}, { noColorFlag: true }), 0],
    ['--no-color beats FORCE_COLOR', tty({ FORCE_COLOR: '3' }, { noColorFlag: true }), 0],
    ['--no-color beats --color', tty({}, { noColorFlag: true, forceColor: true }), 0],
    ['--color on a pipe', pipe({}, { forceColor: true }), 1],
    ['--color on a pipe with NO_COLOR', pipe({ NO_COLOR: '1' }, { forceColor: true }), 1],
    ['--color on a pipe in a 256-colour terminal', pipe({ TERM: 'screen-256color' }, { forceColor: true }), 2],
    ['FORCE_COLOR=1 on a pipe', pipe({ FORCE_COLOR: '1' }), 1],
    ['FORCE_COLOR=3 on a pipe', pipe({ FORCE_COLOR: '3' }), 3],
    ['FORCE_COLOR=true on a pipe', pipe({ FORCE_COLOR: 'true' }), 1],
    ['an empty FORCE_COLOR on a pipe', pipe({ FORCE_COLOR: '' }), 1],
    ['FORCE_COLOR beats NO_COLOR', pipe({ FORCE_COLOR: '1', NO_COLOR: '1' }), 1],
    ['FORCE_COLOR=0 on a terminal', tty({ FORCE_COLOR: '0' }), 0],
    ['FORCE_COLOR=false on a terminal', tty({ FORCE_COLOR: 'false' }), 0],
  ])('%s → %i', (_name, inputs, level) => {
    expect(resolveColorLevel(inputs)).toBe(level);
  });
});

describe('loadChalk', () => {
  it('colours at exactly the level given, whatever the environment', async () => {
    expect((await loadChalk(0)).red('x')).toBe('x');
    expect((await loadChalk(1)).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect((await loadChalk(3)).level).toBe(3);
  });
});
