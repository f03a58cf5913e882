/**
 * Human-readable lines: one aligned, coloured line per event. Every line starts with the time and a
 * one-character mark, so fills, cancels and new orders can be told apart without colour:
 *   + fill   x cancel/expiry/reject   * new   ~ amend   ! liquidation or warning
 *   > triggered   $ balance   = configuration   - other
 * Columns are padded before colouring so escape codes never break the alignment. On a terminal the
 * columns are chosen for its width (COLUMN_SETS) and each line leaves out details until it fits (DETAILS).
 */
import type { ChalkInstance } from 'chalk';
import { formatClock } from '../log/time-format.js';
import type { EventKind, EventOf, Side, StreamEvent } from '../events/types.js';

type Style = (text: string) => string;

/** Which fields a line shows and how wide its columns are. */
export interface Layout {
  /** Milliseconds in the time column. */
  millis: boolean;
  /** Narrow columns, with long order types and statuses abbreviated. */
  compact: boolean;
  orderType: boolean;
  clientOrderId: boolean;
  /** Order, algo and strategy ids. */
  ids: boolean;
  /** A trade's fill: 'short' leaves out the fee. */
  fill: 'full' | 'short' | 'none';
  /** Stop price, expiry reason, reduce-only. */
  extras: boolean;
}

type Columns = Pick<Layout, 'millis' | 'compact' | 'orderType'>;
type Details = Omit<Layout, keyof Columns>;

/**
 * The fixed columns, fullest first. One is chosen from the terminal's width alone, never from a
 * line's content, so that every line on the screen has its columns in the same places.
 */
const COLUMN_SETS: readonly Columns[] = [
  { millis: true, compact: false, orderType: true },
  { millis: false, compact: true, orderType: true },
  { millis: false, compact: true, orderType: false },
];

/** What follows the columns, and the order it goes in when a line does not fit: client order id, ids, fill detail. */
const DETAILS: readonly Details[] = [
  { clientOrderId: true, ids: true, fill: 'full', extras: true },
  { clientOrderId: false, ids: true, fill: 'full', extras: true },
  { clientOrderId: false, ids: false, fill: 'full', extras: true },
  { clientOrderId: false, ids: false, fill: 'short', extras: true },
  { clientOrderId: false, ids: false, fill: 'none', extras: false },
];
const FULL: Layout = { ...(COLUMN_SETS[0] as Columns), ...(DETAILS[0] as Details) };

interface Widths {
  symbol: number;
  side: number;
  type: number;
  status: number;
  qty: number;
  price: number;
}
const WIDE: Widths = {
  symbol: 13, // BTCUSD_200925
  side: 4,
  type: 20, // TRAILING_STOP_MARKET
  status: 16, // PARTIALLY_FILLED, EXPIRED_IN_MATCH
  qty: 15,
  price: 22, // 104250.10@104250.10000: six integer digits with the average's five decimals
};
const NARROW: Widths = { symbol: 10, side: 4, type: 11, status: 11, qty: 13, price: 22 };

/** Width of an order line's fixed columns: time, mark, symbol, side, type, status, filled/qty, price@avg. */
function columnsWidth({ millis, compact, orderType }: Columns): number {
  const w = compact ? NARROW : WIDE;
  return (millis ? 12 : 8) + 3 + w.symbol + 1 + w.side + 1 + (orderType ? w.type + 1 : 0) + w.status + 1 + w.qty + 1 + w.price;
}

/** The fullest column set that fits `room` characters (the narrowest when none does). */
const columnsFor = (room: number): Columns => COLUMN_SETS.find((set) => columnsWidth(set) <= room) ?? (COLUMN_SETS.at(-1) as Columns);

