// The modules, not the index: the service worker uses this client, and the index brings ajv along.
import { ERRORS, isErrorCode, type ErrorCode, type ProblemBody } from '../../sync-protocol/errors.js';
import { parseRetryAfter } from '../retry/retry.js';

/**
 * What the app must do about a failed request:
 * - `needs-update`: the gateway speaks another protocol version; stop
 *   replicating (nothing may be written) and ask for an app update;
 * - `needs-sign-in`: the token is missing or expired; stop the replications
 *   that need it, keep local data, ask to sign in again;
 * - `offline`: the gateway could not be reached; retry later;
 * - `refused`: the gateway refused this request for a reason the user can read;
 * - `server`: the gateway failed; retry later.
 * Material uploads (tus) know four more (device-core/transfer/upload-failure.ts):
 * `mismatch`, `conflict`, `gone` and `aborted`.
 */
export type GatewayErrorKind = 'needs-update' | 'needs-sign-in' | 'offline' | 'refused' | 'server' | 'mismatch' | 'conflict' | 'gone' | 'aborted';

/**
 * A failed gateway request, typed by what the app must do about it: the one
 * failure type of the device, for documents and materials alike.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly kind: GatewayErrorKind,
    /** HTTP status, 0 when the gateway was not reached. */
    readonly status: number,
    /** The problem as the gateway reported it (or as the app made it up). */
    readonly problem: ProblemBody,
    /** What the answer's `Retry-After` asked for (429, 503), in ms; undefined without one. */
    readonly retryAfterMs?: number,
    /** What happened, for logs (never shown): defaults to the problem's message. */
    detail?: string,
  ) {
    super(`${problem.code}: ${detail ?? problem.message}`);
  }

  get code(): ErrorCode {
    return this.problem.code;
  }

  /** True when retrying the same request can never succeed without user action. */
  get isFatal(): boolean {
    return this.kind === 'needs-update' || this.kind === 'needs-sign-in';
  }
}

/** The kind of an HTTP failure, by code first and status second. */
export function classifyProblem(status: number, code: ErrorCode): GatewayErrorKind {
  if (code === 'PROTOCOL_VERSION_UNSUPPORTED' || status === 426) return 'needs-update';
  if (code === 'UNAUTHENTICATED' || (status === 401 && code !== 'INVALID_CREDENTIALS')) return 'needs-sign-in';
  if (status >= 500 || status === 429) return 'server';
  return 'refused';
}

/** Turns a non-2xx response into a GatewayError, whatever its body holds. */
export async function errorFromResponse(response: Response): Promise<GatewayError> {
  const body = await response.json().catch(() => null);
  const problem = isProblemBody(body) ? body : fallbackProblem(response.status);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  return new GatewayError(classifyProblem(response.status, problem.code), response.status, problem, retryAfterMs);
}

/** The error for a request that never reached the gateway. */
export function offlineError(cause: unknown): GatewayError {
  const error = new GatewayError('offline', 0, {
    code: 'STORE_UNAVAILABLE',
    message: '连不上服务器，已保存在手机上，有网后自动发送',
    fix: 'Retry when the network is back.',
  });
  (error as { cause?: unknown }).cause = cause;
  return error;
}

function isProblemBody(value: unknown): value is ProblemBody {
  const v = value as Partial<ProblemBody> | null;
  return typeof v === 'object' && v !== null && isErrorCode(v.code) && typeof v.message === 'string';
}

/** A proxy or an old gateway may answer without a ProblemBody, and tus answers are read by status alone; map by status. */
export function fallbackProblem(status: number): ProblemBody {
  const code: ErrorCode =
    status === 426
      ? 'PROTOCOL_VERSION_UNSUPPORTED'
      : status === 401
        ? 'UNAUTHENTICATED'
        : status === 413
          ? 'BODY_TOO_LARGE'
          : status === 429
            ? 'RATE_LIMITED'
            : status >= 500
              ? 'INTERNAL'
              : 'INVALID_REQUEST';
  return { code, message: ERRORS[code].message, fix: ERRORS[code].fix };
}
