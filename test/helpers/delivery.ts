import type { SimSent } from '../../src/sim/index.js';

/** What identifies one order update, read from the simulator's payload (the wire format). */
export function payloadKey(payload: object): string | undefined {
  const frame = payload as { e?: unknown; T?: unknown; o?: Record<string, unknown> };
  if (frame.e !== 'ORDER_TRADE_UPDATE' || frame.o === undefined) return undefined;
  const o = frame.o;
  return [o.i, o.x, o.X, o.t, frame.T ?? o.T, o.z].join('|');
}

/** The same identity, read from a printed JSON line. */
export function lineKey(line: Record<string, unknown>): string {
  return [line.orderId, line.execType, line.status, line.tradeId, line.transactionTime, line.filledQty].join('|');
}

export interface DeliveryReport {
  /** Order updates a socket received, in the order the simulator sent them. */
  readonly delivered: string[];
  /** Order updates printed, in order. */
  readonly printed: string[];
  readonly missing: string[];
  readonly duplicated: string[];
}

/** Compares what the simulator delivered to a connected socket with what was printed. */
export function compareDelivery(sent: readonly SimSent[], printedLines: readonly Record<string, unknown>[]): DeliveryReport {
  const delivered = sent.filter((s) => s.delivered).flatMap((s) => payloadKey(s.payload) ?? []);
  const printed = printedLines.filter((line) => line.event === 'order').map(lineKey);
  const printedOnce = new Set<string>();
  const duplicated: string[] = [];
  for (const key of printed) {
    if (printedOnce.has(key)) duplicated.push(key);
    printedOnce.add(key);
  }
  const missing = delivered.filter((key) => !printedOnce.has(key));
  return { delivered, printed, missing, duplicated };
}
