import type { ChalkInstance } from 'chalk';
import { fetchOpenOrders } from '../account/open-orders.js';
import { fetchPositions } from '../account/positions.js';
import { ACCOUNT_PATHS } from '../exchange/endpoints.js';
import { AuthRejectedError } from '../errors/errors.js';
import type { Logger } from '../log/log.js';
import type { Signer } from '../rest/sign.js';
import { createSignedClient } from '../rest/signed-client.js';
import { startFeed, type FeedConfig } from './feed.js';
import { INITIAL_UI, onKey, parseKeys, type BoardUi } from './keys.js';
import { BoardModel, type BoardData } from './model.js';
import type { Notices } from './notices.js';
import { renderBoard, type SnapshotState } from './render.js';
import type { BoardScreen } from './screen.js';

export interface BoardConfig {
  feed: FeedConfig;
  /** Signs the start-up snapshot; without one the board starts empty and fills in from the stream. */
  signer: Signer | undefined;
  /** Fewest ms between two frames: events arriving faster are shown together. @default 250 */
  frameMs?: number;
  /** Redraw interval while idle, for the ages and the clock. @default 1_000 */
  tickMs?: number;
}

export interface BoardIo {
  screen: BoardScreen;
  chalk: ChalkInstance;
  /** Its lines go to `notices`, not to stderr: the screen is the board's. */
  log: Logger;
  notices: Notices;
  /** Aborted on SIGINT/SIGTERM: leave like `q`. */
  signal: AbortSignal;
  now: () => number;
  random: () => number;
}

/**
 * Runs the board until `q`, Ctrl-C or the signal: follows the stream (through the same core as
 * tail), takes a REST snapshot of open orders and positions once the first connection is open, and
 * redraws at most once per `frameMs`, only what changed. The terminal is given back on every way out;
 * a fatal error (a refused key) is rethrown after that.
 */
export async function runBoard(config: BoardConfig, io: BoardIo): Promise<void> {
  const { screen, chalk, log, notices, now } = io;
  const frameMs = config.frameMs ?? 250;
  const model = new BoardModel();
  const quit = new AbortController();
  const stop = AbortSignal.any([io.signal, quit.signal]);
  let ui: BoardUi = INITIAL_UI;
  let frozen: BoardData | undefined;
  let snapshot: SnapshotState = config.signer ? 'loading' : 'no-secret';
  let fatal: unknown;
  let frameTimer: NodeJS.Timeout | undefined;
  let lastFrameMs = Number.NEGATIVE_INFINITY;
  const { market, network } = config.feed.endpoints;
  let sorted: { version: number; data: BoardData } | undefined;

  /** The model in display order, sorted again only after it changed (idle ticks reuse it). */
  function current(): BoardData {
    if (sorted?.version !== model.version) sorted = { version: model.version, data: model.data() };
    return sorted.data;
  }

  function draw() {
    frameTimer = undefined;
    lastFrameMs = now();
    const view = { account: `${market} ${network}`, data: frozen ?? current(), ui, health: feed.health(), snapshot, notice: notices.latest(lastFrameMs), nowMs: lastFrameMs };
    screen.draw(renderBoard(view, screen.size(), chalk));
  }

  /** Asks for a frame; frames come at most once per frameMs, and never while paused unless `force`d by a key or resize. */
  function redraw(force = false) {
    if ((ui.paused && !force) || frameTimer !== undefined || stop.aborted) return;
    frameTimer = setTimeout(draw, Math.max(0, lastFrameMs + frameMs - now()));
  }

  function onKeys(data: string) {
    for (const key of parseKeys(data)) {
      const next = onKey(ui, key);
      if (next.quit) {
        quit.abort();
        return;
      }
      if (next.ui.paused !== ui.paused) frozen = next.ui.paused ? current() : undefined;
      ui = next.ui;
    }
    redraw(true);
  }

  async function takeSnapshot(signer: Signer) {
    const client = createSignedClient({ baseUrl: config.feed.endpoints.restBase, apiKey: config.feed.apiKey, serverTimePath: ACCOUNT_PATHS[market].serverTime, signer, log, now });
    try {
      const [orders, positions] = await Promise.all([fetchOpenOrders(client, market, undefined, stop), fetchPositions(client, market, stop)]);
      model.applySnapshot(orders, positions);
      snapshot = 'loaded';
    } catch (error) {
      if (stop.aborted) return;
      if (error instanceof AuthRejectedError) {
        fatal = error;
        quit.abort();
        return;
      }
      snapshot = 'failed';
      log.warn(`board: open orders and positions could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    redraw();
  }

  notices.onChange = () => redraw();
  const feed = startFeed(config.feed, {
    log,
    signal: stop,
    now,
    random: io.random,
    onConnected: () => {
      if (config.signer) void takeSnapshot(config.signer);
    },
  }, (e) => {
    model.apply(e);
    redraw();
  });
  const ticker = setInterval(() => redraw(), config.tickMs ?? 1_000);
  try {
    screen.enter(onKeys, () => redraw(true));
    draw();
    await feed.done;
  } finally {
    clearInterval(ticker);
    clearTimeout(frameTimer);
    notices.onChange = () => {};
    screen.restore();
  }
  if (fatal !== undefined) throw fatal;
}
