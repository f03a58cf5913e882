import { formatDuration } from '../log/time-format.js';
import { streamUrl } from '../exchange/endpoints.js';
import type { ListenKeyApi } from '../rest/listen-key.js';
import type { Logger } from '../log/log.js';
import { redactKey } from '../log/redact.js';
import { backoffDelayMs } from './backoff.js';
import { hintFor } from '../errors/hints.js';
import { describeCause, isExpectedFailure } from './cause-wording.js';
import { classify, type DisconnectCause } from './classify.js';
import { openConnection, type Connection } from './connection.js';
import { createGapTracker, type Gap } from './gap.js';
import { createKeepalive } from './keepalive.js';
import type { StreamTimers } from './timers.js';

export type { Gap };

export type StateName = 'connecting' | 'open' | 'rotating' | 'backoff' | 'stopped';

/** What the supervisor decided, as data: the structure behind its log lines, for observers such as tests. */
export type StreamTransition =
  | { kind: 'state'; from: StateName; to: StateName }
  /** A failure was classified as retryable: the next attempt (1-based) starts after `delayMs`. */
  | { kind: 'retry'; cause: DisconnectCause; attempt: number; delayMs: number }
  | { kind: 'gap-closed'; gap: Gap }
  /** Make-before-break: connection `toId` is live and `fromId` is closed. */
  | { kind: 'rotated'; fromId: number; toId: number; why: RotationReason };

/** What a status line shows. */
export interface SupervisorSnapshot {
  state: StateName;
  /** When the last frame of any connection arrived. */
  lastFrameAtMs: number | undefined;
  connectionOpenedAtMs: number | undefined;
  keyObtainedAtMs: number | undefined;
  reconnects: number;
  attempt: number;
}

export interface SupervisorOptions {
  keys: ListenKeyApi;
  /** Stream URL template containing `{listenKey}`. */
  streamTemplate: string;
  timers: StreamTimers;
  now: () => number;
  random: () => number;
  log: Logger;
  /** Every text frame of the live connection(s): the hot path. */
  onFrame: (text: string, conn: Connection) => void;
  onGap?: (gap: Gap) => void;
  /** Called when the first connection opens and after every reconnect. */
  onOpen?: (conn: Connection, reconnected: boolean) => void;
  /** Observes every transition; must not throw. */
  onTransition?: (transition: StreamTransition) => void;
  /** DELETE the listenKey on stop; it cuts every other consumer of the account. */
  closeListenKeyOnStop?: boolean;
}

/** The connection lifecycle; see the state diagram in the README. */
export interface Supervisor {
  /** Resolves after stop(); rejects with the error that ended it (a refused API key). */
  run(): Promise<void>;
  stop(): Promise<void>;
  /** The pipeline saw listenKeyExpired on this connection. Repeats and stale connections are ignored. */
  keyExpired(conn: Connection): void;
  /** The server of this connection announced it is going away: replace it make-before-break. */
  serverShutdown(conn: Connection): void;
  pause(): void;
  resume(): void;
  snapshot(): SupervisorSnapshot;
}

/** Why a live connection is replaced make-before-break. */
export type RotationReason = 'max-age' | 'server-shutdown';

const ROTATION_WORDING: Readonly<Record<RotationReason, string>> = {
  'max-age': 'before the 24 h limit',
  'server-shutdown': 'after the server announced its shutdown',
};

// Each state holds exactly the sockets, timer and abort handle it owns; leaving a state releases them.
type State =
  | { kind: 'connecting'; abort: AbortController; conn?: Connection }
  | { kind: 'backoff'; timer: NodeJS.Timeout }
  | { kind: 'open'; conn: Connection; timer?: NodeJS.Timeout }
  | { kind: 'rotating'; old: Connection; abort: AbortController; next?: Connection; why: RotationReason }
  | { kind: 'stopped' };

