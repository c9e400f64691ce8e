import { describe, expect, it } from 'vitest';
import { ERRORS, isErrorCode, toProblemBody } from './errors.js';

describe('error catalogue', () => {
  it('should give every code a message, a fix and a 4xx/5xx status', () => {
    for (const [code, def] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z][A-Z_]+$/);
      expect(def.message.length, code).toBeGreaterThan(0);
      expect(def.fix.length, code).toBeGreaterThan(0);
      expect(def.httpStatus, code).toBeGreaterThanOrEqual(400);
      expect(def.httpStatus, code).toBeLessThan(600);
    }
  });

  it('should expose exactly the client errors', () => {
    for (const [code, def] of Object.entries(ERRORS)) {
      expect(def.expose, code).toBe(def.httpStatus < 500);
    }
  });

  it('should keep the codes clients depend on', () => {
    // Removing or renaming one of these breaks deployed apps.
    for (const code of ['DOCUMENT_INVALID', 'PROTOCOL_VERSION_UNSUPPORTED', 'UNAUTHENTICATED', 'NOT_OWNER', 'BODY_TOO_LARGE', 'GATEWAY_BUSY']) {
      expect(isErrorCode(code), code).toBe(true);
    }
  });

  it('should answer an overloaded gateway with 503 GATEWAY_BUSY, a retry the device makes by itself', () => {
    expect(ERRORS.GATEWAY_BUSY.httpStatus).toBe(503);
    expect(ERRORS.GATEWAY_BUSY.message).toMatch(/[\u4e00-\u9fff]/);
    expect(ERRORS.GATEWAY_BUSY.fix).toMatch(/Retry-After/);
  });

  it('should build a wire body with field detail', () => {
    expect(toProblemBody('DOCUMENT_INVALID', { field: 'applicant.name' })).toEqual({
      code: 'DOCUMENT_INVALID',
      message: ERRORS.DOCUMENT_INVALID.message,
      fix: ERRORS.DOCUMENT_INVALID.fix,
      field: 'applicant.name',
    });
  });
});
