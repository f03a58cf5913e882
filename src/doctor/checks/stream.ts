import WebSocket from 'ws';
import { streamUrl, type ResolvedEndpoints } from '../../exchange/endpoints.js';
import { formatDuration } from '../../log/time-format.js';
import { listenKeyApi } from '../../rest/listen-key.js';
import { scrub } from '../../log/redact.js';
import { createRestClient } from '../../rest/client.js';
import type { Check, CheckResult } from '../check.js';
import { hintFor } from '../../errors/hints.js';
import { MAX_FRAME_BYTES } from '../../stream/connection.js';
import { routeCandidates } from '../../verify/routes.js';

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
    ctx.addSecret(key);
    const held = await holdOpen(streamUrl(ctx.endpoints.streamTemplate, key), ctx.timeoutMs, ctx.streamHoldMs, ctx.signal);
    const result = held.silent ? { ...held, hint: await silentRouteHint(ctx.endpoints, key, ctx.timeoutMs, ctx.signal) } : held;
    return { outcome: result.outcome, summary: scrub(result.summary, [key]), hint: result.hint === undefined ? undefined : scrub(result.hint, [key]) };
  },
};

/**
 * For a stream that opened and stayed silent: silence is normal while no order changes, but it is also
 * how a route Binance no longer feeds looks. Each alternative route of the endpoint table is opened
 * once with the same key, and the hint says which ones accept a connection (verify proves delivery).
 */
async function silentRouteHint(endpoints: ResolvedEndpoints, key: string, timeoutMs: number, signal: AbortSignal): Promise<string | undefined> {
  const alternatives = routeCandidates(endpoints).slice(1);
  if (alternatives.length === 0) return undefined;
  const probes = await Promise.all(alternatives.map(async ({ template }) => `${template} (${await probe(streamUrl(template, key), timeoutMs, signal)})`));
  return (
    'no frame arrived, which is normal while no order changes. If tail stays silent while orders do change, ' +
    `the route may be one Binance no longer feeds: try --ws-url with one of ${probes.join('; ')}, ` +
    'or run "binance-orders verify" (testnet), which places and cancels an order and names the route that delivered it'
  );
}

/** Whether a route accepts a WebSocket connection: "opens", or why not. */
function probe(url: string, timeoutMs: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs, maxPayload: MAX_FRAME_BYTES, signal });
    const done = (what: string) => {
      socket.removeAllListeners();
      socket.on('error', () => {}); // a late error of a probe being torn down means nothing now
      socket.terminate();
      resolve(what);
    };
    socket.on('open', () => done('opens'));
    socket.on('unexpected-response', (_req, res) => {
      res.resume();
      done(`HTTP ${res.statusCode ?? 0}`);
    });
    socket.on('error', (err) => done((err as NodeJS.ErrnoException).code ?? err.message));
  });
}

/** The stream check's result; `silent` when the socket stayed open and no frame arrived. */
type HoldResult = CheckResult & { silent?: boolean };

function holdOpen(url: string, handshakeTimeoutMs: number, holdMs: number, signal: AbortSignal): Promise<HoldResult> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { handshakeTimeout: handshakeTimeoutMs, maxPayload: MAX_FRAME_BYTES });
    let holdTimer: NodeJS.Timeout | undefined;
    let openedAtMs: number | undefined;
    let frames = 0;
    socket.on('message', () => frames++);
    const finish = (result: HoldResult) => {
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
        () =>
          finish({
            outcome: 'ok',
            summary: `opened ${url} and it stayed open ${formatDuration(holdMs)} (${frames === 0 ? 'no events is normal until an order changes' : `${frames} frame(s) received`})`,
            silent: frames === 0,
          }),
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
