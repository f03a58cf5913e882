import WebSocket from 'ws';
import { streamUrl } from '../../exchange/endpoints.js';
import { formatDuration } from '../../log/time-format.js';
import { listenKeyApi } from '../../rest/listen-key.js';
import { scrub } from '../../log/redact.js';
import { createRestClient } from '../../rest/client.js';
import type { Check, CheckResult } from '../check.js';
import { hintFor } from '../hints.js';

const STATUS_HINTS: Readonly<Record<number, string>> = {
  400: 'the route rejected the request: check the {listenKey} placement in --ws-url',
  404: 'no stream at this route: check --ws-url, or the market (-m) the key belongs to',
  403: 'refused by the exchange\'s firewall (region or IP); try another network',
  429: 'too many connection attempts from this IP; wait a few minutes',
  503: 'the stream server refused new connections; try again in a minute',
};

/** Opens the stream on the chosen route with a fresh key and keeps it open a few seconds. */
export const streamCheck: Check = {
  id: 'stream',
  title: 'stream',
  async run(ctx) {
    if (!ctx.apiKey?.trim()) return { outcome: 'skip', summary: 'no BINANCE_API_KEY; the stream was not opened' };
    const rest = createRestClient({ baseUrl: ctx.endpoints.restBase, apiKey: ctx.apiKey.trim(), timeoutMs: ctx.timeoutMs, now: ctx.now });
    const key = await listenKeyApi(rest, ctx.endpoints.listenKeyPath).create(ctx.signal);
    const result = await holdOpen(streamUrl(ctx.endpoints.streamTemplate, key), ctx.timeoutMs, ctx.streamHoldMs, ctx.signal);
    return { ...result, summary: scrub(result.summary, [key, encodeURIComponent(key)]) };
  },
};

function holdOpen(url: string, handshakeTimeoutMs: number, holdMs: number, signal: AbortSignal): Promise<CheckResult> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { handshakeTimeout: handshakeTimeoutMs });
    let holdTimer: NodeJS.Timeout | undefined;
    let openedAtMs: number | undefined;
    const finish = (result: CheckResult) => {
      clearTimeout(holdTimer);
      signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', () => {}); // late errors of a socket being torn down mean nothing now
      socket.terminate();
      resolve(result);
    };
    const onAbort = () => finish({ outcome: 'skip', summary: 'interrupted' });
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      finish({ outcome: 'fail', summary: `the stream handshake answered HTTP ${status} on ${url}`, hint: STATUS_HINTS[status] });
    });
    socket.on('open', () => {
      openedAtMs = Date.now();
      holdTimer = setTimeout(
        () => finish({ outcome: 'ok', summary: `opened ${url} and it stayed open ${formatDuration(holdMs)} (no events is normal until an order changes)` }),
        holdMs,
      );
    });
    socket.on('close', (code, reason) => {
      const after = openedAtMs === undefined ? 'before it opened' : `after ${formatDuration(Date.now() - openedAtMs)}`;
      finish({
        outcome: 'fail',
        summary: `the stream closed ${after} with code ${code}${reason.length > 0 ? ` "${reason.toString()}"` : ''}`,
        hint: 'the server ended the connection: the key may have been deleted by another client (listen-key close), or a proxy cuts WebSockets',
      });
    });
    socket.on('error', (err) => finish({ outcome: 'fail', summary: `the stream did not open: ${err.message}`, hint: hintFor(err) }));
  });
}