/** Short forms of the long order types and statuses, for the compact layouts. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  TAKE_PROFIT_MARKET: 'TP_MARKET',
  TRAILING_STOP_MARKET: 'TRAIL_STOP',
  PARTIALLY_FILLED: 'PART_FILLED',
  EXPIRED_IN_MATCH: 'EXP_MATCH',
  NEW_INSURANCE: 'NEW_INSUR',
};

/** How one line is drawn: the layout, and the time of day of an event time. */
interface Frame {
  c: ChalkInstance;
  layout: Layout;
  w: Widths;
  clock: (ms: number) => string;
}
type Formatter<K extends EventKind> = (e: EventOf<K>, f: Frame) => string;

const pad = (text: string, width: number): string => text.padEnd(width);
const short = (f: Frame, text: string): string => (f.layout.compact ? (ABBREVIATIONS[text] ?? text) : text);

/** Mark of an order event, from its execution type (what happened in this event). */
const ORDER_MARKS: Readonly<Record<string, string>> = {
  TRADE: '+',
  CANCELED: 'x',
  EXPIRED: 'x',
  NEW: '*',
  AMENDMENT: '~',
  CALCULATED: '!',
};

/** Mark of an algo or PM conditional order, from its status. */
const CONDITIONAL_MARKS: Readonly<Record<string, string>> = {
  NEW: '*',
  TRIGGERING: '>',
  TRIGGERED: '>',
  FINISHED: '+',
  CANCELED: 'x',
  EXPIRED: 'x',
  REJECTED: 'x',
};

const markOf = (marks: Readonly<Record<string, string>>, key: string): string =>
  Object.hasOwn(marks, key) ? (marks[key] ?? '-') : '-';

/** The colour of an order status, shared by every view of orders. */
export function statusStyle(c: ChalkInstance, status: string): Style {
  switch (status) {
    case 'FILLED':
    case 'FINISHED':
      return c.bold.green;
    case 'PARTIALLY_FILLED':
      return c.green;
    case 'CANCELED':
    case 'CANCELLED':
    case 'EXPIRED':
    case 'EXPIRED_IN_MATCH':
      return c.yellow;
    case 'REJECTED':
      return c.red;
    case 'NEW':
      return c.cyan;
    case 'TRIGGERING':
    case 'TRIGGERED':
    case 'WORKING':
      return c.magenta;
    default:
      return (text) => text;
  }
}

const sideColumn = ({ c, w }: Frame, side: Side): string => (side === 'BUY' ? c.green : c.red)(pad(side, w.side));

/** The order type column, when the layout has one. */
const typeColumn = (f: Frame, type: string): string => (f.layout.orderType ? `${pad(short(f, type), f.w.type)} ` : '');

/** Time, mark and the symbol (or a label for events without one), the start of every line. */
function head(f: Frame, e: StreamEvent, mark: string, style: Style, symbol: string): string {
  const time = f.clock(e.eventTime);
  return `${f.c.dim(f.layout.millis ? time : time.slice(0, 8))} ${style(mark)} ${f.c.bold(pad(symbol, f.w.symbol))}`;
}

/** An id and a client id, as far as the layout shows them: ` #123 my-id`. */
function ids(f: Frame, id: string, clientId: string): string {
  return `${f.layout.ids ? ` ${id}` : ''}${f.layout.clientOrderId && clientId !== '' ? ` ${f.c.dim(clientId)}` : ''}`;
}

/** Trailing tags: the PM business unit, and [reconciled] or [rest] (tail --since) for REST-derived events. */
function tail(c: ChalkInstance, e: StreamEvent, businessUnit?: string): string {
  const unit = businessUnit === undefined ? '' : ` ${c.dim(`[${businessUnit}]`)}`;
  if (e.source === 'reconcile') return `${unit} ${c.magenta('[reconciled]')}`;
  return e.source === 'rest' ? `${unit} ${c.magenta('[rest]')}` : unit;
}

const fee = (commission?: string, asset?: string): string =>
  commission === undefined ? '' : ` fee ${commission}${asset === undefined ? '' : ` ${asset}`}`;

