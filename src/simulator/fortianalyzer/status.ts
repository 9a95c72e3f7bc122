/**
 * FortiAnalyzer errors as the simulator answers them. In the legacy dialect an error is a param's
 * `status: {code, message}`; in the JSON-RPC 2.0 (apiver 3) dialect it is the envelope's
 * `error: {code, message}`.
 *
 * Where each one comes from (facts only, see `specs/fortianalyzer/README.md`):
 * - 0 "OK" and -11 "No permission for the resource" (also a stale session): confirmed live by the
 *   sources; -3 "Object does not exist": FortiAnalyzer's dvmdb answer for an unknown object.
 * - -6 "Invalid url" and -22 "Login fail": FortiManager's codes (same platform). Not confirmed on
 *   FortiAnalyzer.
 * - The messages of apiver-3 errors ("Invalid tid", "Invalid filter", "No available slot for
 *   searching", "None of the device(s) can be found", "Invalid params: No Params.", "Invalid Request:
 *   Not supported method (add)", "Cannot find FortiView '<name>'", "Server error: Missing columns:
 *   '<col>'", "not a valid enum value for 'status'") are the ones recorded against real appliances.
 *   Their codes are NOT recorded: the simulator uses the JSON-RPC 2.0 ranges their wording names
 *   (-32600 invalid request, -32602 invalid params, -32000 server error).
 */
export const FazCode = {
  ok: 0,
  internal: -1,
  notFound: -3,
  invalidUrl: -6,
  noPermission: -11,
  loginFail: -22,
  serverError: -32000,
  invalidRequest: -32600,
  invalidParams: -32602,
} as const;

const MESSAGES: Readonly<Record<number, string>> = {
  [FazCode.ok]: 'OK',
  [FazCode.internal]: 'Internal error',
  [FazCode.notFound]: 'Object does not exist',
  [FazCode.invalidUrl]: 'Invalid url',
  [FazCode.noPermission]: 'No permission for the resource',
  [FazCode.loginFail]: 'Login fail',
  [FazCode.serverError]: 'Server error',
  [FazCode.invalidRequest]: 'Invalid Request',
  [FazCode.invalidParams]: 'Invalid params',
};

export interface FazStatus {
  code: number;
  message: string;
}

export const OK_STATUS: FazStatus = Object.freeze({ code: 0, message: 'OK' });

/** A failed call; thrown by handlers and answered in the request's dialect. */
export class FazFailure extends Error {
  readonly code: number;

  constructor(code: number, message = MESSAGES[code] ?? 'Error') {
    super(message);
    this.code = code;
  }

  get status(): FazStatus {
    return { code: this.code, message: this.message };
  }
}

/** Throws a failure with the standard message of `code`, or `message` when given. */
export function fail(code: number, message?: string): never {
  throw new FazFailure(code, message);
}

/** "Invalid params: <detail>". */
export function invalidParams(detail: string): never {
  throw new FazFailure(FazCode.invalidParams, `Invalid params: ${detail}`);
}

/**
 * A request whose JSON shape the appliance's parser cannot take (e.g. `time-range` as a string):
 * FortiAnalyzer answers HTTP 503, not a JSON-RPC error.
 */
export class MalformedRequest extends Error {}
