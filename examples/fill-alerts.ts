// A bot that follows an account's order updates and reacts to fills, with the guarantees of
// `binance-orders tail`: reconnects, listenKey renewal, 24 h rotation, no duplicates, and gaps
// recovered over signed REST because a secret is given. Compile it with tsc, then run:
//   BINANCE_API_KEY=… BINANCE_API_SECRET=… node fill-alerts.js
// BINANCE_REST_URL and BINANCE_WS_URL point it elsewhere, e.g. at a simulated exchange.
import { followOrders, type OrderEvent } from 'binance-orders';

const apiKey = process.env.BINANCE_API_KEY;
if (!apiKey) throw new Error('set BINANCE_API_KEY');

const stream = followOrders({
  apiKey,
  apiSecret: process.env.BINANCE_API_SECRET,
  market: 'usdm',
  events: ['order'],
  ...(process.env.BINANCE_REST_URL ? { restUrl: process.env.BINANCE_REST_URL } : {}),
  ...(process.env.BINANCE_WS_URL ? { wsUrl: process.env.BINANCE_WS_URL } : {}),
  signal: AbortSignal.timeout(Number(process.env.RUN_FOR_MS ?? 3_600_000)),
  onGap: (gap) => console.error(`no stream for ${gap.toMs - gap.fromMs} ms (${gap.cause}); recovered what was missed`),
});

function onFill(order: OrderEvent): void {
  console.log(JSON.stringify({ symbol: order.symbol, side: order.side, qty: order.lastFilledQty, price: order.lastFilledPrice, source: order.source }));
}

const fills = Number(process.env.STOP_AFTER_FILLS ?? Infinity);
let seen = 0;
try {
  for await (const e of stream) {
    if (e.event !== 'order' || e.execType !== 'TRADE') continue;
    onFill(e);
    if (++seen >= fills) break; // ends the stream: sockets closed, timers cleared, the process exits
  }
} catch (error) {
  // A fatal condition, such as a refused key: a stable code and the CLI's exit code.
  const { code, exitCode } = error as { code?: string; exitCode?: number };
  console.error(`stopped: ${(error as Error).message} (${code ?? 'unknown'})`);
  process.exitCode = exitCode ?? 1;
}
