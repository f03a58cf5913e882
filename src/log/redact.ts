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
