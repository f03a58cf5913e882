/**
 * Human-readable lines: one aligned, coloured line per event. Every line starts with the UTC time
 * and a one-character mark, so fills, cancels and new orders can be told apart without colour:
 *   + fill   x cancel/expiry/reject   * new   ~ amend   ! liquidation or warning
 *   > triggered   $ balance   = configuration   - other
 * Columns are padded before colouring so escape codes never break the alignment.
 */
import type { ChalkInstance } from 'chalk';
import { formatClock } from '../log/time-format.js';
import type { EventKind, EventOf, Side, StreamEvent } from '../events/types.js';

type Style = (text: string) => string;
type Formatter<K extends EventKind> = (e: EventOf<K>, c: ChalkInstance) => string;

const SYMBOL_WIDTH = 13; // BTCUSD_200925
const SIDE_WIDTH = 4;
const TYPE_WIDTH = 20; // TRAILING_STOP_MARKET
const STATUS_WIDTH = 16; // PARTIALLY_FILLED, EXPIRED_IN_MATCH
const QTY_WIDTH = 15;
const PRICE_WIDTH = 19;

const pad = (text: string, width: number): string => text.padEnd(width);

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

const sideColumn = (c: ChalkInstance, side: Side): string =>
  (side === 'BUY' ? c.green : c.red)(pad(side, SIDE_WIDTH));

/** Time, mark and the symbol (or a label for events without one), the start of every line. */
function head(c: ChalkInstance, e: StreamEvent, mark: string, style: Style, symbol: string): string {
  return `${c.dim(formatClock(e.eventTime))} ${style(mark)} ${c.bold(pad(symbol, SYMBOL_WIDTH))}`;
}

/** Trailing tags: the PM business unit, and the reconciled marker for REST-derived events. */
function tail(c: ChalkInstance, e: StreamEvent, businessUnit?: string): string {
  const unit = businessUnit === undefined ? '' : ` ${c.dim(`[${businessUnit}]`)}`;
  return e.source === 'reconcile' ? `${unit} ${c.magenta('[reconciled]')}` : unit;
}

const fee = (commission?: string, asset?: string): string =>
  commission === undefined ? '' : ` fee ${commission}${asset === undefined ? '' : ` ${asset}`}`;

