import { describe, expect, it } from 'vitest';
import { INITIAL_UI, onKey, parseKeys, type BoardUi } from '../../../src/board/keys.js';

const press = (ui: BoardUi, data: string) => {
  let state = ui;
  let quit = false;
  for (const key of parseKeys(data)) {
    const next = onKey(state, key);
    state = next.ui;
    quit ||= next.quit;
  }
  return { ui: state, quit };
};

describe('parseKeys', () => {
  it('decodes letters, Enter, Backspace, Ctrl-C and a lone Esc, and skips escape sequences whole', () => {
    expect(parseKeys('a\r\u007f\u0003\u001b')).toEqual([{ name: 'char', char: 'a' }, { name: 'enter' }, { name: 'backspace' }, { name: 'ctrl-c' }, { name: 'escape' }]);
    expect(parseKeys('\u001b[A\u001b[1;5Cq\u001bOP')).toEqual([{ name: 'char', char: 'q' }]);
  });
});

describe('onKey', () => {
  it('quits on q and on Ctrl-C, even while a filter is typed', () => {
    expect(press(INITIAL_UI, 'q').quit).toBe(true);
    expect(press(INITIAL_UI, '/bt\u0003').quit).toBe(true);
    expect(press(INITIAL_UI, '/q').quit).toBe(false);
  });

  it('types a filter after /, upper-cased, applies it on Enter and drops it on Esc', () => {
    expect(press(INITIAL_UI, '/btc').ui).toMatchObject({ editing: 'BTC', filter: '' });
    expect(press(INITIAL_UI, '/btcx\u007f\r').ui).toMatchObject({ editing: undefined, filter: 'BTC' });
    expect(press({ ...INITIAL_UI, filter: 'ETH' }, '/sol\u001b').ui).toMatchObject({ editing: undefined, filter: 'ETH' });
    expect(press({ ...INITIAL_UI, filter: 'ETH' }, '\u001b').ui.filter).toBe('');
    expect(press(INITIAL_UI, '/b t;c\r').ui.filter).toBe('BTC');
  });

  it('toggles pause with p and help with ?; any key but q closes the help', () => {
    expect(press(INITIAL_UI, 'p').ui.paused).toBe(true);
    expect(press(INITIAL_UI, 'pp').ui.paused).toBe(false);
    expect(press(INITIAL_UI, '?').ui.help).toBe(true);
    expect(press(INITIAL_UI, '?x').ui).toMatchObject({ help: false, paused: false });
    expect(press(INITIAL_UI, '?q').quit).toBe(true);
  });
});
