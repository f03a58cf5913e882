/**
 * The board's screen as lines of text, from a given state and size: a pure function, so a screen can
 * be checked against an expected one. Every cell is cut and padded before it is coloured, so escape
 * codes never count towards a width, and every line is exactly `columns` wide (before colour).
 * Everything drawn is single-width text (ASCII, plus … █ ░ ·).
 */
import type { ChalkInstance } from 'chalk';
import type { OpenOrder } from '../account/open-orders.js';
import { isZeroAmount } from '../account/positions.js';
import { formatClock } from '../log/time-format.js';
import { formatAge } from '../log/time-format.js';
import type { Position } from '../events/types.js';
import { fillRatio } from '../output/fill.js';
import { statusStyle } from '../output/pretty.js';
import type { FeedHealth } from './feed.js';
import { KEY_HELP, type BoardUi } from './keys.js';
import type { BoardData, Fill } from './model.js';

/** Whether the start-up snapshot loaded, is on its way, failed, or could not be taken (no secret). */
export type SnapshotState = 'loading' | 'loaded' | 'failed' | 'no-secret';

/** Everything one screen shows. */
export interface BoardView {
  /** e.g. "usdm mainnet". */
  account: string;
  data: BoardData;
  ui: BoardUi;
  health: FeedHealth;
  snapshot: SnapshotState;
  /** The latest warning, shown in the status bar. */
  notice: string | undefined;
  nowMs: number;
}

export interface ScreenSize {
  columns: number;
  rows: number;
}

type Style = (text: string) => string;
const plain: Style = (text) => text;

/** One table column: a preferred width, and a priority deciding which columns a narrow screen drops. */
interface Column<T> {
  title: string;
  width: number;
  /** 1 is kept longest. */
  priority: number;
  right?: boolean;
  /** Takes the width left over, up to this many more columns. */
  grow?: number;
  cell: (item: T, width: number, c: ChalkInstance, nowMs: number) => { text: string; style?: Style } | string;
}

const GAP = ' ';

// C0 and C1 controls: text from the wire or a log line must not move the cursor or restyle the screen.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Cuts `text` to `width` with an ellipsis, then pads it (left or right) to exactly `width`; control characters become '?'. */
export function fit(text: string, width: number, right = false): string {
  if (width <= 0) return '';
  const safe = text.replace(CONTROLS, '?');
  const cut = safe.length > width ? `${safe.slice(0, width - 1)}…` : safe;
  return right ? cut.padStart(width) : cut.padEnd(width);
}

/** The columns that fit `total`, in their own order, with the spare width given to the growing one. */
function layout<T>(columns: readonly Column<T>[], total: number): { column: Column<T>; width: number }[] {
  const kept = new Set<Column<T>>();
  let used = 0;
  for (const column of [...columns].sort((a, b) => a.priority - b.priority)) {
    const need = column.width + (kept.size > 0 ? GAP.length : 0);
    if (used + need > total) continue;
    kept.add(column);
    used += need;
  }
  const chosen = columns.filter((column) => kept.has(column)).map((column) => ({ column, width: column.width }));
  const growing = chosen.find(({ column }) => column.grow !== undefined);
  if (growing) growing.width += Math.min(growing.column.grow ?? 0, total - used);
  return chosen;
}

/** Header and up to `maxRows` rows of a table; the last row says how many more there are when they do not fit. */
function table<T>(items: readonly T[], columns: readonly Column<T>[], width: number, maxRows: number, c: ChalkInstance, nowMs: number): string[] {
  const chosen = layout(columns, width);
  const line = (cells: string[]) => cells.join(GAP);
  const header = c.dim(fit(line(chosen.map(({ column, width: w }) => fit(column.title, w, column.right))), width));
  const shown = items.length > maxRows ? items.slice(0, Math.max(0, maxRows - 1)) : items;
  const rows = shown.map((item) => {
    const used = chosen.reduce((sum, { width: w }) => sum + w, 0) + GAP.length * Math.max(0, chosen.length - 1);
    const cells = chosen.map(({ column, width: w }) => {
      const out = column.cell(item, w, c, nowMs);
      const { text, style = plain } = typeof out === 'string' ? { text: out } : out;
      return style(fit(text, w, column.right));
    });
    return line(cells) + ' '.repeat(Math.max(0, width - used));
  });
  if (items.length > shown.length) rows.push(c.dim(fit(`… ${items.length - shown.length} more`, width)));
  return [header, ...rows];
}

const sideStyle = (c: ChalkInstance, side: string): Style => (side === 'BUY' ? c.green : c.red);

/** A short status: the open-order statuses fit in 8 columns. */
const shortStatus = (status: string) => (status === 'PARTIALLY_FILLED' ? 'PARTIAL' : status);

function fillBar(o: OpenOrder, width: number, c: ChalkInstance): string {
  const ratio = fillRatio(o.event.filledQty, o.event.origQty);
  const barWidth = Math.max(1, width - 5);
  const full = Math.round(ratio * barWidth);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  return `${c.green('█'.repeat(full))}${c.dim('░'.repeat(barWidth - full))} ${percent}`;
}

