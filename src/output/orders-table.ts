import type { ChalkInstance } from 'chalk';
import type { OpenOrder } from '../account/open-orders.js';
import { formatAge } from '../log/time-format.js';
import { formatFill } from './fill.js';
import { statusStyle } from './pretty.js';

type Column = { title: string; text: (o: OpenOrder, nowMs: number) => string; style?: (o: OpenOrder, c: ChalkInstance) => (text: string) => string; right?: boolean };

const COLUMNS: readonly Column[] = [
  { title: 'SYMBOL', text: (o) => o.event.symbol, style: (_o, c) => c.bold },
  { title: 'SIDE', text: (o) => o.event.side, style: (o, c) => (o.event.side === 'BUY' ? c.green : c.red) },
  { title: 'TYPE', text: (o) => o.event.orderType },
  { title: 'PRICE', text: (o) => o.event.price, right: true },
  { title: 'FILLED/QTY', text: (o) => formatFill(o.event.filledQty, o.event.origQty), right: true },
  { title: 'STATUS', text: (o) => o.event.status, style: (o, c) => statusStyle(c, o.event.status) },
  { title: 'AGE', text: (o, nowMs) => formatAge(nowMs - o.placedAtMs), right: true },
  { title: 'CLIENT ORDER ID', text: (o) => o.event.clientOrderId },
];

const MARKET_COLUMN: Column = { title: 'MARKET', text: (o) => o.event.market, style: (_o, c) => c.dim };

/**
 * The open orders as an aligned table with a header row, already in display order. Columns are
 * padded before colouring, so escape codes never break the alignment. With several markets each
 * row starts with its market.
 */
export function formatOrdersTable(orders: readonly OpenOrder[], c: ChalkInstance, nowMs: number, withMarket: boolean): string[] {
  const columns = withMarket ? [MARKET_COLUMN, ...COLUMNS] : COLUMNS;
  const cells = orders.map((o) => columns.map((column) => column.text(o, nowMs)));
  const widths = columns.map((column, i) => Math.max(column.title.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const align = (text: string, i: number) => (columns[i]?.right ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0));
  const header = c.dim(columns.map((column, i) => align(column.title, i)).join('  ').trimEnd());
  const rows = orders.map((o, r) =>
    columns
      .map((column, i) => {
        const text = align(cells[r]?.[i] ?? '', i);
        return column.style ? column.style(o, c)(text) : text;
      })
      .join('  ')
      .trimEnd(),
  );
  return [header, ...rows];
}
