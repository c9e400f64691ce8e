import { describe, expect, it } from 'vitest';
import { TRACKING_CODE_PATTERN } from './schemas/application.js';
import { makeTrackingCode, normaliseTrackingCode } from './tracking-code.js';

describe('tracking codes', () => {
  it('should encode 80 bits as four groups of Crockford base32', () => {
    expect(makeTrackingCode(() => new Uint8Array(10))).toBe('TB-0000-0000-0000-0000');
    expect(makeTrackingCode(() => new Uint8Array(10).fill(255))).toBe('TB-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    const code = makeTrackingCode((n) => Uint8Array.from({ length: n }, (_, i) => i * 37));
    expect(code).toMatch(new RegExp(TRACKING_CODE_PATTERN));
  });

  it('should differ for different random bytes', () => {
    const a = makeTrackingCode((n) => Uint8Array.from({ length: n }, (_, i) => i));
    const b = makeTrackingCode((n) => Uint8Array.from({ length: n }, (_, i) => i + 1));
    expect(a).not.toBe(b);
  });

  it('should read a code as a person types it', () => {
    expect(normaliseTrackingCode('tb 7kq4 m2xd 9f3a 0c1e')).toBe('TB-7KQ4-M2XD-9F3A-0C1E');
    expect(normaliseTrackingCode('TB-7KQ4-M2XD-9F3A-OC1E')).toBe('TB-7KQ4-M2XD-9F3A-0C1E');
    expect(normaliseTrackingCode('TB-7KQ4-M2XD-9F3A')).toBeNull();
    expect(normaliseTrackingCode('TB-7KQ4-M2XD-9F3A-0C1U')).toBeNull();
  });
});