/** The limit price; a stop order without one shows its stop price, a market order says so. */
function priceOf(o: OpenOrder): string {
  if (!isZeroAmount(o.event.price)) return o.event.price;
  if (!isZeroAmount(o.event.stopPrice)) return o.event.stopPrice;
  return o.event.orderType === 'MARKET' ? 'MARKET' : o.event.price;
}

const ORDER_COLUMNS: readonly Column<OpenOrder>[] = [
  { title: 'SYMBOL', width: 12, priority: 1, cell: (o, _w, c) => ({ text: o.event.symbol, style: c.bold }) },
  { title: 'SIDE', width: 4, priority: 1, cell: (o, _w, c) => ({ text: o.event.side, style: sideStyle(c, o.event.side) }) },
  { title: 'TYPE', width: 11, priority: 3, cell: (o) => o.event.orderType },
  { title: 'PRICE', width: 11, priority: 1, right: true, cell: (o) => priceOf(o) },
  { title: 'FILLED/QTY', width: 15, priority: 2, right: true, cell: (o) => `${o.event.filledQty}/${o.event.origQty}` },
  // The bar is drawn whole (its own colours); fit() would only pad it.
  { title: 'FILL', width: 11, priority: 1, grow: 10, cell: (o, w, c) => ({ text: '', style: () => fillBar(o, w, c) }) },
  { title: 'STATUS', width: 7, priority: 2, cell: (o, _w, c) => ({ text: shortStatus(o.event.status), style: statusStyle(c, o.event.status) }) },
  { title: 'AGE', width: 4, priority: 4, right: true, cell: (o, _w, _c, nowMs) => formatAge(nowMs - o.placedAtMs) },
  { title: 'CLIENT ORDER ID', width: 22, priority: 5, cell: (o, _w, c) => ({ text: o.event.clientOrderId, style: c.dim }) },
];

const isShort = (p: Position) => p.positionAmount.startsWith('-');
const pnlStyle = (c: ChalkInstance, value: string): Style => (/^-/.test(value) ? c.red : /^[0.]*$/.test(value) ? plain : c.green);

const POSITION_COLUMNS: readonly Column<Position>[] = [
  { title: 'SYMBOL', width: 12, priority: 1, cell: (p, _w, c) => ({ text: p.symbol, style: c.bold }) },
  {
    title: 'SIDE',
    width: 5,
    priority: 1,
    cell: (p, _w, c) => (p.positionSide === 'BOTH' ? { text: isShort(p) ? 'SHORT' : 'LONG', style: isShort(p) ? c.red : c.green } : { text: p.positionSide, style: p.positionSide === 'SHORT' ? c.red : c.green }),
  },
  { title: 'AMOUNT', width: 14, priority: 1, right: true, cell: (p) => p.positionAmount },
  { title: 'ENTRY', width: 16, priority: 1, right: true, cell: (p) => p.entryPrice },
  { title: 'BREAKEVEN', width: 16, priority: 3, right: true, cell: (p) => p.breakevenPrice ?? '' },
  { title: 'UNREALIZED PNL', width: 16, priority: 2, right: true, cell: (p, _w, c) => ({ text: p.unrealizedProfit, style: pnlStyle(c, p.unrealizedProfit) }) },
  { title: 'MARGIN', width: 8, priority: 4, cell: (p) => p.marginType },
];

const FILL_COLUMNS: readonly Column<Fill>[] = [
  { title: 'TIME', width: 8, priority: 1, cell: (f, _w, c) => ({ text: formatClock(f.timeMs).slice(0, 8), style: c.dim }) },
  { title: 'SYMBOL', width: 12, priority: 1, cell: (f, _w, c) => ({ text: f.symbol, style: c.bold }) },
  { title: 'SIDE', width: 4, priority: 1, cell: (f, _w, c) => ({ text: f.side, style: sideStyle(c, f.side) }) },
  { title: 'QTY @ PRICE', width: 22, priority: 1, grow: 8, cell: (f) => `${f.qty} @ ${f.price}` },
  { title: 'FEE', width: 16, priority: 2, cell: (f) => (f.fee === undefined ? '' : `${f.fee}${f.feeAsset === undefined ? '' : ` ${f.feeAsset}`}`) },
  { title: 'REALIZED PNL', width: 12, priority: 2, right: true, cell: (f, _w, c) => ({ text: f.realizedProfit, style: pnlStyle(c, f.realizedProfit) }) },
];

/**
 * Rows of the three sections: a quarter for positions, two fifths of the rest for fills, the rest
 * for orders. The split depends on the screen only, so sections do not jump as orders come and go.
 */
function share(body: number): { orders: number; positions: number; fills: number } {
  const positions = Math.max(1, Math.floor(body / 4));
  const fills = Math.max(1, Math.floor((body - positions) * 0.4));
  return { orders: Math.max(1, body - positions - fills), positions, fills };
}

function section(title: string, count: number, total: number, filter: string, width: number, c: ChalkInstance): string {
  const counted = filter === '' ? `${total}` : `${count} of ${total} matching ${filter}`;
  const text = fit(`${title} ${counted}`, width);
  return c.bold(text.slice(0, title.length)) + c.dim(text.slice(title.length));
}

