import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, SIM_API_KEY, SIM_API_SECRET, type SimExchange } from '../../src/sim/index.js';
import { BIN, cleanEnv, runCli } from '../helpers/cli.js';
import { startTmux, type TmuxTerminal } from '../helpers/tmux.js';

let sim: SimExchange;
let terminal: TmuxTerminal | undefined;
beforeEach(async () => {
  sim = await createSimExchange();
});
afterEach(async () => {
  await terminal?.close();
  terminal = undefined;
  await sim.close();
});

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * Runs `binance-orders board` in tmux against the simulator. The shell prints a marker first and
 * saves the terminal modes (stty -g) before and after, so the test can see the screen and raw mode
 * given back.
 */
async function startBoard(env: Record<string, string>, args: string[] = ['board'], size = { columns: 80, rows: 24 }) {
  const vars = Object.entries(cleanEnv({ TERM: 'xterm-256color', LANG: 'C.UTF-8', BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsUrl, ...env }))
    .map(([key, value]) => `${key}=${quote(value)}`)
    .join(' ');
  terminal = await startTmux(
    (file) =>
      `echo before-the-board; stty -g > ${file('stty-before')}; env -i ${vars} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}; ` +
      `code=$?; stty -g > ${file('stty-after')}; (exit $code)`,
    size,
  );
  return terminal;
}

describe('binance-orders board in a real terminal', () => {
  it('shows the open orders and positions at start, then fills as they happen; q restores the terminal and exits 0', async () => {
    sim.orders.place('usdm', { side: 'BUY', price: '90000.00', quantity: '0.010', symbol: 'BTCUSDT' });
    const { order: eth } = sim.orders.place('usdm', { side: 'SELL', price: '3500.00', quantity: '2.000', symbol: 'ETHUSDT' });
    sim.orders.place('usdm', { side: 'BUY', type: 'MARKET', quantity: '3.00', symbol: 'SOLUSDT' });
    const term = await startBoard({ BINANCE_API_KEY: SIM_API_KEY, BINANCE_API_SECRET: SIM_API_SECRET });

    let screen = await term.waitForScreen(/OPEN ORDERS 2[\s\S]*POSITIONS 1/);
    expect(screen).toMatch(/^BTCUSDT +BUY +LIMIT +90000\.00 +0\/0\.010 ░+ +0% NEW$/m);
    expect(screen).toMatch(/^SOLUSDT +LONG +3(\.0+)? +\d/m);
    expect(screen).toMatch(/^ connected +last event|^ connected +no event yet/m);
    expect(await term.modes()).toEqual({ alternate: true, cursor: false });

    sim.orders.fill('usdm', eth.orderId, '0.500');
    // The order and the fill come in one update, the position in another: each is waited for.
    screen = await term.waitForScreen(/ETHUSDT +SELL +LIMIT +3500\.00 +0\.500\/2\.000 █+░+ +25% PARTIAL/);
    expect(screen).toMatch(/RECENT FILLS 1\n.*\n\d\d:\d\d:\d\d ETHUSDT +SELL 0\.500 @ 3500\.00 +\S+ USDT/);
    await term.waitForScreen(/^ETHUSDT +SHORT +-0\.5 /m);

    sim.orders.fill('usdm', eth.orderId);
    await term.waitForScreen(/OPEN ORDERS 1\n[\s\S]*RECENT FILLS 2/);

    await term.keys('q');
    expect(await term.exitCode()).toBe(0);
    screen = await term.screen();
    expect(screen).toMatch(/^before-the-board$/m);
    expect(screen).not.toContain('OPEN ORDERS');
    expect(await term.modes()).toEqual({ alternate: false, cursor: true });
    expect(await readFile(term.file('stty-after'), 'utf8')).toBe(await readFile(term.file('stty-before'), 'utf8'));
  });

  it('filters with /, pauses with p, shows the keys with ?, and adapts to a resize', async () => {
    sim.orders.place('usdm', { side: 'BUY', price: '90000.00', quantity: '0.010', symbol: 'BTCUSDT' });
    sim.orders.place('usdm', { side: 'SELL', price: '3500.00', quantity: '2.000', symbol: 'ETHUSDT' });
    const term = await startBoard({ BINANCE_API_KEY: SIM_API_KEY, BINANCE_API_SECRET: SIM_API_SECRET });
    await term.waitForScreen(/OPEN ORDERS 2/);
    await term.keys('/', 'eth');
    await term.waitForScreen(/filter: ETH█/);
    await term.keys('Enter');
    let screen = await term.waitForScreen(/OPEN ORDERS 1 of 2 matching ETH/);
    expect(screen).not.toMatch(/^BTCUSDT/m);

    await term.keys('p');
    await term.waitForScreen(/PAUSED/);
    sim.orders.place('usdm', { side: 'SELL', price: '3600.00', quantity: '1.000', symbol: 'ETHUSDT' });
    await term.keys('?');
    await term.waitForScreen(/KEYS\n {2}q, Ctrl-C +quit/);
    await term.keys('x');
    // Still the frozen picture (whether or not the new order has arrived yet).
    await term.waitForScreen(/OPEN ORDERS 1 of 2 matching ETH[\s\S]*PAUSED/);
    await term.keys('p');
    screen = await term.waitForScreen(/OPEN ORDERS 2 of 3 matching ETH/);
    expect(screen).not.toContain('PAUSED');

    await term.resize(120, 40);
    screen = await term.waitForScreen(/CLIENT ORDER ID/);
    expect(screen.split('\n')[0]).toMatch(/^ binance-orders board · usdm mainnet {60,}\d\d:\d\d:\d\d UTC$/);
    await term.keys('C-c');
    expect(await term.exitCode()).toBe(0);
    expect(await term.modes()).toEqual({ alternate: false, cursor: true });
  });

  it('without a secret starts empty, says so, and fills in from the stream; SIGTERM restores the terminal', async () => {
    sim.orders.place('usdm', { side: 'BUY', price: '90000.00', quantity: '0.010', symbol: 'BTCUSDT' });
    const term = await startBoard({ BINANCE_API_KEY: SIM_API_KEY });
    await term.waitForScreen(/no secret: started empty/);
    expect(await term.screen()).toMatch(/OPEN ORDERS 0\n[\s\S]*no open orders/);
    await term.waitForScreen(/^ connected/m);
    sim.orders.place('usdm', { side: 'SELL', price: '3500.00', quantity: '2.000', symbol: 'ETHUSDT' });
    await term.waitForScreen(/OPEN ORDERS 1\n[\s\S]*^ETHUSDT +SELL/m);

    const shell = await term.pid();
    const board = execFileSync('pgrep', ['-P', String(shell)]).toString().trim().split('\n')[0] ?? '';
    process.kill(Number(board), 'SIGTERM');
    expect(await term.exitCode()).toBe(0);
    expect(await term.modes()).toEqual({ alternate: false, cursor: true });
    expect(await readFile(term.file('stty-after'), 'utf8')).toBe(await readFile(term.file('stty-before'), 'utf8'));
  });
});

