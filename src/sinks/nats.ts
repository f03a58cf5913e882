/**
 * The NATS JetStream destination. This module pulls in the NATS client, so the CLI imports it only
 * when --nats is given.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, jetstreamManager, type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import { connect, credsAuthenticator, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node';
import { rateLimitedWarn, type Logger } from '../log/log.js';
import { redactUrl } from '../log/redact.js';
import { backoffDelayMs } from '../stream/backoff.js';
import type { Destination } from './destination.js';
import type { SinkItem } from './item.js';
import { messageIdOf, subjectOf, type SubjectTemplate } from './nats-message.js';
import type { SinkQueue } from './queue.js';

/** How we prove who we are to the NATS server: from NATS_CREDS, NATS_USER/NATS_PASSWORD or NATS_TOKEN. */
export type NatsAuth =
  | { kind: 'none' }
  | { kind: 'creds'; creds: Uint8Array }
  | { kind: 'user'; user: string; pass: string }
  | { kind: 'token'; token: string };

export interface NatsOptions {
  /** One server URL or several, comma separated: nats://host:4222, tls://host:4222. */
  url: string;
  subject: SubjectTemplate;
  /** The JetStream stream; created when missing. */
  stream: string;
  auth: NatsAuth;
  log: Logger;
  now: () => number;
  random: () => number;
  /** Publishes awaiting their ack at once. @default 64 */
  maxInFlight?: number;
  /** A publish not acknowledged within this counts as failed and is sent again. @default 5_000 */
  ackTimeoutMs?: number;
  /** Connect attempts and failed publishes back off from here, full jitter, doubling. @default 250 */
  retryBaseMs?: number;
  /** @default 10_000 */
  retryCapMs?: number;
  /** The client's pause between reconnect attempts after losing the server. @default 1_000 */
  reconnectWaitMs?: number;
  /**
   * The duplicate window of a stream we create: a tailer that publishes an update later than this
   * after the other one did makes a second message. @default 600_000
   */
  duplicateWindowMs?: number;
}

/** The window JetStream needs at least for two tailers' copies of an update to meet. */
const MIN_DUPLICATE_WINDOW_MS = 120_000;
const NANOS_PER_MS = 1_000_000;
const WARNINGS_PER_MINUTE = 5;
// What a publish fails with when no stream captures its subject (the client says "jetstream is not enabled").
const STREAM_MISSING = /no responders|stream not found|jetstream is not enabled|503/i;

