/** One REST answer before it is written. */
export interface Reply {
  readonly status: number;
  readonly body: object | string;
  readonly headers?: Record<string, string>;
  /** Request weight, as counted in X-MBX-USED-WEIGHT-1M. @default 1 */
  readonly weight?: number;
}

/** A 200 with a JSON body. */
export const ok = (body: object, weight?: number): Reply => ({ status: 200, body, weight });

/** A Binance error body `{"code":…,"msg":…}` with an HTTP status. */
export const error = (status: number, code: number, msg: string): Reply => ({ status, body: { code, msg } });

/** A -1102 for a missing mandatory parameter, worded as Binance words it. */
export const missingParameter = (name: string): Reply =>
  error(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);

/** Binance's bodies for the errors the routes produce (fixtures rest-error-*.json). */
export const ERRORS = {
  unknownListenKey: () => error(400, -1125, 'This listenKey does not exist.'),
  rejectedApiKey: () => error(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
  badApiKeyFormat: () => error(401, -2014, 'API-key format invalid.'),
  badSignature: () => error(400, -1022, 'Signature for this request is not valid.'),
  outsideRecvWindow: () => error(400, -1021, 'Timestamp for this request is outside of the recvWindow.'),
  aheadOfServer: () => error(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  invalidSymbol: () => error(400, -1121, 'Invalid symbol.'),
  noSuchOrder: () => error(400, -2013, 'Order does not exist.'),
  unknownOrder: () => error(400, -2011, 'Unknown order sent.'),
  postOnlyRejected: () => error(400, -5022, 'Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history'),
};
