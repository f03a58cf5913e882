import { z } from 'zod';
import { Duration } from '../config/duration.js';
import type { Env } from '../config/env.js';
import { ConfigError, UsageError } from '../errors/errors.js';
import type { StreamEvent } from '../events/types.js';
import type { Logger } from '../log/log.js';
import { redactUrl } from '../log/redact.js';
import type { Destination } from '../sinks/destination.js';
import { DEFAULT_ACCOUNT } from '../sinks/item.js';
import { DEFAULT_SUBJECT_TEMPLATE, parseSubjectTemplate } from '../sinks/nats-message.js';
import { WEBHOOK_FORMATS, telegramChatId } from '../sinks/webhook-format.js';
import type { CliContext } from './context.js';
import { natsAuthOf } from './credentials.js';

/** The sink flags (addSinkOptions), for a command schema to spread. */
export const SinkOptions = z.object({
  exec: z.string().min(1, 'needs a command').optional(),
  execTimeout: Duration.prefault('30s'),
  webhook: z.array(z.string()).default([]),
  webhookFormat: z.enum(WEBHOOK_FORMATS).default('json'),
  nats: z.string().min(1, 'needs a server URL').optional(),
  natsSubject: z.string().default(DEFAULT_SUBJECT_TEMPLATE),
  natsStream: z.string().regex(/^[^\s.*>/\\]+$/, 'a stream name has no spaces, dots, *, >, / or \\').default('BINANCE_ORDERS'),
  sinkQueue: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  sinkDrain: Duration.prefault('5s'),
});
export type SinkOptions = z.output<typeof SinkOptions>;

/** What tail does with the sinks: hand them each printed event, show their counts, drain them at the end. */
export interface SinkAttachment {
  /** Hands an event that was printed to every sink, under its account (`default` unless --accounts names it). */
  deliver: (e: StreamEvent) => void;
  summary: () => string;
  stop: () => Promise<void>;
}

export interface SinkSetupIo {
  /** The process: its environment for the command's children (credentials left out there), its scrubber for the NATS credentials. */
  ctx: CliContext;
  /** Process environment over ./.env: where credentials are looked for. */
  env: Env;
  log: Logger;
  /** Credentials the run holds (API keys, secrets): no command run per event may inherit a variable holding one. */
  secrets: readonly string[];
}

/** Starts the sinks the flags name; undefined when none is asked for. */
export async function attachSinks(opts: SinkOptions, io: SinkSetupIo): Promise<SinkAttachment | undefined> {
  if (opts.exec === undefined && opts.webhook.length === 0 && opts.nats === undefined) return undefined;
  const { env, log } = io;
  const destinations: Destination[] = [];
  const webhookUrls = opts.webhook.map((given) => webhookUrlOf(given, env));

  for (const url of webhookUrls) {
    if (!/^https?:\/\/[^/]/i.test(url) || !URL.canParse(url)) throw new UsageError(`--webhook ${redactUrl(url)}: not an http(s) URL`);
    const chatId = opts.webhookFormat === 'telegram' ? telegramChatId(url, env) : undefined;
    if (opts.webhookFormat === 'telegram' && chatId === undefined) {
      throw new UsageError('--webhook-format telegram needs a chat id: add ?chat_id=<id> to the URL or set TELEGRAM_CHAT_ID');
    }
    const { webhookDestination } = await import('../sinks/webhook.js');
    destinations.push(webhookDestination({ url, format: opts.webhookFormat, chatId, log, now: Date.now, random: Math.random }));
  }
  if (opts.exec !== undefined) {
    const [{ execDestination }, { inheritedEnv }] = await Promise.all([import('../sinks/exec.js'), import('../sinks/exec-env.js')]);
    destinations.push(
      execDestination({
        command: opts.exec,
        env: inheritedEnv(io.ctx.env, [...io.secrets, ...webhookUrls]),
        timeoutMs: opts.execTimeout,
        log,
        now: Date.now,
        signalGroup: (pid, signal) => process.kill(-pid, signal),
      }),
    );
  }
  if (opts.nats !== undefined) {
    const subject = parseSubjectTemplate(opts.natsSubject);
    if (typeof subject === 'string') throw new UsageError(`--nats-subject: ${subject}`);
    for (const server of opts.nats.split(',')) {
      if (!/^(nats|tls):\/\/[^/]+$|^[^:/]+:\d+$/.test(server.trim())) throw new UsageError(`--nats ${redactUrl(server)}: use nats://host:port or tls://host:port`);
    }
    const auth = await natsAuthOf(env, io.ctx.secrets, io.ctx.cwd);
    // The NATS client is loaded only here, so that tail's start-up never pays for it otherwise.
    const { natsDestination } = await import('../sinks/nats.js');
    destinations.push(natsDestination({ url: opts.nats, subject, stream: opts.natsStream, auth, log, now: Date.now, random: Math.random }));
  }

  const { createSinkHub } = await import('../sinks/hub.js');
  const hub = createSinkHub(destinations, { log, now: Date.now, queueCapacity: opts.sinkQueue });
  for (const { label } of hub.counts()) log.debug(`${label}: ready`);
  return {
    deliver: (e) => hub.deliver(e, e.account ?? DEFAULT_ACCOUNT),
    summary: () => hub.summary(),
    stop: () => hub.stop(opts.sinkDrain),
  };
}

/**
 * A webhook URL carries its token, and a command line is visible to every user of the machine:
 * `env:NAME` reads the URL from that variable (environment or ./.env) instead.
 */
function webhookUrlOf(given: string, env: Env): string {
  if (!given.startsWith('env:')) return given;
  const name = given.slice('env:'.length);
  const url = env[name]?.trim();
  if (!url) throw new ConfigError(`--webhook ${given}: ${name} is not set (export it or put it in ./.env)`);
  return url;
}
