const REDACTED = /^[^…]{4}…[^…]{4}$/u;

/**
 * The only way a key is ever rendered: its first and last four characters. Idempotent, so a frame
 * recorded with its key redacted prints the same when replayed through the raw formatter.
 */
export function redactKey(key: string): string {
  if (REDACTED.test(key)) return key;
  return key.length > 12 ? `${key.slice(0, 4)}…${key.slice(-4)}` : '…';
}

// scheme://user[:password]@ — credentials written into a URL (a proxy or a --ws-url with user:pass).
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]+@/gi;

/** Every `user:password@` inside a URL in the text replaced by `…@`. */
export function redactUrlCredentials(text: string): string {
  return text.includes('@') ? text.replace(URL_CREDENTIALS, '$1…@') : text;
}

/**
 * Replaces every occurrence of each secret (and its URL-encoded form, as a key shows inside a URL) by
 * its redacted form, and removes credentials from URLs.
 */
export function scrub(text: string, secrets: Iterable<string>): string {
  let out = redactUrlCredentials(text);
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    if (out.includes(secret)) out = out.replaceAll(secret, redactKey(secret));
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.replaceAll(encoded, redactKey(secret));
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