/** Creates the supervisor of one market's user-data stream. */
export function createSupervisor(options: SupervisorOptions): Supervisor {
  const { keys, streamTemplate, timers, now, random, log, onFrame, onGap, onOpen, onTransition } = options;
  let state: State = { kind: 'stopped' };
  let attempt = 0;
  /** Consecutive failed attempts that failed the same way, and that way (see failureKindOf). */
  let streak = { kind: '', count: 0 };
  let reconnects = 0;
  let everOpened = false;
  let paused = false;
  let nextConnId = 1;
  const gaps = createGapTracker({
    now,
    log,
    onGap: (gap) => {
      onTransition?.({ kind: 'gap-closed', gap });
      onGap?.(gap);
    },
  });
  let keyObtainedAtMs: number | undefined;
  let lastFrameAtMs: number | undefined;
  let settle: { resolve: () => void; reject: (err: unknown) => void } | undefined;
  const keepalive = createKeepalive({
    keys,
    timers,
    log,
    onKeyGone: () => {
      if (state.kind === 'open' || state.kind === 'rotating') fail({ kind: 'key-expired', via: 'keepalive' });
    },
    onFatal: (error) => finish(error),
  });

  function enter(next: State) {
    const prev = state;
    switch (prev.kind) {
      case 'connecting':
        prev.abort.abort();
        if (prev.conn && !(next.kind === 'open' && next.conn === prev.conn)) prev.conn.dispose();
        break;
      case 'backoff':
        clearTimeout(prev.timer);
        break;
      case 'open':
        clearTimeout(prev.timer);
        if (!(next.kind === 'rotating' && next.old === prev.conn) && !(next.kind === 'open' && next.conn === prev.conn)) {
          prev.conn.dispose();
        }
        break;
      case 'rotating':
        prev.abort.abort();
        if (!(next.kind === 'open' && next.conn === prev.old)) prev.old.dispose();
        if (prev.next && !(next.kind === 'open' && next.conn === prev.next) && !(next.kind === 'connecting' && next.conn === prev.next)) {
          prev.next.dispose();
        }
        break;
      case 'stopped':
        break;
    }
    if (prev.kind !== next.kind) {
      log.debug(`stream: ${prev.kind} → ${next.kind}`);
      onTransition?.({ kind: 'state', from: prev.kind, to: next.kind });
    }
    state = next;
  }

  function connect() {
    const connecting: Extract<State, { kind: 'connecting' }> = { kind: 'connecting', abort: new AbortController() };
    enter(connecting);
    const { abort } = connecting;
    keys.create(abort.signal).then(
      (key) => {
        if (state !== connecting) return;
        adoptKey(key);
        connecting.conn = dial(key);
      },
      (error: unknown) => {
        if (state === connecting) fail({ kind: 'rest', error });
      },
    );
  }

  function adoptKey(key: string) {
    log.addSecret(key);
    keyObtainedAtMs = now();
    keepalive.restart();
  }

  function dial(key: string): Connection {
    const id = nextConnId++;
    log.debug(`stream: connection #${id} opening (key ${redactKey(key)})`);
    return openConnection({
      id,
      url: streamUrl(streamTemplate, key),
      listenKey: key,
      heartbeatMs: timers.heartbeatMs,
      handshakeTimeoutMs: timers.handshakeTimeoutMs,
      now,
      paused,
      onOpen: handleOpen,
      onFrame: relayFrame,
      onEnd: handleEnd,
    });
  }

  function relayFrame(text: string, conn: Connection) {
    lastFrameAtMs = conn.lastInboundMs; // already the arrival time: no clock read on the hot path
    onFrame(text, conn);
  }

  function handleOpen(conn: Connection) {
    if (state.kind === 'connecting' && state.conn === conn) {
      enter({ kind: 'open', conn, timer: setTimeout(() => rotate('max-age'), timers.maxConnectionAgeMs) });
      const reconnected = everOpened;
      everOpened = true;
      streak = { kind: '', count: 0 };
      if (reconnected) reconnects++;
      gaps.close();
      log.debug(`stream: connection #${conn.id} open`);
      onOpen?.(conn, reconnected);
    } else if (state.kind === 'rotating' && state.next === conn) {
      const { old, why } = state;
      enter({ kind: 'open', conn, timer: setTimeout(() => rotate('max-age'), timers.maxConnectionAgeMs) });
      old.dispose(); // make-before-break: the new socket is live before the old one goes
      log.info(`stream: replaced connection #${old.id} by #${conn.id} ${ROTATION_WORDING[why]}`);
      onTransition?.({ kind: 'rotated', fromId: old.id, toId: conn.id, why });
      onOpen?.(conn, false);
    }
  }

  function handleEnd(cause: DisconnectCause, conn: Connection) {
    if ((state.kind === 'connecting' && state.conn === conn) || (state.kind === 'open' && state.conn === conn)) {
      if (state.kind === 'open') noteHealth(conn);
      fail(cause);
    } else if (state.kind === 'rotating' && state.old === conn) {
      noteHealth(conn);
      const next = state.next;
      openGap(cause);
      if (next) {
        const abort = new AbortController();
        enter({ kind: 'connecting', abort, conn: next });
      } else {
        fail(cause);
      }
    } else if (state.kind === 'rotating' && state.next === conn) {
      log.warn(`stream: replacement connection failed: ${describeCause(cause)}; keeping the current one`);
      retryRotationLater(state.old, state.why);
    }
  }

  function noteHealth(conn: Connection) {
    if (conn.openedAtMs !== undefined && now() - conn.openedAtMs >= timers.healthyAfterMs) attempt = 0;
  }

  function openGap(cause: DisconnectCause) {
    if (everOpened) gaps.open(cause, lastHeardMs()); // before the first open there is nothing to recover
  }

  /**
   * When the failing link last delivered anything (a frame, a ping, a pong). TCP keeps order, so an
   * update sent before that arrived before it: the gap starts there, not when the failure was noticed,
   * which on a busy or suspended machine can be seconds later.
   */
  function lastHeardMs(): number {
    const conn = state.kind === 'open' || state.kind === 'connecting' ? state.conn : state.kind === 'rotating' ? state.old : undefined;
    return conn?.openedAtMs === undefined ? now() : Math.min(conn.lastInboundMs, now());
  }

  /**
   * Retrying forever is right for a network that comes back, but a user whose DNS, proxy or key is
   * wrong sees only the same warning again and again: after a few alike, say what it likely is, once.
   */
  function adviseOnRepeats(cause: DisconnectCause) {
    const kind = failureKindOf(cause);
    streak = { kind, count: streak.kind === kind ? streak.count + 1 : 1 };
    if (streak.count !== REPEATED_FAILURES) return;
    const hint = cause.kind === 'rest' ? hintFor(cause.error) : undefined;
    log.warn(`stream: ${streak.count} attempts in a row failed the same way${hint ? `: ${hint}` : ''}; run binance-orders doctor to check keys, endpoints, network and clock`);
  }

  /** Every failure goes through here: classify, then wait, renew or give up. */
  function fail(cause: DisconnectCause) {
    openGap(cause);
    const decision = classify(cause, timers.rateLimitDefaultMs);
    gaps.countAttempt();
    if (decision.action === 'fatal') {
      finish(decision.error);
      return;
    }
    let delayMs: number;
    if (decision.action === 'renew-key' && attempt === 0) {
      delayMs = 0;
    } else {
      const minDelayMs = decision.action === 'retry' ? (decision.minDelayMs ?? 0) : 0;
      delayMs = Math.max(minDelayMs, backoffDelayMs(attempt, timers.backoffBaseMs, timers.backoffCapMs, random));
    }
    attempt++;
    onTransition?.({ kind: 'retry', cause, attempt, delayMs });
    if (cause.kind === 'rest' && !isExpectedFailure(cause.error) && cause.error instanceof Error) log.debug(`stream: ${cause.error.stack ?? cause.error.message}`);
    const next = `${describeCause(cause)}; next attempt in ${formatDuration(delayMs)}`;
    const asked = decision.action === 'retry' && decision.minDelayMs !== undefined;
    if (!everOpened || cause.kind === 'rest' || asked) log.warn(`stream: ${next}`);
    else log.debug(`stream: ${next}`);
    adviseOnRepeats(cause);
    enter({ kind: 'backoff', timer: setTimeout(connect, delayMs) });
  }

  function rotate(why: RotationReason = 'max-age') {
    if (state.kind !== 'open') return;
    const old = state.conn;
    const rotating: Extract<State, { kind: 'rotating' }> = { kind: 'rotating', old, abort: new AbortController(), why };
    enter(rotating);
    const { abort } = rotating;
    keys.create(abort.signal).then(
      (key) => {
        if (state !== rotating) return;
        adoptKey(key);
        rotating.next = dial(key);
      },
      (error: unknown) => {
        if (state !== rotating) return;
        const decision = classify({ kind: 'rest', error }, timers.rateLimitDefaultMs);
        if (decision.action === 'fatal') return finish(decision.error);
        log.warn(`stream: could not prepare the replacement connection: ${describeCause({ kind: 'rest', error })}`);
        retryRotationLater(old, why);
      },
    );
  }

  function retryRotationLater(old: Connection, why: RotationReason) {
    const delayMs = Math.max(timers.backoffBaseMs, backoffDelayMs(attempt, timers.backoffBaseMs, timers.backoffCapMs, random));
    attempt++;
    enter({ kind: 'open', conn: old, timer: setTimeout(() => rotate(why), delayMs) });
  }

  function serverShutdown(conn: Connection) {
    if (state.kind !== 'open' || state.conn !== conn) return; // a replacement is already on its way
    log.info(`stream: the server of connection #${conn.id} announced its shutdown; opening a replacement`);
    rotate('server-shutdown');
  }

  function keyExpired(conn: Connection) {
    const current =
      (state.kind === 'open' && state.conn === conn) ||
      (state.kind === 'rotating' && (state.old === conn || state.next === conn));
    if (current) fail({ kind: 'key-expired', via: 'event' });
  }

  function finish(error?: unknown) {
    if (state.kind === 'stopped' && !settle) return;
    enter({ kind: 'stopped' });
    keepalive.stop();
    const done = settle;
    settle = undefined;
    if (error === undefined) done?.resolve();
    else done?.reject(error);
  }

  return {
    run() {
      return new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
        connect();
      });
    },
    async stop() {
      const hadKey = keyObtainedAtMs !== undefined;
      finish();
      if (options.closeListenKeyOnStop && hadKey) {
        try {
          await keys.close(AbortSignal.timeout(5_000));
          log.info('listenKey: closed (every other consumer of this account lost its stream too)');
        } catch (error) {
          log.warn(`listenKey: close failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
    keyExpired,
    serverShutdown,
    pause() {
      paused = true;
      for (const conn of liveConnections()) conn.pause();
    },
    resume() {
      paused = false;
      for (const conn of liveConnections()) conn.resume();
    },
    snapshot() {
      const conn = state.kind === 'open' ? state.conn : state.kind === 'rotating' ? state.old : undefined;
      return { state: state.kind, lastFrameAtMs, connectionOpenedAtMs: conn?.openedAtMs, keyObtainedAtMs, reconnects, attempt };
    },
  };

  function liveConnections(): Connection[] {
    switch (state.kind) {
      case 'connecting':
        return state.conn ? [state.conn] : [];
      case 'open':
        return [state.conn];
      case 'rotating':
        return state.next ? [state.old, state.next] : [state.old];
      default:
        return [];
    }
  }
}

/** After this many consecutive failures of one kind, the log says what it likely is. */
const REPEATED_FAILURES = 3;

/** What makes two failures "the same": the error code, close code or HTTP status, not the message. */
function failureKindOf(cause: DisconnectCause): string {
  switch (cause.kind) {
    case 'closed':
      return `closed:${cause.code}`;
    case 'handshake':
      return `handshake:${cause.status}`;
    case 'rest': {
      const error = cause.error as { code?: unknown; binanceCode?: unknown; status?: unknown } | null;
      return `rest:${String(error?.binanceCode ?? error?.code ?? error?.status ?? 'other')}`;
    }
    default:
      return cause.kind;
  }
}
