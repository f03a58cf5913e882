import { Chalk } from 'chalk';
import type { OrderEvent } from '../events/types.js';
import { formatPretty } from '../output/pretty.js';
import type { SinkItem } from './item.js';
import type { WebhookFormat } from './webhook-format.js';

const plain = new Chalk({ level: 0 });

/** An order in one line a person reads on a phone: what, which way, how far filled, at what price, whose. */
function orderLine(e: OrderEvent): string {
  // Any non-zero digit means something filled; the decimals stay the strings Binance sent.
  const price = /[1-9]/.test(e.filledQty) ? ` avg ${e.avgPrice}` : '';
  return `${e.symbol} ${e.side} ${e.orderType} ${e.status} ${e.filledQty}/${e.origQty} @ ${e.price}${price} (${e.clientOrderId})`;
}

/**
 * The readable line of a chat message. Orders get their own compact form; every other kind reuses
 * the terminal's pretty line without colour, its column padding squeezed out.
 */
function chatLine({ event, account }: SinkItem): string {
  const where = account === 'default' ? event.market : `${account} ${event.market}`;
  if (event.event === 'order') return `${where}: ${orderLine(event)}`;
  return `${where}: ${formatPretty(event, plain).replace(/\s+/g, ' ').trim()}`;
}

/** The request body of one event, as JSON text. `chatId` is only read by telegram. */
export function webhookBody(format: WebhookFormat, item: SinkItem, chatId: string | undefined): string {
  switch (format) {
    case 'json':
      return item.line;
    case 'slack':
      return JSON.stringify({ text: chatLine(item) });
    case 'discord':
      return JSON.stringify({ content: chatLine(item) });
    case 'telegram':
      // Bot API sendMessage: https://api.telegram.org/bot<token>/sendMessage
      return JSON.stringify({ chat_id: chatId, text: chatLine(item), disable_web_page_preview: true });
  }
}
