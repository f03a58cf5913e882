import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/log/log.js';
import { webhookDestination, type WebhookOptions } from '../../../src/sinks/webhook.js';
import { startSinks, type SinkRun } from '../../helpers/sink-run.js';
import { waitFor } from '../../helpers/wait.js';
import { startWebhookServer, type WebhookServer } from '../../helpers/webhook-server.js';

const TOKEN_PATH = '/services/T0/B0/SENTINEL-WEBHOOK-TOKEN';

let server: WebhookServer;
let other: WebhookServer;
let run: SinkRun | undefined;

beforeEach(async () => {
  [server, other] = await Promise.all([startWebhookServer(), startWebhookServer()]);
});
afterEach(async () => {
  await run?.hub.stop(0);
  run = undefined;
  await Promise.all([server.close(), other.close()]);
});

/** A webhook with retries scaled down to milliseconds. */
const webhook = (log: Logger, url: string, extra: Partial<WebhookOptions> = {}) =>
  webhookDestination({ url, format: 'json', log, now: Date.now, random: Math.random, retryBaseMs: 5, retryCapMs: 20, requestTimeoutMs: 2_000, ...extra });

const orderIds = (bodies: Record<string, unknown>[]) => bodies.map((b) => b.orderId);

describe('--webhook', () => {
  it('POSTs each event as its JSON line, in order', async () => {
    run = startSinks((log) => [webhook(log, `${server.url}/hook`)]);
    run.orders(1, 2, 3);
    expect(orderIds(await server.waitForDelivered(3))).toEqual([1, 2, 3]);
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    expect(server.requests[0]?.body).toMatch(/^\{"event":"order","market":"usdm",.*"source":"ws"\}$/);
  });

  it('retries a 5xx and a dropped connection with backoff, and never lets a later event overtake', async () => {
    server.script({ status: 503 }, { status: 500 }, 'hang');
    run = startSinks((log) => [webhook(log, server.url, { requestTimeoutMs: 200 })]);
    run.orders(1, 2);
    expect(orderIds(await server.waitForDelivered(2))).toEqual([1, 2]);
    expect(server.requests.map((r) => [JSON.parse(r.body).orderId, r.reply])).toEqual([[1, 503], [1, 500], [1, 'hang'], [1, 200], [2, 200]]);
    await run.waitForLog(/HTTP 503; retrying/);
  });

  it("waits for a 429's Retry-After before trying the same event again", async () => {
    server.script({ status: 429, headers: { 'retry-after': '1' } });
    run = startSinks((log) => [webhook(log, server.url)]);
    run.orders(1, 2);
    await server.waitForDelivered(2);
    const [refused, retried] = server.requests;
    expect(retried!.atMs - refused!.atMs).toBeGreaterThanOrEqual(900);
    expect(orderIds(server.delivered())).toEqual([1, 2]);
  });

  it('drops and counts an event refused with a 4xx, says so once, and goes on with the next', async () => {
    server.script({ status: 400 });
    run = startSinks((log) => [webhook(log, server.url + TOKEN_PATH)]);
    run.orders(1, 2);
    expect(orderIds(await server.waitForDelivered(1))).toEqual([2]);
    expect(server.requests).toHaveLength(2);
    await run.waitForLog(/webhook http:\/\/127\.0\.0\.1:\d+\/…: HTTP 400 refused the order event; dropped it/);
    // The server records the second request before its reply reaches the sink: wait for the sink to count it.
    await waitFor('the sink to count the delivery', () => (run?.hub.counts()[0]?.counts.pending === 0 ? true : undefined));
    expect(run.hub.counts()[0]?.counts).toMatchObject({ delivered: 1, failed: 1, pending: 0 });
    expect(run.logs.join('\n')).not.toContain('SENTINEL-WEBHOOK-TOKEN');
  });

  it('keeps delivering to one webhook while another hangs, and reports what the hung one never got', async () => {
    server.always('hang');
    run = startSinks((log) => [webhook(log, server.url + TOKEN_PATH, { requestTimeoutMs: 60_000 }), webhook(log, other.url)]);
    run.orders(1, 2, 3);
    expect(orderIds(await other.waitForDelivered(3))).toEqual([1, 2, 3]);
    await waitFor('the hung webhook alone holding events', () => (run?.hub.summary() === 'sinks 3 queued' ? true : undefined));
    await run.hub.stop(100);
    expect(run.logs).toContainEqual(expect.stringMatching(/webhook http:\/\/127\.0\.0\.1:\d+\/…: 3 events not delivered \(stopped after 100ms\)/));
    expect(run.logs.join('\n')).not.toContain('SENTINEL-WEBHOOK-TOKEN');
  });

  it('drops the oldest events when a webhook is down longer than its queue holds, and says how many', async () => {
    server.always({ status: 503 });
    run = startSinks((log) => [webhook(log, server.url)], { queueCapacity: 3 });
    run.orders(1);
    await server.waitForRequests(2);
    run.orders(2, 3, 4, 5, 6);
    await run.waitForLog(/queue full \(3 events\); dropped the oldest, 1 so far/);
    server.always({ status: 200 });
    await run.hub.stop(5_000);
    // Event 1 was being retried when the queue filled; the oldest waiting behind it made room.
    expect(orderIds(server.delivered())).toEqual([1, 4, 5, 6]);
    expect(run.logs).toContainEqual(expect.stringMatching(/4 delivered, 2 dropped \(queue full\), 0 failed/));
  });

  it('delivers what is queued within the drain time when stopped', async () => {
    server.script({ status: 503 }, { status: 503 });
    run = startSinks((log) => [webhook(log, server.url)]);
    run.orders(1, 2, 3, 4);
    await run.hub.stop(5_000);
    expect(orderIds(server.delivered())).toEqual([1, 2, 3, 4]);
    expect(run.logs.join('\n')).not.toMatch(/not delivered/);
  });
});
