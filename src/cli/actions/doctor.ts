import type { ChalkInstance } from 'chalk';
import { z } from 'zod';
import { Duration } from '../../config/duration.js';
import { commandOptions, EndpointOptions, OutputOptions, parseOptions } from '../../config/schema.js';
import type { CheckReport, Outcome } from '../../doctor/check.js';
import { ChecksFailedError } from '../../errors/errors.js';
import { escapeControls } from '../../log/control-chars.js';
import { scrub } from '../../log/redact.js';
import { formatDuration } from '../../log/time-format.js';
import { resolveColorLevel } from '../../output/color.js';
import type { CliContext } from '../context.js';
import { loadCredentials } from '../credentials.js';
import { endpointsOf } from '../stream-setup.js';

const DoctorOptions = commandOptions({
  ...EndpointOptions.shape,
  json: z.boolean().default(false),
  color: OutputOptions.shape.color,
  timeout: Duration.prefault('5s'),
  hold: Duration.prefault('3s'),
});

const LABEL: Readonly<Record<Outcome, (c: ChalkInstance) => string>> = {
  ok: (c) => c.green('ok'),
  info: (c) => c.cyan('info'),
  skip: (c) => c.dim('skip'),
  warn: (c) => c.yellow('WARN'),
  fail: (c) => c.red.bold('FAIL'),
};

const COLUMNS = { check: 20, result: 6, time: 8 };

/** `doctor`: every check in order, as a table or JSON lines; exit 1 on warnings, 2 on failures. */
export async function doctor(raw: unknown, ctx: CliContext): Promise<void> {
  const opts = parseOptions(DoctorOptions, raw);
  const { json } = opts;
  const { env } = await loadCredentials(opts.envFile, ctx);
  const endpoints = endpointsOf(opts, env, opts.market);
  const print = (text: string) => ctx.stdout.write(scrub(text, ctx.secrets));
  const [{ Chalk }, { DOCTOR_CHECKS }, { runChecks, worstRank, failureOf }] = await Promise.all([
    import('chalk'),
    import('../../doctor/checks.js'),
    import('../../doctor/check.js'),
  ]);
  const chalk = new Chalk({ level: json ? 0 : resolveColorLevel({ isTTY: ctx.stdout.isTTY === true, env: ctx.env, noColorFlag: !opts.color }) });
  if (!json) print(`${chalk.bold(row('CHECK', 'RESULT', 'TIME', 'DETAIL'))}\n`);
  // Offline, every network check fails the same way: the table gives each hint once, JSON on every row.
  const hintsShown = new Set<string>();
  const reports = await runChecks(
    DOCTOR_CHECKS,
    {
      endpoints,
      // As written (the credentials check reports stray spaces and quotes); loadCredentials registered both with the scrubber.
      apiKey: env.BINANCE_API_KEY,
      apiSecret: env.BINANCE_API_SECRET,
      overrideSources: {
        rest: opts.restUrl !== undefined ? '--rest-url' : env.BINANCE_REST_URL !== undefined ? 'BINANCE_REST_URL' : undefined,
        ws: opts.wsUrl !== undefined ? '--ws-url' : env.BINANCE_WS_URL !== undefined ? 'BINANCE_WS_URL' : undefined,
      },
      timeoutMs: opts.timeout,
      streamHoldMs: opts.hold,
      now: Date.now,
      signal: ctx.signal,
      addSecret: (secret) => ctx.secrets.add(secret),
    },
    (report) => print(json ? `${jsonLine(report)}\n` : tableRow(report, chalk, hintsShown)),
    failureOf,
  );
  const rank = worstRank(reports);
  if (rank > 0) {
    const count = (outcome: Outcome) => reports.filter((r) => r.outcome === outcome).length;
    throw new ChecksFailedError(`doctor: ${count('fail')} failed, ${count('warn')} with warnings (see their hints)`, rank as 1 | 2);
  }
}

function row(check: string, result: string, time: string, detail: string, resultWidth = COLUMNS.result): string {
  return `${check.padEnd(COLUMNS.check)} ${result.padEnd(resultWidth)} ${time.padStart(COLUMNS.time - 2).padEnd(COLUMNS.time)} ${detail}`;
}

/** One table row, and its hint unless an earlier row already gave the same one. */
function tableRow(report: CheckReport, chalk: ChalkInstance, hintsShown: Set<string>): string {
  const label = LABEL[report.outcome](chalk);
  // padEnd counts colour codes as characters; widen the column by their length.
  // A summary may quote the exchange (an error msg, a close reason): its control characters are escaped.
  const line = row(report.title, label, formatDuration(report.durationMs), escapeControls(report.summary), COLUMNS.result + label.length - report.outcome.length);
  const hint = report.hint === undefined || hintsShown.has(report.hint) ? '' : `${' '.repeat(COLUMNS.check + COLUMNS.result + COLUMNS.time + 3)}${chalk.dim('hint:')} ${escapeControls(report.hint)}\n`;
  if (report.hint !== undefined) hintsShown.add(report.hint);
  return `${line}\n${hint}`;
}

function jsonLine(report: CheckReport): string {
  return JSON.stringify({ check: report.id, title: report.title, result: report.outcome, ms: report.durationMs, summary: report.summary, ...(report.hint ? { hint: report.hint } : {}) });
}