const FORMATTERS: { readonly [K in EventKind]: Formatter<K> } = {
  order: (e, c) => {
    const style = statusStyle(c, e.status);
    // A reconciled state comes from REST, which does not say what the last fill was.
    const fill = e.execType === 'TRADE' && e.source === 'ws' ? ` fill ${e.lastFilledQty} @ ${e.lastFilledPrice}${fee(e.commission, e.commissionAsset)}` : '';
    const stop = e.stopPrice === '0' ? '' : ` stop ${e.stopPrice}`;
    const expiry = e.expiryReason === undefined || e.expiryReason === '0' ? '' : ` expiry ${e.expiryReason}`;
    return (
      `${head(c, e, markOf(ORDER_MARKS, e.execType), style, e.symbol)} ${sideColumn(c, e.side)} ` +
      `${pad(e.orderType, TYPE_WIDTH)} ${style(pad(e.status, STATUS_WIDTH))} ` +
      `${pad(`${e.filledQty}/${e.origQty}`, QTY_WIDTH)} ${pad(`${e.price}@${e.avgPrice}`, PRICE_WIDTH)} ` +
      `#${e.orderId} ${c.dim(e.clientOrderId)}${c.bold(fill)}${stop}${expiry}${e.reduceOnly ? c.dim(' reduce-only') : ''}` +
      tail(c, e, e.businessUnit)
    );
  },
  'trade-lite': (e, c) =>
    `${head(c, e, '+', c.green, e.symbol)} ${sideColumn(c, e.side)} ${pad('TRADE_LITE', TYPE_WIDTH)} ` +
    `${c.dim(pad(e.isMaker ? 'maker' : 'taker', STATUS_WIDTH))} ` +
    `${pad(e.lastFilledQty, QTY_WIDTH)} ${pad(`@${e.lastFilledPrice}`, PRICE_WIDTH)} ` +
    `#${e.orderId} ${c.dim(e.clientOrderId)}${tail(c, e)}`,
  account: (e, c) => {
    const balances = e.balances.map(
      (b) => `${b.asset} ${b.walletBalance}${b.balanceChange === undefined ? '' : ` (change ${b.balanceChange})`}`,
    );
    const positions = e.positions.map(
      (p) => `${p.symbol} ${p.positionSide} ${p.positionAmount} @ ${p.entryPrice} upnl ${p.unrealizedProfit}`,
    );
    const body = [...balances, ...positions].join('; ');
    return `${head(c, e, '$', c.blue, 'ACCOUNT')} ${pad(e.reason, SIDE_WIDTH + 1 + TYPE_WIDTH)} ${body}${tail(c, e, e.businessUnit)}`;
  },
  'margin-call': (e, c) => {
    const positions = e.positions.map(
      (p) =>
        `${p.symbol} ${p.positionSide} ${p.positionAmount} mark ${p.markPrice} upnl ${p.unrealizedProfit} maint ${p.maintenanceMargin}`,
    );
    const wallet = e.crossWalletBalance === undefined ? '' : `cross wallet ${e.crossWalletBalance}; `;
    return `${head(c, e, '!', c.red.bold, 'MARGIN_CALL')} ${c.red(`${wallet}${positions.join('; ')}`)}${tail(c, e)}`;
  },
  'account-config': (e, c) => {
    const changes: string[] = [];
    if (e.leverage !== undefined) changes.push(`leverage ${e.leverage}x`);
    if (e.multiAssetsMode !== undefined) changes.push(`multi-assets mode ${e.multiAssetsMode ? 'on' : 'off'}`);
    return `${head(c, e, '=', c.blue, e.symbol ?? 'ACCOUNT')} ${changes.join('; ')}${tail(c, e, e.businessUnit)}`;
  },
  algo: (e, c) => {
    const style = statusStyle(c, e.status);
    const engine = e.engineOrderId === undefined || e.engineOrderId === '' ? '' : ` order #${e.engineOrderId}`;
    const reason = e.failureReason === undefined || e.failureReason === '' ? '' : ` ${c.red(e.failureReason)}`;
    return (
      `${head(c, e, markOf(CONDITIONAL_MARKS, e.status), style, e.symbol)} ${sideColumn(c, e.side)} ` +
      `${pad(e.orderType, TYPE_WIDTH)} ${style(pad(e.status, STATUS_WIDTH))} ` +
      `${pad(`${e.filledQty ?? '0'}/${e.origQty ?? '?'}`, QTY_WIDTH)} ` +
      `${pad(`trigger ${e.triggerPrice ?? '?'}`, PRICE_WIDTH)} ` +
      `algo #${e.algoId} ${c.dim(e.clientAlgoId)}${engine}${reason}${tail(c, e, e.businessUnit)}`
    );
  },
  strategy: (e, c) => {
    const style = statusStyle(c, e.status);
    return (
      `${head(c, e, '-', style, e.symbol)} ${pad('', SIDE_WIDTH)} ${pad(`STRATEGY ${e.strategyType}`, TYPE_WIDTH)} ` +
      `${style(pad(e.status, STATUS_WIDTH))} strategy #${e.strategyId} op ${e.opCode}${tail(c, e)}`
    );
  },
  grid: (e, c) => {
    const style = statusStyle(c, e.status);
    return (
      `${head(c, e, '-', style, e.symbol)} ${pad('', SIDE_WIDTH)} ${pad(`GRID ${e.strategyType}`, TYPE_WIDTH)} ` +
      `${style(pad(e.status, STATUS_WIDTH))} realized ${e.realizedProfit} matched ${e.matchedProfit} ` +
      `unmatched ${e.unmatchedQty} @ ${e.unmatchedAvgPrice} fee ${e.unmatchedFee} strategy #${e.strategyId}${tail(c, e)}`
    );
  },
  'conditional-reject': (e, c) =>
    `${head(c, e, 'x', c.red, e.symbol)} ${pad('', SIDE_WIDTH)} ${pad('TRIGGER_REJECTED', TYPE_WIDTH)} ` +
    `${c.red(pad('REJECTED', STATUS_WIDTH))} #${e.orderId} ${c.red(e.reason)}${tail(c, e)}`,
  'conditional-order': (e, c) => {
    const style = statusStyle(c, e.status);
    const order = e.orderId === undefined ? '' : ` order #${e.orderId}`;
    return (
      `${head(c, e, markOf(CONDITIONAL_MARKS, e.status), style, e.symbol)} ${sideColumn(c, e.side)} ` +
      `${pad(e.orderType, TYPE_WIDTH)} ${style(pad(e.status, STATUS_WIDTH))} ${pad(e.origQty ?? '?', QTY_WIDTH)} ` +
      `${pad(`stop ${e.stopPrice ?? '?'}`, PRICE_WIDTH)} strategy #${e.strategyId} ${c.dim(e.clientOrderId)}${order}` +
      tail(c, e, e.businessUnit)
    );
  },
  'pm-other': (e, c) => {
    const { e: _type, E: _time, ...rest } = e.payload;
    return `${head(c, e, '-', c.blue, e.type)} ${c.dim(JSON.stringify(rest))}${tail(c, e)}`;
  },
  'key-expired': (e, c) => `${head(c, e, '!', c.yellow.bold, 'LISTEN_KEY')} ${c.yellow('expired')}${tail(c, e)}`,
};

/** One aligned line for the event, without the trailing newline. */
export function formatPretty(e: StreamEvent, c: ChalkInstance): string {
  const format = FORMATTERS[e.event] as (e: StreamEvent, c: ChalkInstance) => string;
  return format(e, c);
}
