/** Stable codes for every error the program raises on purpose; branch on these, not on classes. */
export type ErrorCode =
  | 'USAGE'
  | 'CONFIG'
  | 'AUTH_REJECTED'
  | 'EXCHANGE'
  | 'RATE_LIMITED'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'ORDER_MISMATCH'
  | 'CHECKS_FAILED'
  | 'ENDPOINT_RETIRED';

/** Process exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  authRejected: 3,
  timeout: 4,
  otherTerminalStatus: 5,
  endpointRetired: 6,
} as const;

/** Base of the error family: a message for the user, a stable code, and the exit code it maps to. */
export class BinanceOrdersError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly exitCode: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A bad flag, value or combination: the user can fix it by changing the command line. */
export class UsageError extends BinanceOrdersError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'USAGE', EXIT.usage, options);
  }
}

/** Missing or unreadable configuration (credentials, env file). */
export class ConfigError extends BinanceOrdersError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'CONFIG', EXIT.usage, options);
  }
}

/** An error body from the exchange: HTTP status plus Binance's {code, msg} when present. */
export class ExchangeError extends BinanceOrdersError {
  constructor(
    message: string,
    readonly status: number,
    readonly binanceCode: number | undefined,
    readonly retryAfterMs: number | undefined,
    code: ErrorCode = 'EXCHANGE',
    exitCode: number = EXIT.unexpected,
  ) {
    super(message, code, exitCode);
  }
}

/** The exchange refused the API key (-2014, -2015, HTTP 401): retrying cannot help. */
export class AuthRejectedError extends ExchangeError {
  constructor(message: string, status: number, binanceCode: number | undefined) {
    super(message, status, binanceCode, undefined, 'AUTH_REJECTED', EXIT.authRejected);
  }
}

/** HTTP 410 Gone: the exchange retired this endpoint (as it did Spot and Margin listenKeys in 2026); retrying cannot help. */
export class EndpointRetiredError extends ExchangeError {
  constructor(message: string, status: number, binanceCode: number | undefined) {
    super(message, status, binanceCode, undefined, 'ENDPOINT_RETIRED', EXIT.endpointRetired);
  }
}

/** A REST call that did not complete within its deadline, or whose answer was larger than the cap. */
export class RestTransferError extends BinanceOrdersError {
  constructor(message: string) {
    super(message, 'NETWORK', EXIT.unexpected);
  }
}

/** `wait` stopped before the order reached the awaited status. */
export class WaitTimeoutError extends BinanceOrdersError {
  constructor(message: string) {
    super(message, 'TIMEOUT', EXIT.timeout);
  }
}

/** `wait`: the order ended in a terminal status other than the awaited ones. */
export class OtherTerminalStatusError extends BinanceOrdersError {
  constructor(message: string) {
    super(message, 'ORDER_MISMATCH', EXIT.otherTerminalStatus);
  }
}

/** doctor found a warning (exit 1) or a failure (exit 2); the report itself is already printed. */
export class ChecksFailedError extends BinanceOrdersError {
  constructor(message: string, exitCode: 1 | 2) {
    super(message, 'CHECKS_FAILED', exitCode);
  }
}
