/** The body shapes a webhook can take. */
export const WEBHOOK_FORMATS = ['json', 'slack', 'discord', 'telegram'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

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
