import { z } from 'zod';
import { ACCOUNT_PATHS } from '../../exchange/endpoints.js';
import { listenKeyApi } from '../../rest/listen-key.js';
import { redactKey } from '../../log/redact.js';
import { createRestClient, type RestClient } from '../../rest/client.js';
import { DEFAULT_RECV_WINDOW_MS, hmacSigner, signedQuery } from '../../rest/sign.js';
import type { Check, CheckResult, DoctorContext } from '../check.js';

/** Binance warns of nothing below this, but a skew this large eats a tenth of the recvWindow. */
const SKEW_WARN_MS = 500;

const ServerTime = z.looseObject({ serverTime: z.number() });
const Account = z.looseObject({ canTrade: z.boolean().optional() });

const clientOf = (ctx: DoctorContext): RestClient =>
  createRestClient({ baseUrl: ctx.endpoints.restBase, apiKey: ctx.apiKey?.trim() ?? '', timeoutMs: ctx.timeoutMs, now: ctx.now });

/** Server time minus local time, measured at the midpoint of the round trip; undefined without an endpoint. */
async function measureOffset(ctx: DoctorContext): Promise<{ offsetMs: number; roundTripMs: number } | undefined> {
  const path = ACCOUNT_PATHS[ctx.endpoints.market].serverTime;
  if (path === undefined) return undefined;
  const sentMs = ctx.now();
  const { serverTime } = await clientOf(ctx).call('GET', path, ServerTime, { signal: ctx.signal });
  const receivedMs = ctx.now();
  return { offsetMs: Math.round(serverTime - (sentMs + receivedMs) / 2), roundTripMs: receivedMs - sentMs };
}

const noKey = (what: string): CheckResult => ({ outcome: 'skip', summary: `no BINANCE_API_KEY; ${what} not tried` });

/** Local clock against the exchange's: signed calls fail once the skew passes recvWindow. */
export const clockCheck: Check = {
  id: 'clock',
  title: 'clock skew',
  async run(ctx) {
    const measured = await measureOffset(ctx);
    if (measured === undefined) return { outcome: 'skip', summary: `${ctx.endpoints.market} has no documented server-time endpoint; run doctor -m usdm to measure the clock` };
    const { offsetMs, roundTripMs } = measured;
    const skew = `local clock is ${Math.abs(offsetMs)}ms ${offsetMs > 0 ? 'behind' : 'ahead of'} the exchange (round trip ${roundTripMs}ms)`;
    const fix = 'enable time sync (e.g. timedatectl set-ntp true, or Windows "Set time automatically")';
    if (Math.abs(offsetMs) > DEFAULT_RECV_WINDOW_MS) {
      return { outcome: 'fail', summary: skew, hint: `beyond the ${DEFAULT_RECV_WINDOW_MS}ms recvWindow every signed call fails with -1021; ${fix}` };
    }
    if (Math.abs(offsetMs) > SKEW_WARN_MS) return { outcome: 'warn', summary: skew, hint: `signed calls start failing with -1021 past ${DEFAULT_RECV_WINDOW_MS}ms; ${fix}` };
    return { outcome: 'ok', summary: skew };
  },
};

/** POST listenKey: the key may open this market's user-data stream. Never deleted: others may share it. */
export const listenKeyCheck: Check = {
  id: 'listen-key',
  title: 'listenKey',
  async run(ctx) {
    if (!ctx.apiKey?.trim()) return noKey('listenKey creation');
    const key = await listenKeyApi(clientOf(ctx), ctx.endpoints.listenKeyPath).create(ctx.signal);
    ctx.addSecret(key);
    return { outcome: 'ok', summary: `POST ${ctx.endpoints.listenKeyPath} gave a key (${redactKey(key)}), valid 60 min; the key may read ${ctx.endpoints.market} user data` };
  },
};

/** A signed account read: the key can read the futures account, and the secret belongs to it. */
export const accountCheck: Check = {
  id: 'account',
  title: 'signed account read',
  async run(ctx) {
    if (!ctx.apiKey?.trim()) return noKey('the signed account call');
    if (!ctx.apiSecret) return { outcome: 'skip', summary: 'no BINANCE_API_SECRET; signed account call not tried (tail needs none)' };
    const offsetMs = (await measureOffset(ctx))?.offsetMs ?? 0;
    const path = ACCOUNT_PATHS[ctx.endpoints.market].account;
    const query = signedQuery({}, hmacSigner(ctx.apiSecret), ctx.now() + offsetMs);
    const account = await clientOf(ctx).call('GET', path, Account, { query, signal: ctx.signal });
    const trade = account.canTrade === undefined ? '' : `; canTrade ${account.canTrade}`;
    return { outcome: 'ok', summary: `GET ${path} (signed) answered: the key can read the ${ctx.endpoints.market} account and the secret matches${trade}` };
  },
};
