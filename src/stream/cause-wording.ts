import { BinanceOrdersError } from '../errors/errors.js';
import { isNetworkError } from '../errors/network.js';
import { formatDuration } from '../log/time-format.js';
import type { DisconnectCause } from './classify.js';

/**
 * True for an error that a retry may cure: one of ours (classified by code), a network failure, or
 * an abort. Anything else, such as a TypeError, is a bug: still retried, but reported as unexpected.
 */
export function isExpectedFailure(error: unknown): boolean {
  if (error instanceof BinanceOrdersError) return true;
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  return isNetworkError(error);
}

/** How a disconnect reads in a log line and a gap report. */
export function describeCause(cause: DisconnectCause): string {
  switch (cause.kind) {
    case 'closed':
      // ws reports 1006 when the TCP connection ended without a close frame: a reset or a cut, not a close.
      if (cause.code === 1006) return 'connection lost with no close frame (1006)';
      return `closed by the server (${cause.code}${cause.reason ? ` ${cause.reason}` : ''})`;
    case 'socket-error':
      return `socket error (${cause.message})`;
    case 'handshake':
      return `handshake refused (HTTP ${cause.status}${cause.retryAfterMs === undefined ? '' : `, retry after ${formatDuration(cause.retryAfterMs)}`})`;
    case 'stale':
      return `no frame for ${formatDuration(cause.silentMs)}; link presumed dead`;
    case 'key-expired':
      return cause.via === 'event' ? 'listenKey expired (listenKeyExpired)' : 'listenKey expired (keepalive -1125)';
    case 'rest': {
      const { error } = cause;
      const message = error instanceof Error ? error.message : String(error);
      if (isExpectedFailure(error)) return `listenKey request failed (${message})`;
      const name = error instanceof Error ? error.name : typeof error;
      return `listenKey request failed with an unexpected error (${name}: ${message}); retrying, but this looks like a bug`;
    }
  }
}
