import { describe, expect, it } from 'vitest';
import { GatewayError } from '../client/gateway-error.js';
import { classifyUploadStatus, uploadFailure } from './upload-failure.js';

describe('classifyUploadStatus', () => {
  it.each([
    [0, 'offline'],
    [500, 'server'],
    [503, 'server'],
    [408, 'server'],
    [423, 'server'],
    [429, 'server'],
    [460, 'mismatch'],
    [401, 'needs-sign-in'],
    [426, 'needs-update'],
    [412, 'needs-update'],
  ] as const)('should classify %i as %s', (status, kind) => {
    expect(classifyUploadStatus(status)).toBe(kind);
  });

  it('should make an offset conflict (409) a resume from the offset HEAD reports, never a refusal', () => {
    expect(classifyUploadStatus(409)).toBe('conflict');
  });

  it.each([404, 410])('should make an upload the gateway no longer has (%i) a new upload, never a refusal', (status) => {
    expect(classifyUploadStatus(status)).toBe('gone');
  });

  it.each([400, 403, 413, 415])('should refuse for good only what no retry can fix (%i)', (status) => {
    expect(classifyUploadStatus(status)).toBe('refused');
  });
});

describe('uploadFailure', () => {
  it("should be the device's one failure type, with the catalogue problem of a tus status and the detail only in its message", () => {
    const failure = uploadFailure('mismatch', 460, 'upload of abc answered 460');
    expect(failure).toBeInstanceOf(GatewayError);
    expect(failure.code).toBe('MATERIAL_HASH_MISMATCH');
    expect(failure.message).toBe('MATERIAL_HASH_MISMATCH: upload of abc answered 460');
    expect(uploadFailure('server', 503, 'busy', 2_000)).toMatchObject({ code: 'GATEWAY_BUSY', retryAfterMs: 2_000, kind: 'server' });
    expect(uploadFailure('refused', 415, 'x').code).toBe('INVALID_REQUEST');
  });
});
