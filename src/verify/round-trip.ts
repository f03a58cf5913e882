import { z } from 'zod';
import { formatDuration } from '../log/time-format.js';
import { ACCOUNT_PATHS, ORDER_PATHS, type ResolvedEndpoints } from '../exchange/endpoints.js';
import { AuthRejectedError, BinanceOrdersError, EXIT, ExchangeError } from '../errors/errors.js';
import { listenKeyApi } from '../rest/listen-key.js';
import type { Logger } from '../log/log.js';
import { createRestClient } from '../rest/client.js';
import type { Signer } from '../rest/sign.js';
import { createSignedClient } from '../rest/signed-client.js';
import type { StreamTimers } from '../stream/timers.js';
import { EventWatch, type SeenUpdate } from './event-watch.js';
import { ExchangeInfo, PremiumIndex, farBuyOrder } from './order-plan.js';
import { routeCandidates, type RouteCandidate } from './routes.js';

export interface VerifyConfig {
  endpoints: ResolvedEndpoints;
  apiKey: string;
  signer: Signer;
  symbol: string;
  /** How long each order event may take to arrive. */
  eventTimeoutMs: number;
  timers: Pick<StreamTimers, 'heartbeatMs' | 'handshakeTimeoutMs'>;
}

export interface VerifyIo {
  log: Logger;
  now: () => number;
  signal: AbortSignal;
  /** Called as each step ends. */
  onStep?: (step: VerifyStep) => void;
}

/** One step of the round trip. */
export interface VerifyStep {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly detail: string;
}

export interface VerifyReport {
  readonly pass: boolean;
  readonly steps: readonly VerifyStep[];
  /** Why it failed, worded as what to check. */
  readonly cause?: string;
  /** The route that delivered the order's events, when any did. */
  readonly deliveredBy?: string;
  readonly exitCode: number;
}

const Order = z.looseObject({ orderId: z.number(), status: z.string() });

/** A step failed; the round trip stops there. */
class StepFailed extends Error {
  constructor(
    readonly why: string,
    readonly exitCode: number,
  ) {
    super(why);
  }
}

/** What a failed REST call most likely means, for the step it failed in. */
function causeOf(error: unknown, step: string): StepFailed {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ExchangeError) {
    const code = error.binanceCode;
    if (code === -1021) return new StepFailed(`clock skew: ${message}`, EXIT.authRejected);
    if (code === -1022) return new StepFailed(`signature: ${message}`, EXIT.authRejected);
    if (error instanceof AuthRejectedError) {
      const what =
        step === 'place order'
          ? 'the key may read but not trade: enable futures trading on the API key'
          : 'key without futures permission ("Enable Futures"), a key of the other network (mainnet vs testnet), or an IP not on the key\'s list';
      return new StepFailed(`API key rejected (${code ?? `HTTP ${error.status}`}): ${what}`, EXIT.authRejected);
    }
    if (code === -5022) return new StepFailed(`the post-only price would have traded at once (the market moved); run verify again (${message})`, EXIT.unexpected);
  }
  if (error instanceof BinanceOrdersError) return new StepFailed(message, error.exitCode);
  return new StepFailed(`${step}: ${message}`, EXIT.unexpected);
}

/**
 * The testnet round trip: a tiny post-only BUY far below the market, its NEW event on the stream,
 * a cancel, its CANCELED event. When the configured route stays silent, every alternative route is
 * opened before the cancel, so the CANCELED event shows which one delivers.
 */