/** An empty section's one line. */
const none = (text: string, width: number, c: ChalkInstance) => c.dim(fit(`  ${text}`, width));

function statusBar(view: BoardView, width: number, c: ChalkInstance): string {
  const { ui, health } = view;
  if (ui.editing !== undefined) {
    const keys = ' Enter apply  Esc cancel ';
    return c.inverse(fit(` filter: ${ui.editing}█`, Math.max(0, width - keys.length)) + fit(keys, Math.min(keys.length, width)));
  }
  const state = ` ${health.state} `;
  const stateStyle = health.state === 'connected' ? c.bgGreen.black : health.state === 'stopped' ? c.bgRed.white : c.bgYellow.black;
  const mark = ui.paused ? ' PAUSED ' : '';
  const keys = ' ? keys ';
  const parts: string[] = [];
  if (view.snapshot === 'no-secret') parts.push('no secret: started empty');
  if (view.snapshot === 'loading') parts.push('loading orders and positions…');
  if (view.snapshot === 'failed') parts.push('snapshot failed: stream only');
  parts.push(health.lastEventAtMs === undefined ? 'no event yet' : `last event ${formatAge(view.nowMs - health.lastEventAtMs)} ago`, `reconnects ${health.reconnects}`);
  if (ui.filter !== '') parts.push(`filter ${ui.filter}`);
  if (view.notice !== undefined) parts.push(view.notice);
  // Narrow screens lose the middle first, then the key hint; the state always shows.
  const stateText = fit(state, Math.min(state.length, width));
  const markText = fit(mark, Math.min(mark.length, width - stateText.length));
  const keysText = fit(keys, Math.min(keys.length, width - stateText.length - markText.length));
  const middle = fit(` ${parts.join(' · ')}`, width - stateText.length - markText.length - keysText.length);
  return stateStyle(stateText) + (markText === '' ? '' : c.bgYellow.black(markText)) + c.dim(middle) + keysText;
}

function titleBar(view: BoardView, width: number, c: ChalkInstance): string {
  const left = ` binance-orders board · ${view.account}`;
  const right = `${formatClock(view.nowMs).slice(0, 8)} UTC `;
  const space = width - left.length - right.length;
  return c.inverse(space >= 1 ? left + ' '.repeat(space) + right : fit(left, width));
}

function helpScreen(body: number, width: number, c: ChalkInstance): string[] {
  const lines = [c.bold(fit('KEYS', width)), ...KEY_HELP.map(([key, what]) => fit(`  ${key.padEnd(11)} ${what}`, width))];
  lines.push(fit('', width), c.dim(fit('  any key closes this help', width)));
  return lines.slice(0, body);
}

const matching = (filter: string) => (item: { symbol: string }) => filter === '' || item.symbol.includes(filter);

/** The whole screen: exactly `rows` lines. */
export function renderBoard(view: BoardView, size: ScreenSize, c: ChalkInstance): string[] {
  const width = Math.max(1, size.columns);
  const rows = Math.max(1, size.rows);
  if (rows < 8 || width < 40) return [fit(`terminal too small: ${size.columns}x${size.rows} (need 40x8)`, width), ...Array<string>(rows - 1).fill(' '.repeat(width))].slice(0, rows);
  const body = rows - 2;
  let lines: string[];
  if (view.ui.help) {
    lines = helpScreen(body, width, c);
  } else {
    const { filter } = view.ui;
    const orders = view.data.orders.filter((o) => matching(filter)(o.event));
    const positions = view.data.positions.filter(matching(filter));
    const fills = view.data.fills.filter(matching(filter));
    // Each section spends two rows on its title and column header.
    const rowsOf = share(body - 6);
    const sectionOf = <T>(title: string, items: readonly T[], total: number, columns: readonly Column<T>[], maxRows: number, empty: string) => [
      section(title, items.length, total, filter, width, c),
      ...table(items, columns, width, maxRows, c, view.nowMs),
      ...(items.length === 0 ? [none(empty, width, c)] : []),
    ];
    lines = [
      ...sectionOf('OPEN ORDERS', orders, view.data.orders.length, ORDER_COLUMNS, rowsOf.orders, 'no open orders'),
      ...pad(width, rowsOf.orders - Math.max(1, orders.length)),
      ...sectionOf('POSITIONS', positions, view.data.positions.length, POSITION_COLUMNS, rowsOf.positions, 'no positions'),
      ...pad(width, rowsOf.positions - Math.max(1, positions.length)),
      ...sectionOf('RECENT FILLS', fills, view.data.fills.length, FILL_COLUMNS, rowsOf.fills, 'no fills yet'),
    ];
  }
  lines = lines.slice(0, body);
  lines.push(...pad(width, body - lines.length));
  return [titleBar(view, width, c), ...lines, statusBar(view, width, c)];
}

const pad = (width: number, count: number): string[] => Array<string>(Math.max(0, count)).fill(' '.repeat(width));