const FORMATTERS: { readonly [K in EventKind]: Formatter<K> } = {
  order: (e, f) => {
    const { c, w, layout } = f;
    const style = statusStyle(c, e.status);
    // A reconciled state comes from REST, which does not say what the last fill was.
    const isFill = e.execType === 'TRADE' && e.source === 'ws' && layout.fill !== 'none';
    const fill = isFill ? ` fill ${e.lastFilledQty} @ ${e.lastFilledPrice}${layout.fill === 'full' ? fee(e.commission, e.commissionAsset) : ''}` : '';
    const stop = !layout.extras || e.stopPrice === '0' ? '' : ` stop ${e.stopPrice}`;
    const expiry = !layout.extras || e.expiryReason === undefined || e.expiryReason === '0' ? '' : ` expiry ${e.expiryReason}`;
    const reduceOnly = layout.extras && e.reduceOnly ? c.dim(' reduce-only') : '';
    return (
      `${head(f, e, markOf(ORDER_MARKS, e.execType), style, e.symbol)} ${sideColumn(f, e.side)} ` +
      `${typeColumn(f, e.orderType)}${style(pad(short(f, e.status), w.status))} ` +
      `${pad(`${e.filledQty}/${e.origQty}`, w.qty)} ${`${e.price}@${e.avgPrice}`.padEnd(w.price)}` +
      `${ids(f, `#${e.orderId}`, e.clientOrderId)}${c.bold(fill)}${stop}${expiry}${reduceOnly}` +
      tail(c, e, e.businessUnit)
    ).trimEnd();
  },
  'trade-lite': (e, f) => {
    const { c, w } = f;
    return (
      `${head(f, e, '+', c.green, e.symbol)} ${sideColumn(f, e.side)} ${typeColumn(f, 'TRADE_LITE')}` +
      `${c.dim(pad(e.isMaker ? 'maker' : 'taker', w.status))} ` +
      `${pad(e.lastFilledQty, w.qty)} ${pad(`@${e.lastFilledPrice}`, w.price)}` +
      `${ids(f, `#${e.orderId}`, e.clientOrderId)}${tail(c, e)}`
    ).trimEnd();
  },
  account: (e, f) => {
    const balances = e.balances.map(
      (b) => `${b.asset} ${b.walletBalance}${b.balanceChange === undefined ? '' : ` (change ${b.balanceChange})`}`,
    );
    const positions = e.positions.map(
      (p) => `${p.symbol} ${p.positionSide} ${p.positionAmount} @ ${p.entryPrice} upnl ${p.unrealizedProfit}`,
    );
    const body = [...balances, ...positions].join('; ');
    return `${head(f, e, '$', f.c.blue, 'ACCOUNT')} ${pad(e.reason, f.w.side + 1 + f.w.type)} ${body}${tail(f.c, e, e.businessUnit)}`;
  },
  'margin-call': (e, f) => {
    const positions = e.positions.map(
      (p) =>
        `${p.symbol} ${p.positionSide} ${p.positionAmount} mark ${p.markPrice} upnl ${p.unrealizedProfit} maint ${p.maintenanceMargin}`,
    );
    const wallet = e.crossWalletBalance === undefined ? '' : `cross wallet ${e.crossWalletBalance}; `;
    return `${head(f, e, '!', f.c.red.bold, 'MARGIN_CALL')} ${f.c.red(`${wallet}${positions.join('; ')}`)}${tail(f.c, e)}`;
  },
  'account-config': (e, f) => {
    const changes: string[] = [];
    if (e.leverage !== undefined) changes.push(`leverage ${e.leverage}x`);
    if (e.multiAssetsMode !== undefined) changes.push(`multi-assets mode ${e.multiAssetsMode ? 'on' : 'off'}`);
    return `${head(f, e, '=', f.c.blue, e.symbol ?? 'ACCOUNT')} ${changes.join('; ')}${tail(f.c, e, e.businessUnit)}`;
  },
  algo: (e, f) => {
    const { c, w } = f;
    const style = statusStyle(c, e.status);
    const engine = !f.layout.ids || e.engineOrderId === undefined || e.engineOrderId === '' ? '' : ` order #${e.engineOrderId}`;
    const reason = e.failureReason === undefined || e.failureReason === '' ? '' : ` ${c.red(e.failureReason)}`;
    return (
      `${head(f, e, markOf(CONDITIONAL_MARKS, e.status), style, e.symbol)} ${sideColumn(f, e.side)} ` +
      `${typeColumn(f, e.orderType)}${style(pad(short(f, e.status), w.status))} ` +
      `${pad(`${e.filledQty ?? '0'}/${e.origQty ?? '?'}`, w.qty)} ` +
      `${pad(`trigger ${e.triggerPrice ?? '?'}`, w.price)}` +
      `${ids(f, `algo #${e.algoId}`, e.clientAlgoId)}${engine}${reason}${tail(c, e, e.businessUnit)}`
    ).trimEnd();
  },
  strategy: (e, f) => {
    const { c, w } = f;
    const style = statusStyle(c, e.status);
    return (
      `${head(f, e, '-', style, e.symbol)} ${pad('', w.side)} ${typeColumn(f, `STRATEGY ${e.strategyType}`)}` +
      `${style(pad(e.status, w.status))} strategy #${e.strategyId} op ${e.opCode}${tail(c, e)}`
    );
  },
  grid: (e, f) => {
    const { c, w } = f;
    const style = statusStyle(c, e.status);
    return (
      `${head(f, e, '-', style, e.symbol)} ${pad('', w.side)} ${typeColumn(f, `GRID ${e.strategyType}`)}` +
      `${style(pad(e.status, w.status))} realized ${e.realizedProfit} matched ${e.matchedProfit} ` +
      `unmatched ${e.unmatchedQty} @ ${e.unmatchedAvgPrice} fee ${e.unmatchedFee} strategy #${e.strategyId}${tail(c, e)}`
    );
  },
  'conditional-reject': (e, f) =>
    `${head(f, e, 'x', f.c.red, e.symbol)} ${pad('', f.w.side)} ${typeColumn(f, 'TRIGGER_REJECTED')}` +
    `${f.c.red(pad('REJECTED', f.w.status))} #${e.orderId} ${f.c.red(e.reason)}${tail(f.c, e)}`,
  'conditional-order': (e, f) => {
    const { c, w } = f;
    const style = statusStyle(c, e.status);
    const order = !f.layout.ids || e.orderId === undefined ? '' : ` order #${e.orderId}`;
    return (
      `${head(f, e, markOf(CONDITIONAL_MARKS, e.status), style, e.symbol)} ${sideColumn(f, e.side)} ` +
      `${typeColumn(f, e.orderType)}${style(pad(short(f, e.status), w.status))} ${pad(e.origQty ?? '?', w.qty)} ` +
      `${pad(`stop ${e.stopPrice ?? '?'}`, w.price)}${ids(f, `strategy #${e.strategyId}`, e.clientOrderId)}${order}` +
      tail(c, e, e.businessUnit)
    ).trimEnd();
  },
  'pm-other': (e, f) => {
    const { e: _type, E: _time, ...rest } = e.payload;
    return `${head(f, e, '-', f.c.blue, e.type)} ${f.c.dim(JSON.stringify(rest))}${tail(f.c, e)}`;
  },
  'key-expired': (e, f) => `${head(f, e, '!', f.c.yellow.bold, 'LISTEN_KEY')} ${f.c.yellow('expired')}${tail(f.c, e)}`,
};

