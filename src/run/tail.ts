import type { Writable } from 'node:stream';
import type { ResolvedEndpoints } from '../exchange/endpoints.js';
import type { EventFilter } from '../events/filter.js';
import type { StreamEvent } from '../events/types.js';
import { listenKeyApi } from '../rest/listen-key.js';
import { rateLimitedWarn, type Logger } from '../log/log.js';
import { loadChalk } from '../output/color.js';
import { createSink } from '../output/sink.js';
import { createPipeline, type AccountTag, type OutputMode } from '../pipeline/pipeline.js';
import { attachReconciliation, type ReconcileSettings } from '../reconcile/attach.js';
import { createRestClient, header } from '../rest/client.js';
import type { WeightQueue } from '../rest/weight-queue.js';
import { createSupervisor, type SupervisorSnapshot } from '../stream/supervisor.js';
import type { StreamTimers } from '../stream/timers.js';

/** Everything `tail` needs, already validated. */
export interface TailConfig {
  endpoints: ResolvedEndpoints;
  apiKey: string;
  /** The variable the key came from, named when the exchange refuses it. @default 'BINANCE_API_KEY' */
  apiKeyName?: string | undefined;
  timers: StreamTimers;
  filter: EventFilter;
  output: OutputMode;
  /** 0 = no colour; see output/color.ts. */
  colorLevel: 0 | 1 | 2 | 3;
  /** DELETE the listenKey on exit (cuts every other consumer of the account). */
  closeListenKey: boolean;
  /** Stop after this many printed events. */
  count?: number | undefined;
  /** Recovery of updates lost in gaps over signed REST. @default { mode: 'off' } */
  reconcile?: ReconcileSettings;
  /** Start pretty lines with the market: several markets share stdout. */
  tagMarket?: boolean;
  /** The account from an accounts file: its name is set on every event and starts every pretty line. */
  account?: AccountTag | undefined;
}

/** The outside world, injected so tests and the demo can run the same code. */
export interface TailIo {
  stdout: Writable;
  log: Logger;
  /** Aborted on SIGINT/SIGTERM: stop, flush, resolve. */
  signal: AbortSignal;
  now: () => number;
  random: () => number;
  /** Called for every printed event. */
  onPrinted?: (e: StreamEvent) => void;
  /** Called with every frame received, before it is parsed (tail --record). */
  onFrame?: (text: string) => void;
  /** Shows the stream's health while the run lasts (the --status-line display). */
  status?: { start(read: () => SupervisorSnapshot): void; stop(): void };
  /** The REST weight queue shared by every stream of the process (one IP, one budget); without it the run counts alone. */
  weights?: WeightQueue;
}

const BAD_FRAME_WARNINGS_PER_MINUTE = 10;

/** Follows one market's user-data stream until stopped; rejects only on a fatal error. */
export async function runTail(config: TailConfig, io: TailIo): Promise<void> {
  const { endpoints, timers } = config;
  const { log, now } = io;
  log.addSecret(config.apiKey);
  const { weights } = io;
  const rest = createRestClient({
    baseUrl: endpoints.restBase,
    apiKey: config.apiKey,
    now,
    ...(config.apiKeyName ? { apiKeyName: config.apiKeyName } : {}),
    ...(weights ? { onResponse: (_status, headers) => noteWeight(weights, header(headers, 'x-mbx-used-weight-1m'), now()) } : {}),
  });
  const keys = listenKeyApi(rest, endpoints.listenKeyPath, weights);
  let printed = 0;
  let opened = false;
  let stopping: Promise<void> | undefined;
  const reconciliation = attachReconciliation(config.reconcile ?? { mode: 'off' }, {
    endpoints,
    apiKey: config.apiKey,
    log,
    now,
    print: (e) => pipeline.handleEvent(e),
    ...(weights ? { weights } : {}),
    apiKeyName: config.apiKeyName,
  });

  const sink = createSink(io.stdout, {
    onBrokenPipe: () => void stop(),
    onError: (err) => {
      log.error(`cannot write to stdout: ${err.message}`);
      void stop();
    },
    onPressure: (full) => (full ? supervisor.pause() : supervisor.resume()),
  });
  const pipeline = createPipeline({
    market: endpoints.market,
    filter: config.filter,
    output: config.output,
    tagMarket: config.tagMarket ?? false,
    account: config.account,
    chalk: config.output === 'pretty' ? await loadChalk(config.colorLevel) : undefined,
    write: sink.write,
    admit: reconciliation.admit,
    onBadFrame: rateLimitedWarn(log, BAD_FRAME_WARNINGS_PER_MINUTE, 60_000, now),
    onPrinted: (e) => {
      io.onPrinted?.(e);
      printed++;
      if (config.count !== undefined && printed >= config.count) void stop();
    },
  });
  const supervisor = createSupervisor({
    keys,
    streamTemplate: endpoints.streamTemplate,
    timers,
    now,
    random: io.random,
    log,
    closeListenKeyOnStop: config.closeListenKey,
    onFrame: (text, conn) => {
      io.onFrame?.(text);
      pipeline.handleFrame(text, () => supervisor.keyExpired(conn));
    },
    onGap: reconciliation.onGap,
    onOpen: (_conn, reconnected) => {
      if (!reconnected) log.info(`stream: connected to ${endpoints.market} ${endpoints.network} user data; waiting for events`);
      // The baseline waits for the first socket, so that nothing changes unseen between the two.
      if (!opened) reconciliation.start();
      else if (!reconnected) reconciliation.onRotated(supervisor.snapshot().keyObtainedAtMs ?? now());
      opened = true;
    },
  });

  function stop(): Promise<void> {
    stopping ??= (async () => {
      await supervisor.stop();
      await reconciliation.stop();
      await sink.flush();
    })();
    return stopping;
  }

  const onAbort = () => void stop();
  io.signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (io.signal.aborted) return;
    io.status?.start(supervisor.snapshot);
    await supervisor.run();
  } finally {
    io.status?.stop();
    io.signal.removeEventListener('abort', onAbort);
    await stop();
  }
}

/** Counts what the exchange reports as used this minute (every client on the IP) into the shared budget. */
function noteWeight(weights: WeightQueue, usedWeight: string | undefined, nowMs: number): void {
  const used = Number(usedWeight);
  if (usedWeight !== undefined && Number.isFinite(used)) weights.budget.note(used, nowMs);
}