export async function runVerify(config: VerifyConfig, io: VerifyIo): Promise<VerifyReport> {
  const { endpoints, symbol, eventTimeoutMs } = config;
  const { log, now, signal } = io;
  const steps: VerifyStep[] = [];
  const rest = createRestClient({ baseUrl: endpoints.restBase, apiKey: config.apiKey, now });
  const serverTimePath = ACCOUNT_PATHS[endpoints.market].serverTime;
  const client = createSignedClient({ baseUrl: endpoints.restBase, apiKey: config.apiKey, serverTimePath, signer: config.signer, log, now });
  const paths = ORDER_PATHS[endpoints.market];
  const orderPath = paths.order;
  const routes = routeCandidates(endpoints);
  const configured = routes[0] as RouteCandidate;
  let watch: EventWatch | undefined;
  let openOrder: number | undefined;

  const record = (name: string, ok: boolean, startedMs: number, detail: string) => {
    const step = { name, ok, ms: now() - startedMs, detail };
    steps.push(step);
    io.onStep?.(step);
  };
  async function step<T>(name: string, run: () => Promise<{ value: T; detail: string }>): Promise<T> {
    const startedMs = now();
    try {
      const { value, detail } = await run();
      record(name, true, startedMs, detail);
      return value;
    } catch (error) {
      const failed = error instanceof StepFailed ? error : causeOf(error, name);
      record(name, false, startedMs, failed.why);
      throw failed;
    }
  }
  const fail = (cause: string, exitCode: number = EXIT.unexpected): VerifyReport => ({ pass: false, steps, cause, exitCode });

  try {
    await step('server time', async () => {
      const offsetMs = await client.syncClock(signal);
      const note = Math.abs(offsetMs) >= 1_000 ? '; this clock is off, signed requests correct for it' : '';
      return { value: offsetMs, detail: `offset ${offsetMs >= 0 ? '+' : ''}${offsetMs} ms${note}` };
    });
    const listenKey = await step('listenKey', async () => {
      const key = await listenKeyApi(rest, endpoints.listenKeyPath).create(signal);
      log.addSecret(key);
      return { value: key, detail: 'obtained (POST; the key is shared, verify never deletes it)' };
    });
    const events = new EventWatch({ market: endpoints.market, listenKey, now, ...config.timers });
    watch = events;
    const streamMs = now();
    const configuredOpen = await events.open(configured).then(
      () => true,
      (error: unknown) => {
        record('stream', false, streamMs, `configured route ${configured.template} refused: ${(error as Error).message}`);
        return false;
      },
    );
    if (configuredOpen) record('stream', true, streamMs, `open on the configured route ${configured.template}`);
    const plan = await step('price', async () => {
      if (paths.markPrice === undefined || paths.exchangeInfo === undefined) throw new StepFailed(`${endpoints.market} has no market data endpoints to price an order`, EXIT.usage);
      const [{ markPrice }, info] = await Promise.all([
        client.unsigned(paths.markPrice, PremiumIndex, { symbol }, { signal }),
        client.unsigned(paths.exchangeInfo, ExchangeInfo, {}, { signal }),
      ]);
      const value = farBuyOrder(markPrice, info, symbol);
      return { value, detail: `mark ${markPrice}; post-only BUY ${value.quantity} ${symbol} @ ${value.price}` };
    });
    const sentMs = now();
    const placed = await step('place order', async () => {
      const order = await client.signed(
        'POST',
        orderPath,
        Order,
        { symbol, side: 'BUY', type: 'LIMIT', timeInForce: 'GTX', quantity: plan.quantity, price: plan.price, newClientOrderId: `bo-verify-${now()}` },
        { signal },
      );
      openOrder = order.orderId;
      return { value: order, detail: `accepted as orderId ${order.orderId} (${order.status}) in ${formatDuration(now() - sentMs)}` };
    });
    const acceptedMs = now();
    const seenNew = configuredOpen ? await events.waitFor(placed.orderId, 'NEW', eventTimeoutMs) : undefined;
    record('NEW event', seenNew !== undefined, acceptedMs, seenNew ? arrival(seenNew, sentMs, acceptedMs) : `none on the configured route within ${formatDuration(eventTimeoutMs)}`);
    if (!seenNew) {
      const startedMs = now();
      const others = routes.slice(1);
      const opened = await Promise.allSettled(others.map((route) => events.open(route)));
      const names = others.filter((_route, i) => opened[i]?.status === 'fulfilled').map((route) => route.template);
      record('alternatives', names.length > 0, startedMs, names.length > 0 ? `listening on ${names.join(', ')}` : 'no alternative route opened');
    }
    const cancelMs = now();
    await step('cancel', async () => {
      const order = await client.signed('DELETE', orderPath, Order, { symbol, orderId: placed.orderId }, { signal });
      openOrder = undefined;
      return { value: order, detail: `${order.status} in ${formatDuration(now() - cancelMs)}` };
    });
    const canceledMs = now();
    const seenCanceled = await events.waitFor(placed.orderId, 'CANCELED', eventTimeoutMs);
    record('CANCELED event', seenCanceled !== undefined, canceledMs, seenCanceled ? arrival(seenCanceled, cancelMs, canceledMs) : `none on any route within ${formatDuration(eventTimeoutMs)}`);

    if (seenNew && seenCanceled?.route === configured) return { pass: true, steps, deliveredBy: configured.template, exitCode: EXIT.ok };
    if (seenCanceled) {
      return {
        ...fail(`wrong stream route: ${configured.template} ${configuredOpen ? 'stayed silent' : 'refused the connection'}; ${seenCanceled.route.template} delivered the events (use it with --ws-url)`),
        deliveredBy: seenCanceled.route.template,
      };
    }
    return fail("no stream route delivered the order's events: the stream host may be wrong for this network, or the API key belongs to another market");
  } catch (error) {
    if (error instanceof StepFailed) return fail(error.why, error.exitCode);
    throw error;
  } finally {
    watch?.close();
    if (openOrder !== undefined) await cancelQuietly(openOrder);
  }

  async function cancelQuietly(orderId: number) {
    try {
      await client.signed('DELETE', orderPath, Order, { symbol, orderId }, { signal: AbortSignal.timeout(5_000) });
      log.info(`verify: cancelled the test order ${orderId}`);
    } catch (error) {
      log.warn(`verify: could not cancel the test order ${orderId} (${(error as Error).message}); cancel it by hand`);
    }
  }
}

/** "on <route>, 12ms after REST accepted it (event time − send: 9ms)". */
function arrival(seen: SeenUpdate, sentMs: number, acceptedMs: number): string {
  const afterAccept = Math.max(0, seen.atMs - acceptedMs);
  return `on ${seen.route.label} after ${formatDuration(afterAccept)} (${formatDuration(seen.atMs - sentMs)} from sending the request)`;
}
