import type { UploadFailureKind } from './upload-failure.js';

/** A hash mismatch is sent again at once this many times; after that it waits like any failure. */
export const IMMEDIATE_RESENDS = 1;
/**
 * How often one material is resumed at once after a dropped connection that
 * still moved its upload forward. On 2G a link drops every few hundred
 * kilobytes while it works: waiting out a backoff after each drop would
 * spend more time waiting than sending. A drop without progress goes to the
 * round's backoff as before.
 */
export const PROGRESS_RESUMES = 20;
/**
 * How often one material resumes at once after an offset conflict (409):
 * tus-js-client asks HEAD where the upload stands and goes on from there.
 * More in a row means something else keeps writing to it: the round's backoff.
 */
export const CONFLICT_RESUMES = 3;
/**
 * How often one material starts a new upload at once after the gateway lost
 * the one it was sending (404/410: swept, ended). After that it waits like
 * any failure, and is never given up for the session.
 */
export const GONE_RESTARTS = 1;

/** What one material's upload has already tried at once in this round. */
export interface UploadTries {
  mismatches: number;
  resumes: number;
  conflicts: number;
  restarts: number;
}

export const NO_TRIES: UploadTries = { mismatches: 0, resumes: 0, conflicts: 0, restarts: 0 };

/**
 * After a failed upload of one material:
 * - `resend`: read the material again and send it from byte 0 now (a hash mismatch);
 * - `resume`: go on at once from the offset the gateway acknowledged (a drop that still moved bytes, an offset conflict);
 * - `restart-unless-held`: the upload is gone; ask whether the gateway stored it, else start a new one now;
 * - `give-up`: the gateway refuses this material as it is: skip it for the session;
 * - `wait`: leave it to the round's backoff (`fromStart`: its progress is lost).
 */
export type UploadRetryDecision =
  | { action: 'resend'; tries: UploadTries }
  | { action: 'resume'; tries: UploadTries }
  | { action: 'restart-unless-held'; tries: UploadTries }
  | { action: 'give-up' }
  | { action: 'wait'; fromStart: boolean };

/** Decides from the failure's kind, whether this attempt moved bytes, and what was tried already. Pure. */
export function decideAfterUploadFailure(kind: UploadFailureKind, movedBytes: boolean, tries: UploadTries): UploadRetryDecision {
  if (kind === 'mismatch' && tries.mismatches < IMMEDIATE_RESENDS) return { action: 'resend', tries: { ...tries, mismatches: tries.mismatches + 1 } };
  if ((kind === 'offline' || kind === 'server') && movedBytes && tries.resumes < PROGRESS_RESUMES) return { action: 'resume', tries: { ...tries, resumes: tries.resumes + 1 } };
  if (kind === 'conflict' && tries.conflicts < CONFLICT_RESUMES) return { action: 'resume', tries: { ...tries, conflicts: tries.conflicts + 1 } };
  if (kind === 'gone' && tries.restarts < GONE_RESTARTS) return { action: 'restart-unless-held', tries: { ...tries, restarts: tries.restarts + 1 } };
  if (kind === 'refused') return { action: 'give-up' };
  return { action: 'wait', fromStart: kind === 'mismatch' || kind === 'gone' };
}
