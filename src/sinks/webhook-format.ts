import type { SinkItem } from './item.js';
import { chatLine } from './chat-line.js';

/** The body shapes a webhook can take. */
export const WEBHOOK_FORMATS = ['json', 'slack', 'discord', 'telegram'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

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

/**
 * Telegram's chat id: the URL's `chat_id` query parameter, else the TELEGRAM_CHAT_ID variable.
 * Undefined when neither says, which the CLI reports as a usage error.
 */
export function telegramChatId(url: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const fromUrl = new URL(url).searchParams.get('chat_id');
  if (fromUrl !== null && fromUrl !== '') return fromUrl;
  const fromEnv = env.TELEGRAM_CHAT_ID?.trim();
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
