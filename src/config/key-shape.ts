/** Binance HMAC and Ed25519 API keys and HMAC secrets are 64 letters and digits. */
export const BINANCE_KEY_SHAPE = /^[A-Za-z0-9]{64}$/;

/** A warning for an API key that does not look like a Binance one (never showing any of it), or undefined. */
export function oddKeyWarning(name: string, value: string): string | undefined {
  if (BINANCE_KEY_SHAPE.test(value)) return undefined;
  return `${name} is ${value.length} characters, not 64 letters and digits like a Binance key: check that it was copied whole (binance-orders doctor checks it)`;
}