describe('binance-orders board across a gap', () => {
  it('reconnects, counts it, and recovers a fill it missed over REST', async () => {
    const { order } = sim.orders.place('usdm', { side: 'BUY', price: '90000.00', quantity: '0.010', symbol: 'BTCUSDT' });
    const term = await startBoard({ BINANCE_API_KEY: SIM_API_KEY, BINANCE_API_SECRET: SIM_API_SECRET }, ['board', '--reconnect-min', '10ms', '--reconnect-max', '100ms']);
    await term.waitForScreen(/OPEN ORDERS 1\n[\s\S]*^ connected/m);
    sim.refuseConnections(true);
    sim.drop(1001);
    await term.waitForScreen(/^ (reconnecting|connecting)/m);
    sim.orders.fill('usdm', order.orderId);
    sim.refuseConnections(false);
    await term.waitForScreen(/OPEN ORDERS 0\n[\s\S]*^ connected .*reconnects 1/m);
    await term.keys('q');
    expect(await term.exitCode()).toBe(0);
  });
});

describe('binance-orders board on a fatal error', () => {
  it('gives the terminal back first, then prints one line and exits 3 for a refused key', async () => {
    const term = await startBoard({ BINANCE_API_KEY: 'not-a-sim-key', BINANCE_API_SECRET: SIM_API_SECRET });
    expect(await term.exitCode()).toBe(3);
    const screen = await term.screen();
    expect(screen).toMatch(/^before-the-board\nbinance-orders: the exchange rejected the API key[^\n]*\n*$/);
    expect(await term.modes()).toEqual({ alternate: false, cursor: true });
    expect(await readFile(term.file('stty-after'), 'utf8')).toBe(await readFile(term.file('stty-before'), 'utf8'));
  });
});

describe('binance-orders demo --board', () => {
  it('shows the simulated account with no keys at all, and q exits 0', async () => {
    const term = await startBoard({}, ['demo', '--board']);
    await term.waitForScreen(/OPEN ORDERS [1-9][\s\S]*RECENT FILLS [1-9]/);
    await term.keys('q');
    expect(await term.exitCode()).toBe(0);
    expect(await term.modes()).toEqual({ alternate: false, cursor: true });
  });
});

describe('binance-orders board without a terminal', () => {
  it('refuses with exit 2 and points at tail and orders', async () => {
    const { code, stdout, stderr } = await runCli(['board'], { env: cleanEnv({ BINANCE_API_KEY: SIM_API_KEY }) });
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^binance-orders: board draws a full-screen view and needs a terminal on stdout; .*tail --json.*orders --json[^\n]*\n$/);
  });
});
