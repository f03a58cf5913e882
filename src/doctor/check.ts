import { BinanceOrdersError } from '../errors/errors.js';
import { hintFor } from '../errors/hints.js';
import type { ResolvedEndpoints } from '../exchange/endpoints.js';

/** How one check came out; `skip` means it could not run (e.g. no secret) and is not a problem. */
export type Outcome = 'ok' | 'info' | 'skip' | 'warn' | 'fail';

/** What a check found: one line for the table, and for warn/fail what it means and what to do. */
export interface CheckResult {
  outcome: Outcome;
  summary: string;
  hint?: string | undefined;
}

/** Everything the checks may look at, already resolved. Credentials are raw: checking them is a check. */
export interface DoctorContext {
  endpoints: ResolvedEndpoints;
  /** BINANCE_API_KEY as found, untrimmed; undefined when unset. */
  apiKey: string | undefined;
  apiSecret: string | undefined;
  /** Where each override came from, for the report (e.g. "--rest-url", "BINANCE_REST_URL"). */
  overrideSources: { rest?: string | undefined; ws?: string | undefined };
  /** Deadline of each network step. */
  timeoutMs: number;
  /** How long the stream check keeps the socket open. */
  streamHoldMs: number;
  now: () => number;
  signal: AbortSignal;
  /** Registers a value a check learns that must never be printed in full (a listenKey) with the output's scrubber. */
  addSecret(secret: string): void;
}

/** One diagnostic: data, so the list can be printed, filtered and tested. */
export interface Check {
  readonly id: string;
  readonly title: string;
  run(ctx: DoctorContext): Promise<CheckResult>;
}

/** A check's result with its duration, as reported. */
export interface CheckReport extends CheckResult {
  id: string;
  title: string;
  durationMs: number;
}

const RANK: Readonly<Record<Outcome, number>> = { ok: 0, info: 0, skip: 0, warn: 1, fail: 2 };

/** Exit status of a doctor run: 0 all good, 1 a warning, 2 a failure. */
export function worstRank(reports: readonly CheckReport[]): 0 | 1 | 2 {
  return reports.reduce<0 | 1 | 2>((worst, r) => Math.max(worst, RANK[r.outcome]) as 0 | 1 | 2, 0);
}

/** Runs checks one after the other (their timings must not overlap), reporting each as it ends. */
export async function runChecks(checks: readonly Check[], ctx: DoctorContext, onReport: (report: CheckReport) => void, describe: (err: unknown) => CheckResult): Promise<CheckReport[]> {
  const reports: CheckReport[] = [];
  for (const check of checks) {
    if (ctx.signal.aborted) break;
    const startMs = ctx.now();
    const result = await check.run(ctx).catch(describe);
    const report = { id: check.id, title: check.title, ...result, durationMs: ctx.now() - startMs };
    reports.push(report);
    onReport(report);
  }
  return reports;
}

/** A thrown error as a failed check. */
export function failureOf(err: unknown): CheckResult {
  const e = err as { message?: unknown; code?: unknown } | null;
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message : String(err);
  // System and undici codes say what happened on the wire; our own codes are already in the message.
  const code = !(err instanceof BinanceOrdersError) && typeof e?.code === 'string' && !message.includes(e.code) ? ` (${e.code})` : '';
  return { outcome: 'fail', summary: `${message}${code}`, hint: hintFor(err) };
}
