import { describe, expect, it } from 'vitest';
import { webhookBody } from '../../../src/sinks/webhook-body.js';
import { telegramChatId } from '../../../src/sinks/webhook-format.js';
import { orderItem } from '../../helpers/sink-items.js';

const filled = orderItem({ execType: 'TRADE', status: 'FILLED', filledQty: '0.010', avgPrice: '65000.10', clientOrderId: 'bot-7' });

describe('webhook bodies', () => {
  it('sends the JSON line unchanged in json format', () => {
    expect(webhookBody('json', filled, undefined)).toBe(filled.line);
  });

  it('gives chats one readable line: symbol, side, type, status, filled/qty, price, client order id', () => {
    const { text } = JSON.parse(webhookBody('slack', filled, undefined)) as { text: string };
    expect(text).toBe('usdm: BTCUSDT BUY LIMIT FILLED 0.010/0.010 @ 65000.10 avg 65000.10 (bot-7)');
    expect(JSON.parse(webhookBody('discord', filled, undefined))).toEqual({ content: text });
  });

  it('names the account in a chat line when it is not the default one', () => {
    const { text } = JSON.parse(webhookBody('slack', orderItem({}, 'desk-a'), undefined)) as { text: string };
    expect(text).toMatch(/^desk-a usdm: BTCUSDT BUY LIMIT NEW 0\/0.010 @ 65000.10 \(bot-1\)$/);
  });

  it('sends Telegram the sendMessage form with the chat id', () => {
    expect(JSON.parse(webhookBody('telegram', filled, '-100123'))).toMatchObject({ chat_id: '-100123', text: expect.stringContaining('FILLED') });
  });

  it('takes the Telegram chat id from the URL first, then from TELEGRAM_CHAT_ID', () => {
    const url = 'https://api.telegram.org/bot123:ABC/sendMessage';
    expect(telegramChatId(`${url}?chat_id=42`, { TELEGRAM_CHAT_ID: '7' })).toBe('42');
    expect(telegramChatId(url, { TELEGRAM_CHAT_ID: '7' })).toBe('7');
    expect(telegramChatId(url, {})).toBeUndefined();
  });
});
