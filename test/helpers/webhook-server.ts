import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait.js';

/** What the server answers to one request: a status with headers, or no answer at all. */
export type Reply = { status: number; headers?: Record<string, string> } | 'hang';

export interface ReceivedRequest {
  path: string;
  body: string;
  headers: IncomingMessage['headers'];
  atMs: number;
  /** The status it was answered with, or 'hang'. */
  reply: number | 'hang';
}

export interface WebhookServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Answers the next requests with these replies, in order; then 200. */
  script(...replies: Reply[]): void;
  /** Answers every later request with this reply, until changed. */
  always(reply: Reply): void;
  /** The bodies answered with 2xx, parsed, in arrival order. */
  delivered(): Record<string, unknown>[];
  waitForDelivered(count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1:0 that records every POST and answers as scripted. */
export async function startWebhookServer(): Promise<WebhookServer> {
  const requests: ReceivedRequest[] = [];
  const scripted: Reply[] = [];
  let fallback: Reply = { status: 200 };
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const reply = scripted.shift() ?? fallback;
      requests.push({ path: req.url ?? '', body, headers: req.headers, atMs: Date.now(), reply: reply === 'hang' ? 'hang' : reply.status });
      if (reply === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(reply.status, reply.headers).end(reply.status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const delivered = () => requests.filter((r) => r.reply !== 'hang' && r.reply < 300).map((r) => JSON.parse(r.body) as Record<string, unknown>);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => scripted.push(...replies),
    always: (reply) => {
      fallback = reply;
    },
    delivered,
    waitForDelivered: (count, timeoutMs = 10_000) =>
      waitFor(`${count} delivered webhook requests (have ${delivered().length})`, () => (delivered().length >= count ? delivered() : undefined), timeoutMs),
    waitForRequests: (count, timeoutMs = 10_000) =>
      waitFor(`${count} webhook requests (have ${requests.length})`, () => (requests.length >= count ? requests : undefined), timeoutMs),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