type Attempt = { item: SinkItem; ack: Promise<PubAck | Error> };

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Publishes each event to JetStream with a Nats-Msg-Id, in order, a bounded number awaiting acks. */
export function natsDestination(options: NatsOptions): Destination {
  const { url, subject, stream, auth, log, now, random } = options;
  const { maxInFlight = 64, ackTimeoutMs = 5_000, retryBaseMs = 250, retryCapMs = 10_000, reconnectWaitMs = 1_000 } = options;
  const duplicateWindowMs = Math.max(MIN_DUPLICATE_WINDOW_MS, options.duplicateWindowMs ?? 600_000);
  const servers = url.split(',').map((server) => server.trim());
  const label = `nats ${servers.map(redactUrl).join(',')} stream ${stream}`;
  const warn = rateLimitedWarn(log, WARNINGS_PER_MINUTE, 60_000, now);
  const pause = (attempt: number, signal: AbortSignal) =>
    sleep(backoffDelayMs(attempt, retryBaseMs, retryCapMs, random), undefined, { signal }).then(
      () => true,
      () => false,
    );

  const connectOptions: NodeConnectionOptions = {
    servers,
    name: 'binance-orders',
    maxReconnectAttempts: -1,
    timeout: ackTimeoutMs,
    reconnectTimeWait: reconnectWaitMs,
    ...(servers.some((server) => server.startsWith('tls://')) ? { tls: {} } : {}),
    ...(auth.kind === 'creds' ? { authenticator: credsAuthenticator(auth.creds) } : {}),
    ...(auth.kind === 'user' ? { user: auth.user, pass: auth.pass } : {}),
    ...(auth.kind === 'token' ? { token: auth.token } : {}),
  };

  /** Connects, retrying with backoff until it works or `signal` aborts. */
  async function connectUntilUp(signal: AbortSignal): Promise<NatsConnection | undefined> {
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        const nc = await connect(connectOptions);
        if (signal.aborted) {
          await nc.close();
          return undefined;
        }
        return nc;
      } catch (err) {
        warn(`${label}: cannot connect (${messageOf(err)}); events wait in the queue`);
        if (!(await pause(attempt, signal))) return undefined;
      }
    }
    return undefined;
  }

  /** Creates the stream when it does not exist; reports a duplicate window too short for failover. */
  async function ensureStream(nc: NatsConnection): Promise<void> {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream).catch((err: unknown) => {
      if ((err as { name?: string }).name === 'StreamNotFoundError' || /not found/i.test(messageOf(err))) return undefined;
      throw err;
    });
    if (info === undefined) {
      await jsm.streams.add({ name: stream, subjects: [subject.streamSubject], duplicate_window: duplicateWindowMs * NANOS_PER_MS }).catch(async (err: unknown) => {
        // Another tailer may have created it a moment ago.
        if (!/already in use|exists/i.test(messageOf(err))) throw err;
      });
      log.info(`${label}: created the stream for ${subject.streamSubject}, duplicate window ${duplicateWindowMs / 60_000}m`);
      return;
    }
    const windowMs = info.config.duplicate_window / NANOS_PER_MS;
    if (windowMs < MIN_DUPLICATE_WINDOW_MS) {
      log.warn(`${label}: the stream's duplicate window is ${windowMs / 1000}s; two tailers need at least 2m to publish each update once`);
    }
  }

  function publish(js: JetStreamClient, item: SinkItem): Promise<PubAck | Error> {
    return js
      .publish(subjectOf(subject, item), item.line, { msgID: messageIdOf(item), timeout: ackTimeoutMs, expect: { streamName: stream } })
      .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  }

  /**
   * Publishes until the queue is closed and empty ('done'), `signal` aborts ('aborted'), or the
   * connection closes for good ('lost'). Up to maxInFlight publishes await their acks; they are
   * settled in order. When one fails, everything in flight from it on goes back to the queue and is
   * sent again after a pause: those already stored come back as duplicates of their Nats-Msg-Id and
   * are dropped by the server, so a retry never makes a second message.
   */
  async function publishUntil(nc: NatsConnection, queue: SinkQueue, signal: AbortSignal): Promise<'done' | 'aborted' | 'lost'> {
    const js = jetstream(nc, { timeout: ackTimeoutMs });
    const inFlight: Attempt[] = [];
    const aborted = new Promise<'aborted'>((resolve) => signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
    let failures = 0;
    const putBackInFlight = () => queue.putBack(inFlight.splice(0).map(({ item }) => item));
    for (;;) {
      if (signal.aborted || nc.isClosed()) {
        putBackInFlight();
        return signal.aborted ? 'aborted' : 'lost';
      }
      while (inFlight.length < maxInFlight) {
        const item = queue.takeNow();
        if (item === undefined) break;
        inFlight.push({ item, ack: publish(js, item) });
      }
      const head = inFlight[0];
      if (head === undefined) {
        const item = await queue.take(signal);
        if (item === undefined) return signal.aborted ? 'aborted' : 'done';
        inFlight.push({ item, ack: publish(js, item) });
        continue;
      }
      const result = await Promise.race([head.ack, aborted]);
      if (result === 'aborted') continue;
      if (!(result instanceof Error)) {
        inFlight.shift();
        queue.settle('delivered');
        failures = 0;
        continue;
      }
      // Wait for the rest in flight to settle (each is bounded by the ack timeout), so a late ack
      // cannot race the retry, then send them all again in order.
      await Promise.race([Promise.all(inFlight.map(({ ack }) => ack)), aborted]);
      if (signal.aborted) continue;
      warn(`${label}: publish failed (${result.message}); ${inFlight.length} events in flight will be sent again, ${queue.length} more waiting`);
      putBackInFlight();
      if (!(await pause(failures++, signal))) return 'aborted';
      // The stream may have been deleted or never created (no rights to, or NATS was down at start).
      if (STREAM_MISSING.test(result.message)) await ensureStream(nc).catch(() => {});
    }
  }

  async function run(queue: SinkQueue, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const nc = await connectUntilUp(signal);
      if (nc === undefined) return;
      void watchStatus(nc);
      try {
        await ensureStream(nc).catch((err: unknown) => warn(`${label}: cannot check or create the stream (${messageOf(err)}); publishing anyway`));
        const outcome = await publishUntil(nc, queue, signal);
        if (outcome !== 'lost') return;
      } finally {
        await nc.close().catch(() => {});
      }
    }
  }

  /** Says on stderr when the link to NATS goes and comes back; the client reconnects by itself. */
  async function watchStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') warn(`${label}: disconnected; events are kept and published after reconnecting`);
      else if (status.type === 'reconnect') log.info(`${label}: reconnected`);
      else if (status.type === 'error') warn(`${label}: ${messageOf(status.error)}`);
    }
  }

  return { label, run };
}
