/**
 * Why sending a material failed, by what the scheduler must do about it:
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
export type UploadFailureKind = 'offline' | 'server' | 'mismatch' | 'conflict' | 'gone' | 'needs-sign-in' | 'needs-update' | 'refused' | 'aborted';

export class UploadFailure extends Error {
  override readonly name = 'UploadFailure';

  constructor(
    readonly kind: UploadFailureKind,
    /** HTTP status, 0 when no answer came. */
    readonly status: number,
    message: string,
    /**
     * What a busy gateway's `Retry-After` asked for (429/503 GATEWAY_BUSY on
     * `materials/have`), in ms (`parseRetryAfter` in device-core/retry/retry.ts):
     * the round's backoff must not be shorter (`retryAfterDelay`).
     */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

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
