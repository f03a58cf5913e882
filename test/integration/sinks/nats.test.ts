import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/log/log.js';
import { DEFAULT_SUBJECT_TEMPLATE, parseSubjectTemplate, type SubjectTemplate } from '../../../src/sinks/nats-message.js';
import { natsDestination, type NatsOptions } from '../../../src/sinks/nats.js';
import { natsServerBinary, startNatsServer, type NatsServer, type StoredMessage } from '../../helpers/nats-server.js';
import { startSinks, type SinkRun } from '../../helpers/sink-run.js';
import { waitFor } from '../../helpers/wait.js';

const subject = parseSubjectTemplate(DEFAULT_SUBJECT_TEMPLATE) as SubjectTemplate;

let nats: NatsServer;
let run: SinkRun | undefined;

beforeAll(async () => {
  natsServerBinary();
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.dispose();
});
afterEach(async () => {
  await run?.hub.stop(0);
  run = undefined;
});

/** A NATS destination with its timers scaled down for a test. */
const natsSink = (log: Logger, stream: string, extra: Partial<NatsOptions> = {}) =>
  natsDestination({
    url: nats.url, subject, stream, auth: { kind: 'none' }, log, now: Date.now, random: Math.random,
    ackTimeoutMs: 500, retryBaseMs: 20, retryCapMs: 200, reconnectWaitMs: 100, ...extra,
  });

async function waitForMessages(stream: string, count: number, timeoutMs = 10_000): Promise<StoredMessage[]> {
  let seen: StoredMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    seen = await nats.messages(stream).catch(() => []);
    if (seen.length >= count) return seen;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${count} messages in ${stream} (have ${seen.length})`);
}

const orderIds = (messages: StoredMessage[]) => messages.map((m) => m.json.orderId);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_v, i) => from + i);

describe('--nats', () => {
  it('creates the stream for binance.orders.> with a duplicate window of at least 2 minutes, then publishes each event in order', async () => {
    run = startSinks((log) => [natsSink(log, 'FRESH')]);
    run.orders(1, 2, 3);
    const messages = await waitForMessages('FRESH', 3);
    expect(orderIds(messages)).toEqual([1, 2, 3]);
    expect(messages[0]).toMatchObject({ subject: 'binance.orders.default.usdm.order', msgId: 'default:usdm:order:BTCUSDT:1:NEW:NEW:0:0:1796000000000' });
    expect(messages[0]?.json).toMatchObject({ event: 'order', price: '65000.10', source: 'ws' });
    const config = await nats.streamConfig('FRESH');
    expect(config.subjects).toEqual(['binance.orders.>']);
    expect(config.duplicate_window).toBeGreaterThanOrEqual(120_000 * 1_000_000);
    await run.waitForLog(/nats nats:\/\/127\.0\.0\.1:\d+ stream FRESH: created the stream/);
  });

  it('leaves one message per update when the same update is published twice, as two tailers would', async () => {
    run = startSinks((log) => [natsSink(log, 'TWICE', { subject: parseSubjectTemplate('twice.{account}.{market}') as SubjectTemplate }), natsSink(log, 'TWICE', { subject: parseSubjectTemplate('twice.{account}.{market}') as SubjectTemplate })]);
    run.orders(1, 2, 3, 2, 1);
    await run.hub.stop(5_000);
    const messages = await nats.messages('TWICE');
    expect(orderIds(messages)).toEqual([1, 2, 3]);
    expect(run.hub.counts().map(({ counts }) => counts.delivered)).toEqual([5, 5]);
  });

  it('loses nothing and keeps the order when NATS goes away in the middle of a flow', async () => {
    run = startSinks((log) => [natsSink(log, 'OUTAGE', { subject: parseSubjectTemplate('outage.{market}') as SubjectTemplate })]);
    run.orders(...range(1, 10));
    await waitForMessages('OUTAGE', 10);
    await nats.stop();
    run.orders(...range(11, 20));
    await run.waitForLog(/disconnected; events are kept and published after reconnecting|publish failed/);
    await waitFor('events waiting for NATS', () => (run?.hub.counts()[0]?.counts.pending ? true : undefined));
    await nats.start();
    run.orders(...range(21, 30));
    const messages = await waitForMessages('OUTAGE', 30);
    await run.hub.stop(5_000);
    expect(orderIds(await nats.messages('OUTAGE'))).toEqual(range(1, 30));
    expect(new Set(messages.map((m) => m.msgId)).size).toBe(30);
    expect(run.logs.join('\n')).not.toMatch(/not delivered|dropped/);
  });

  it('creates the stream again when it is deleted while tail runs', async () => {
    run = startSinks((log) => [natsSink(log, 'DELETED', { subject: parseSubjectTemplate('deleted.{market}') as SubjectTemplate })]);
    run.orders(1);
    await waitForMessages('DELETED', 1);
    await nats.deleteStream('DELETED');
    run.orders(2);
    expect(orderIds(await waitForMessages('DELETED', 1))).toEqual([2]);
  });

  it('waits for a NATS that is down at start, and publishes what was queued once it is up', async () => {
    await nats.stop();
    run = startSinks((log) => [natsSink(log, 'LATE', { subject: parseSubjectTemplate('late.{market}') as SubjectTemplate })]);
    run.orders(1, 2);
    await run.waitForLog(/cannot connect .*; events wait in the queue/);
    await nats.start();
    expect(orderIds(await waitForMessages('LATE', 2))).toEqual([1, 2]);
  });

  it('reports how many events NATS never got when the drain time runs out', async () => {
    await nats.stop();
    run = startSinks((log) => [natsSink(log, 'GONE')]);
    run.orders(1, 2, 3);
    await run.hub.stop(200);
    expect(run.logs).toContainEqual(expect.stringMatching(/stream GONE: 3 events not delivered \(stopped after 200ms\)/));
    await nats.start();
  });
});
