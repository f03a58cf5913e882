/**
 * The floor: the least a consumer of the user-data stream can do. One listenKey POST, one socket,
 * and per frame JSON.parse, an event-type check, JSON.stringify and a buffered stdout write.
 * No validation, no reconnects: what the CLI is measured against. It does pause the socket while
 * stdout is full, as the CLI must: without that its memory would measure the reader's speed.
 * Usage: BENCH_REST_URL=http://… BENCH_WS_URL=ws://… BENCH_API_KEY=… node floor.js
 */
import { request } from 'node:http';
import WebSocket from 'ws';

const restUrl = process.env.BENCH_REST_URL ?? '';
const wsUrl = process.env.BENCH_WS_URL ?? '';
const apiKey = process.env.BENCH_API_KEY ?? '';
const BATCH_CHARS = 65_536;

let pending = '';
let scheduled = false;
let socket: WebSocket | undefined;

function flush(): void {
  scheduled = false;
  if (pending === '') return;
  if (!process.stdout.write(pending)) socket?.pause();
  pending = '';
}
process.stdout.on('drain', () => socket?.resume());

function handleMessage(data: WebSocket.RawData): void {
  const frame = JSON.parse(data.toString()) as { e?: unknown };
  if (frame.e !== 'ORDER_TRADE_UPDATE') return;
  pending += `${JSON.stringify(frame)}\n`;
  if (pending.length >= BATCH_CHARS) flush();
  else if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}

const req = request(`${restUrl}/fapi/v1/listenKey`, { method: 'POST', headers: { 'X-MBX-APIKEY': apiKey } }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (body += chunk));
  res.on('end', () => {
    const { listenKey } = JSON.parse(body) as { listenKey: string };
    socket = new WebSocket(`${wsUrl}/private/ws?listenKey=${listenKey}`, { perMessageDeflate: false });
    socket.on('message', handleMessage);
    socket.on('close', () => process.exit(0));
  });
});
req.end();
process.on('SIGTERM', () => {
  flush();
  process.exit(0);
});
