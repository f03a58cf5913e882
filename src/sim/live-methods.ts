/**
 * The JSON requests a client may send on a Binance stream connection (SUBSCRIBE, UNSUBSCRIBE,
 * LIST_SUBSCRIPTIONS, SET_PROPERTY, GET_PROPERTY) and Binance's replies: `{"result":…,"id":…}`, or
 * `{"error":{"code":…,"msg":…},"id":…}` for a request Binance would refuse.
 */

/** A stream a connection receives, by name (a listenKey, or a market stream the simulator keeps silent), with its `events` allow-list. */
export type Subscriptions = Map<string, ReadonlySet<string> | undefined>;

/** The connection state the live methods read and change. */
export interface LiveState {
  readonly subscriptions: Subscriptions;
  /** SET_PROPERTY values; Binance knows only `combined`. */
  readonly properties: Map<string, boolean>;
}

type RequestId = number | string | null;

const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY'];
/** Binance's cap on streams per connection. */
const MAX_STREAMS = 1024;

const failure = (code: number, msg: string, id: RequestId) => ({ error: { code, msg }, id });

/** Answers one text frame a client sent; the reply is what Binance would send back on that connection. */
export function answerLiveRequest(text: string, state: LiveState): object {
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch {
    return failure(3, 'Invalid JSON: expected value at line 1 column 1', null);
  }
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return failure(3, 'Invalid JSON: expected an object', null);
  const { method, params, id: rawId } = request as { method?: unknown; params?: unknown; id?: unknown };
  const id = requestIdOf(rawId);
  if (id === undefined) return failure(2, 'Invalid request: request ID must be an unsigned integer', null);
  if (method === undefined) return failure(2, 'Invalid request: missing field `method`', id);
  if (typeof method !== 'string' || !METHODS.includes(method)) {
    return failure(2, `Invalid request: unknown variant \`${String(method)}\`, expected one of \`${METHODS.join('`, `')}\``, id);
  }
  switch (method) {
    case 'LIST_SUBSCRIPTIONS':
      return { result: [...state.subscriptions.keys()], id };
    case 'SET_PROPERTY': {
      if (!Array.isArray(params) || params[0] !== 'combined') return failure(0, 'Unknown property', id);
      if (typeof params[1] !== 'boolean') return failure(1, 'Invalid value type: expected Boolean', id);
      state.properties.set('combined', params[1]);
      return { result: null, id };
    }
    case 'GET_PROPERTY': {
      if (!Array.isArray(params) || params[0] !== 'combined') return failure(0, 'Unknown property', id);
      return { result: state.properties.get('combined') ?? false, id };
    }
  }
  if (!Array.isArray(params) || !params.every((name): name is string => typeof name === 'string' && name.length > 0)) {
    return failure(2, 'Invalid request: invalid stream', id);
  }
  if (method === 'SUBSCRIBE') {
    const added = params.filter((name) => !state.subscriptions.has(name));
    if (state.subscriptions.size + new Set(added).size > MAX_STREAMS) return failure(2, 'Invalid request: too many parameters', id);
    for (const name of added) state.subscriptions.set(name, undefined);
  } else {
    for (const name of params) state.subscriptions.delete(name);
  }
  return { result: null, id };
}

/** Binance accepts an unsigned 64-bit integer, an alphanumeric string of up to 36 characters, or null. */
function requestIdOf(raw: unknown): RequestId | undefined {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : undefined;
  if (typeof raw === 'string') return /^[A-Za-z0-9-]{1,36}$/.test(raw) ? raw : undefined;
  return undefined;
}
