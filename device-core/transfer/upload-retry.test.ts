import { describe, expect, it } from 'vitest';
import { CONFLICT_RESUMES, decideAfterUploadFailure, NO_TRIES, PROGRESS_RESUMES } from './upload-retry.js';

describe('decideAfterUploadFailure', () => {
  it('should send a mismatched material again from the start once, then leave it to the backoff from byte 0', () => {
    const first = decideAfterUploadFailure('mismatch', false, NO_TRIES);
    expect(first).toEqual({ action: 'resend', tries: { ...NO_TRIES, mismatches: 1 } });
    expect(decideAfterUploadFailure('mismatch', false, first.action === 'resend' ? first.tries : NO_TRIES)).toEqual({ action: 'wait', fromStart: true });
  });

  it('should resume at once after a drop that moved bytes, up to its limit, and wait after a drop that moved none', () => {
    expect(decideAfterUploadFailure('offline', true, NO_TRIES)).toEqual({ action: 'resume', tries: { ...NO_TRIES, resumes: 1 } });
    expect(decideAfterUploadFailure('server', true, { ...NO_TRIES, resumes: PROGRESS_RESUMES - 1 })).toMatchObject({ action: 'resume' });
    expect(decideAfterUploadFailure('offline', true, { ...NO_TRIES, resumes: PROGRESS_RESUMES })).toEqual({ action: 'wait', fromStart: false });
    expect(decideAfterUploadFailure('offline', false, NO_TRIES)).toEqual({ action: 'wait', fromStart: false });
  });

  it('should resume after an offset conflict a few times, then wait', () => {
    expect(decideAfterUploadFailure('conflict', false, { ...NO_TRIES, conflicts: CONFLICT_RESUMES - 1 })).toMatchObject({ action: 'resume' });
    expect(decideAfterUploadFailure('conflict', false, { ...NO_TRIES, conflicts: CONFLICT_RESUMES })).toEqual({ action: 'wait', fromStart: false });
  });

  it('should ask whether a lost upload was stored before starting anew, once, then wait from byte 0', () => {
    expect(decideAfterUploadFailure('gone', false, NO_TRIES)).toEqual({ action: 'restart-unless-held', tries: { ...NO_TRIES, restarts: 1 } });
    expect(decideAfterUploadFailure('gone', false, { ...NO_TRIES, restarts: 1 })).toEqual({ action: 'wait', fromStart: true });
  });

  it('should give up a refused material for the session and leave sign-in and update problems to the round', () => {
    expect(decideAfterUploadFailure('refused', false, NO_TRIES)).toEqual({ action: 'give-up' });
    expect(decideAfterUploadFailure('needs-sign-in', true, NO_TRIES)).toEqual({ action: 'wait', fromStart: false });
    expect(decideAfterUploadFailure('needs-update', false, NO_TRIES)).toEqual({ action: 'wait', fromStart: false });
  });
});