/** One aligned line for the event in a layout (the full one by default), without the trailing newline. */
export function formatPretty(e: StreamEvent, c: ChalkInstance, layout: Layout = FULL, clock: (ms: number) => string = formatClock): string {
  const format = FORMATTERS[e.event] as (e: StreamEvent, f: Frame) => string;
  return format(e, { c, layout, w: layout.compact ? NARROW : WIDE, clock });
}

// SGR sequences only: chalk writes nothing else, and field values reach here with control characters escaped.
const SGR = /\u001b\[[0-9;]*m/g;

/** Display width of a line: its characters without colour codes. */
export const visibleWidth = (text: string): number => text.replace(SGR, '').length;

/** Cuts a coloured line to `columns` characters, the last one an ellipsis, keeping escape codes whole. */
export function truncateVisible(text: string, columns: number): string {
  let out = '';
  let shown = 0;
  for (let i = 0; i < text.length; ) {
    SGR.lastIndex = i;
    const code = text.charCodeAt(i) === 0x1b ? SGR.exec(text) : null;
    if (code && code.index === i) {
      out += code[0];
      i += code[0].length;
      continue;
    }
    if (shown === columns - 1) return `${out}…${text.includes('\u001b[') ? '\u001b[0m' : ''}`;
    out += text[i];
    shown++;
    i++;
  }
  return out;
}

export interface PrettyOptions {
  /** The terminal's width now (it can change); undefined when stdout is not a terminal: full lines. */
  columns?: (() => number | undefined) | undefined;
  /** Times in UTC instead of the local time zone. @default false */
  utc?: boolean;
  /** Put before every line (the market, when several share the output); counted in the width. */
  prefix?: string;
}

/**
 * A stateful pretty printer: each event's line fitted to the terminal, and a date line before the
 * first event and whenever the day changes (in the zone the times are shown in).
 */
export function createPrettyPrinter(c: ChalkInstance, options: PrettyOptions = {}): (e: StreamEvent) => string {
  const { columns, utc = false, prefix = '' } = options;
  const zone = utc ? utcZone : localZone();
  let lastDay: number | undefined;
  return (e) => {
    const offsetMs = zone.offsetMs(e.eventTime);
    const shifted = e.eventTime + offsetMs;
    const day = Math.floor(shifted / MS_PER_DAY);
    const dateLine = day === lastDay ? '' : `${prefix}${c.dim(`--- ${new Date(shifted).toISOString().slice(0, 10)} ${zone.name(offsetMs)} ---`)}\n`;
    lastDay = day;
    const clock = (ms: number) => formatClock(ms + offsetMs);
    const width = columns?.();
    if (width === undefined) return `${dateLine}${prefix}${formatPretty(e, c, FULL, clock)}`;
    const room = width - visibleWidth(prefix);
    const columnSet = columnsFor(room);
    let line = '';
    for (const details of DETAILS) {
      line = formatPretty(e, c, { ...columnSet, ...details }, clock);
      if (visibleWidth(line) <= room) return `${dateLine}${prefix}${line}`;
    }
    return `${dateLine}${prefix}${truncateVisible(line, Math.max(room, 10))}`;
  };
}

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

interface Zone {
  offsetMs(ms: number): number;
  name(offsetMs: number): string;
}
const utcZone: Zone = { offsetMs: () => 0, name: () => 'UTC' };

/** The local zone's offset, looked up once per hour of event time rather than once per event. */
function localZone(): Zone {
  let hour = Number.NaN;
  let offsetMs = 0;
  return {
    offsetMs(ms) {
      const h = Math.floor(ms / MS_PER_HOUR);
      if (h !== hour) {
        hour = h;
        offsetMs = -new Date(ms).getTimezoneOffset() * 60_000;
      }
      return offsetMs;
    },
    name(offset) {
      const minutes = Math.abs(offset) / 60_000;
      const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
      const mm = String(minutes % 60).padStart(2, '0');
      return `local time, UTC${offset < 0 ? '-' : '+'}${hh}:${mm}`;
    },
  };
}
