import type { ServerResponse } from 'node:http';
import type { SimFailRule } from './fail-rules.js';

const CHUNK_BYTES = 64 * 1024;

/**
 * The answers of a misbehaving server: a body that trickles in a byte at a time after prompt headers,
 * or one far larger than any Binance answer. Both stop when the client goes away, and every timer
 * dies with the response.
 */
export function sendSlowly(response: ServerResponse, rule: SimFailRule): void {
  const body = typeof rule.body === 'string' ? rule.body : JSON.stringify(rule.body ?? {});
  response.writeHead(rule.status, { 'Content-Type': 'application/json', ...rule.headers });
  if (rule.trickleMs !== undefined) trickle(response, body, rule.trickleMs);
  else flood(response, rule.bodyBytes ?? 0);
}

function trickle(response: ServerResponse, body: string, intervalMs: number): void {
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= body.length) {
      clearInterval(timer);
      response.end();
      return;
    }
    response.write(body[sent++]);
  }, intervalMs);
  response.once('close', () => clearInterval(timer));
}

/** `{"pad":"xxxx…"}` of about `bytes` bytes, written as fast as the client reads. */
function flood(response: ServerResponse, bytes: number): void {
  const chunk = Buffer.alloc(CHUNK_BYTES, 'x');
  let left = bytes;
  let closed = false;
  response.once('close', () => (closed = true));
  response.write('{"pad":"');
  const pump = () => {
    while (!closed && left > 0) {
      const piece = left >= CHUNK_BYTES ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!closed) response.end('"}');
  };
  pump();
}
