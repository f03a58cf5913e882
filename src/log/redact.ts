const REDACTED = /^[^…]{4}…[^…]{4}$/u;

/**
 * The only way a key is ever rendered: its first and last four characters. Idempotent, so a frame
 * recorded with its key redacted prints the same when replayed through the raw formatter.
 */
export function redactKey(key: string): string {
  if (REDACTED.test(key)) return key;
  return key.length > 12 ? `${key.slice(0, 4)}…${key.slice(-4)}` : '…';
}

/** Replaces every occurrence of each secret in text by its redacted form. */
export function scrub(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0 && out.includes(secret)) out = out.replaceAll(secret, redactKey(secret));
  }
  return out;
}

/**
 * A URL as stderr may show it: scheme and host only. Webhook tokens live in the path or query
 * (Slack, Discord, Telegram) and passwords in the user part, so all of those are cut.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hidden = (parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search !== '' || parsed.hash !== '';
    return `${parsed.protocol}//${parsed.host}${hidden ? '/…' : ''}`;
  } catch {
    return '(unparsable URL)';
  }
}
