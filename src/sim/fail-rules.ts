/** A scripted REST failure: the next matching request(s) get this answer instead of the real one. */
export interface SimFailRule {
  /** HTTP method to match, e.g. "PUT"; any method when absent. */
  method?: string;
  /** Exact path, or a pattern tested against the path (no query); any path when absent. */
  path?: string | RegExp;
  status: number;
  /** Response body: an object is sent as JSON, a string verbatim. */
  body?: object | string;
  headers?: Record<string, string>;
  /** How many matching requests this rule answers. @default 1 */
  times?: number;
  /** Close the TCP connection with no answer at all (status is then ignored). */
  destroy?: boolean;
  /** Match only requests whose query lacks this parameter (e.g. allOrders without `symbol`). */
  missingParam?: string;
  /** Send the status and headers at once, then the body one byte every this many ms (a trickling server). */
  trickleMs?: number;
  /** Send a body of about this many bytes, streamed in chunks without Content-Length (a huge answer). */
  bodyBytes?: number;
}

interface ArmedRule {
  readonly rule: SimFailRule;
  remaining: number;
}

/** Armed failure rules, consumed first-in first-out by the requests they match. */
export class FailRules {
  readonly #armed: ArmedRule[] = [];

  /** Arms a rule behind any already armed. */
  add(rule: SimFailRule): void {
    const remaining = rule.times ?? 1;
    if (!Number.isInteger(remaining) || remaining < 1) throw new RangeError(`failNext times must be a positive integer, got ${remaining}`);
    this.#armed.push({ rule, remaining });
  }

  /** Consumes one use of the first rule matching this request, if any. */
  take(method: string, path: string, query: URLSearchParams = new URLSearchParams()): SimFailRule | undefined {
    const index = this.#armed.findIndex(({ rule }) => matches(rule, method, path) && (rule.missingParam === undefined || !query.has(rule.missingParam)));
    const armed = this.#armed[index];
    if (!armed) return undefined;
    armed.remaining--;
    if (armed.remaining === 0) this.#armed.splice(index, 1);
    return armed.rule;
  }
}

function matches(rule: SimFailRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}
