/** The only way a key is ever rendered: its first and last four characters. */
export function redactKey(key: string): string {
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
