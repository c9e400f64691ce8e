import { ERRORS, type ErrorCode, type ProblemBody } from '../../sync-protocol/errors.js';
import { fallbackProblem, GatewayError, type GatewayErrorKind } from '../client/gateway-error.js';

/**
 * Why sending a material failed, by what the scheduler must do about it (the
 * kinds of the device's one failure type, {@link GatewayError}):
 * - `offline` / `server`: retry later with backoff;
 * - `mismatch`: the gateway received other bytes than the hash says (460):
 *   read the material again and send it from the start; never mark it sent;
 * - `conflict`: the upload stands at another offset than the one sent (409,
 *   e.g. a chunk of a connection given up on landed late): ask HEAD where it
 *   stands and resume from there;
 * - `gone`: the gateway no longer has the upload (404: swept after its
 *   expiry, or unknown; 410: ended): forget its URL, ask `have` (it may be
 *   stored already) and otherwise start a new upload from byte 0;
 * - `needs-sign-in` (401) / `needs-update` (426, 412 a tus version the
 *   gateway no longer speaks): stop, the session flow or the update flow
 *   takes over;
 * - `refused`: the gateway will never take this material as it is (too
 *   large, wrong type): skip it, retrying cannot help;
 * - `aborted`: the scheduler stopped it (sign-out, user switch).
 */
export type UploadFailureKind = GatewayErrorKind;

/** The kind of a failed transfer request, by HTTP status (0: no answer). */
export function classifyUploadStatus(status: number): UploadFailureKind {
  if (status === 0) return 'offline';
  if (status === 460) return 'mismatch';
  if (status === 401) return 'needs-sign-in';
  if (status === 426 || status === 412) return 'needs-update';
  if (status === 409) return 'conflict';
  if (status === 404 || status === 410) return 'gone';
  // 423: the gateway still holds the upload's lock from a dropped connection; 408/429: later.
  if (status >= 500 || status === 408 || status === 423 || status === 429) return 'server';
  return 'refused';
}

/** tus clients read statuses, not bodies: the catalogue problem each status of the upload routes stands for. */
const UPLOAD_PROBLEMS: Partial<Record<number, ErrorCode>> = {
  0: 'STORE_UNAVAILABLE',
  404: 'UPLOAD_GONE',
  409: 'UPLOAD_OFFSET_CONFLICT',
  410: 'UPLOAD_GONE',
  412: 'TUS_VERSION_UNSUPPORTED',
  423: 'UPLOAD_LOCKED',
  460: 'MATERIAL_HASH_MISMATCH',
  503: 'GATEWAY_BUSY',
};

function uploadProblem(status: number): ProblemBody {
  const code = UPLOAD_PROBLEMS[status];
  return code ? { code, message: ERRORS[code].message, fix: ERRORS[code].fix } : fallbackProblem(status);
}

/**
 * A failed material request as the device's one failure type: `status` 0
 * when no answer came; `retryAfterMs` what a busy gateway's `Retry-After`
 * asked for (429/503 GATEWAY_BUSY on `materials/have`), which the round's
 * backoff never undercuts; `detail` for logs.
 */
export function uploadFailure(kind: UploadFailureKind, status: number, detail: string, retryAfterMs?: number): GatewayError {
  return new GatewayError(kind, status, uploadProblem(status), retryAfterMs, detail);
}
