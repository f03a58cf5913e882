import { resolve } from 'node:path';
import { type ResolvedAccount, loadAccountsFile, resolveAccounts } from '../config/accounts.js';
import type { Env } from '../config/env.js';
import { filterOf, networkOf, type ConnectionOptions, type EndpointOptions, type FilterOptions, type OutputOptions } from '../config/schema.js';
import { type Market, resolveEndpoints } from '../exchange/endpoints.js';
import { BinanceOrdersError, UsageError } from '../errors/errors.js';
import type { Logger } from '../log/log.js';
import type { ReconcileSettings } from '../reconcile/attach.js';
import type { AccountRun } from '../run/accounts.js';
import type { CliContext } from './context.js';
import { credentialsOf, type Credentials } from './credentials.js';
import { lintTimers, tailConfigOf } from './stream-setup.js';

/** The flags `tail --accounts` applies to every account. */
export type AccountsFlags = Omit<EndpointOptions, 'market'> & ConnectionOptions & FilterOptions & OutputOptions & { reconcile: boolean };

/** An account of the file with its credentials, read (and registered with the scrubber) once. */
export interface LoadedAccount extends ResolvedAccount {
  credentials: Credentials;
}

/** Reads the accounts file and the credentials it names; every problem is a usage error naming the account and the variable. */
export async function loadAccounts(path: string, env: Env, ctx: CliContext): Promise<LoadedAccount[]> {
  const entries = await loadAccountsFile(resolve(ctx.cwd, path));
  return resolveAccounts(entries, env).map((account) => ({
    ...account,
    credentials: credentialsOf(
      { apiKey: account.apiKey, apiSecret: account.signingEnv.BINANCE_API_SECRET, privateKeyFile: account.signingEnv.BINANCE_PRIVATE_KEY_FILE },
      ctx.secrets,
      ctx.cwd,
    ),
  }));
}

/** One run per (account, market), each with its own endpoints, key, signer and tag. */
export async function accountRunsOf(accounts: readonly LoadedAccount[], opts: AccountsFlags, env: Env, ctx: CliContext, log: Logger): Promise<AccountRun[]> {
  const width = Math.max(...accounts.map((account) => account.name.length));
  const markets = new Set(accounts.flatMap((account) => account.markets));
  const warned = new Set<string>();
  const runs: AccountRun[] = [];
  for (const account of accounts) {
    const reconcile = await reconcileOf(account, opts);
    for (const market of account.markets) {
      const endpoints = endpointsFor(account, market, opts, env);
      if (endpoints.status === 'unverified' && !warned.has(`${market} ${endpoints.network}`)) {
        warned.add(`${market} ${endpoints.network}`);
        log.warn(`the ${market} ${endpoints.network} endpoints are unverified; if no events arrive, see the README's endpoint table`);
      }
      const config = { ...tailConfigOf(opts, ctx, { endpoints, apiKey: account.apiKey }), filter: filterOf(opts) };
      runs.push({ config: { ...config, apiKeyName: account.apiKeyName, reconcile, tagMarket: markets.size > 1, account: { name: account.name, width } } });
    }
  }
  const first = runs[0];
  if (first) lintTimers(first.config.timers, log);
  if (first?.config.output === 'raw') log.warn('-o raw prints frames unchanged, without their account; use -o json to tell accounts apart');
  return runs;
}

/** The account's endpoints: its own restUrl/wsUrl and network first, then the flags, then the environment. */
function endpointsFor(account: ResolvedAccount, market: Market, opts: AccountsFlags, env: Env) {
  const wsUrl = account.wsUrl ?? opts.wsUrl ?? env.BINANCE_WS_URL;
  if (account.markets.length > 1 && wsUrl?.includes('{listenKey}')) {
    throw new UsageError(`account ${account.name}: a wsUrl containing {listenKey} names one market's route; with several markets give scheme://host[:port] only`);
  }
  try {
    return resolveEndpoints(market, account.network ?? networkOf(opts), { restUrl: account.restUrl ?? opts.restUrl ?? env.BINANCE_REST_URL, wsUrl });
  } catch (err) {
    if (err instanceof BinanceOrdersError) throw new UsageError(`account ${account.name}: ${err.message}`, { cause: err });
    throw err;
  }
}

/** Gap recovery for one account: its own signer from the variables it names. */
async function reconcileOf(account: LoadedAccount, opts: AccountsFlags): Promise<ReconcileSettings> {
  if (!opts.reconcile) return { mode: 'off' };
  let signer;
  try {
    signer = await account.credentials.signer();
  } catch (err) {
    if (err instanceof BinanceOrdersError) throw new UsageError(`account ${account.name}: ${err.message}`, { cause: err });
    throw err;
  }
  if (!signer) return { mode: 'unavailable', reason: `account ${account.name} names neither apiSecretEnv nor privateKeyFileEnv` };
  return { mode: 'on', signer, symbols: opts.symbol };
}
