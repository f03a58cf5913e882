import WebSocket, { type RawData } from 'ws';
import { retryAfterMs } from '../rest/retry-after.js';
import type { DisconnectCause } from './classify.js';

export interface ConnectionOptions {
  id: number;
  url: string;
  /** The listenKey in `url`, kept to tell this connection's notices from stale ones. */
  listenKey?: string;
  /** Interval between our pings; a link silent for a whole interval after a ping is dead. */
  heartbeatMs: number;
  /** The opening handshake must finish within this. */
  handshakeTimeoutMs: number;
  now: () => number;
  onOpen: (conn: Connection) => void;
  onFrame: (text: string, conn: Connection) => void;
  /** Called exactly once, whatever ended the connection, unless dispose() ended it. */
  onEnd: (cause: DisconnectCause, conn: Connection) => void;
  /** Start with reading paused (stdout is full). */
  paused?: boolean;
}

/** One WebSocket to the user-data stream. It never reconnects; the supervisor decides what follows. */
export interface Connection {
  readonly id: number;
  /** The listenKey the connection was opened with, when it was given one. */
  readonly listenKey: string | undefined;
  readonly isOpen: boolean;
  readonly openedAtMs: number | undefined;
  readonly lastInboundMs: number;
  /** Stop reading from the socket, so TCP pushes back on the exchange; liveness checks pause too. */
  pause(): void;
  resume(): void;
  /** Ends the connection without reporting it: every timer and listener goes with it. */
  dispose(): void;
}

const CLOSE_GRACE_MS = 1_000;

/**
 * The largest frame accepted (1 MiB). Binance's user-data frames are a few KB (an ACCOUNT_UPDATE
 * with hundreds of positions stays well under 200 KB); a larger one is refused by ws from its
 * header, before it is buffered, and the connection is replaced.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** Opens a socket and watches its liveness. */
export function openConnection(options: ConnectionOptions): Connection {
  const { id, url, heartbeatMs, handshakeTimeoutMs, now, onOpen, onFrame, onEnd } = options;
  const socket = new WebSocket(url, { handshakeTimeout: handshakeTimeoutMs, perMessageDeflate: false, maxPayload: MAX_FRAME_BYTES });
  let openedAtMs: number | undefined;
  let lastInboundMs = now();
  let heardSincePing = true;
  let paused = options.paused === true;
  let ended = false;
  let pendingCause: DisconnectCause | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let closeGrace: NodeJS.Timeout | undefined;

  const conn: Connection = {
    id,
    listenKey: options.listenKey,
    get isOpen() {
      return openedAtMs !== undefined && !ended;
    },
    get openedAtMs() {
      return openedAtMs;
    },
    get lastInboundMs() {
      return lastInboundMs;
    },
    pause() {
      paused = true;
      if (socket.readyState === WebSocket.OPEN) socket.pause();
    },
    resume() {
      paused = false;
      heardSincePing = true; // time spent paused says nothing about the link
      if (socket.readyState === WebSocket.OPEN) socket.resume();
    },
    dispose() {
      finish(undefined);
    },
  };

  function alive() {
    lastInboundMs = now();
    heardSincePing = true;
  }

  function tick() {
    if (paused) return;
    if (!heardSincePing) {
      pendingCause = { kind: 'stale', silentMs: now() - lastInboundMs };
      socket.terminate(); // close() would wait for a handshake that a dead link never completes
      return;
    }
    heardSincePing = false;
    socket.ping();
  }

  function finish(cause: DisconnectCause | undefined) {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    clearTimeout(closeGrace);
    socket.removeAllListeners();
    socket.on('error', () => {}); // a late error on a socket we gave up must not crash the process
    if (socket.readyState === WebSocket.OPEN) {
      socket.close(1000);
      closeGrace = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
      closeGrace.unref();
      socket.once('close', () => clearTimeout(closeGrace));
    } else if (socket.readyState !== WebSocket.CLOSED) {
      socket.terminate();
    }
    if (cause) onEnd(cause, conn);
  }

  socket.on('open', function handleOpen() {
    openedAtMs = now();
    alive();
    if (paused) socket.pause();
    heartbeat = setInterval(tick, heartbeatMs);
    onOpen(conn);
  });
  socket.on('message', function handleMessage(data: RawData, isBinary: boolean) {
    alive();
    if (!isBinary && !ended) onFrame(data.toString(), conn);
  });
  socket.on('ping', alive);
  socket.on('pong', alive);
  socket.on('unexpected-response', function handleUnexpectedResponse(_req, res) {
    const retryAfter = res.headers['retry-after'];
    pendingCause = { kind: 'handshake', status: res.statusCode ?? 0, retryAfterMs: retryAfterMs(retryAfter, undefined, now()) };
    res.resume();
    finish(pendingCause);
  });
  socket.on('error', function handleError(err: Error) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? `refused a frame larger than ${MAX_FRAME_BYTES} bytes` : (code ?? err.message);
    pendingCause ??= { kind: 'socket-error', message };
  });
  socket.on('close', function handleClose(code: number, reason: Buffer) {
    finish(pendingCause ?? { kind: 'closed', code, reason: reason.toString() });
  });
  return conn;
}
