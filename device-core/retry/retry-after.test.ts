import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS } from './backoff.js';
import { parseRetryAfter, retryAfterDelay } from './retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-03T12:00:00.000Z');

  it('should read delay-seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('should read an HTTP-date against the clock given', () => {
    expect(parseRetryAfter('Thu, 03 Dec 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 11:59:00 GMT', now)).toBe(0);
  });

  it('should ignore a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
  });

  it('should cap what a gateway asks at the backoff cap', () => {
    expect(parseRetryAfter('86400', now)).toBe(BACKOFF_MAX_MS);
  });
});

describe('retryAfterDelay', () => {
  it('should never come back earlier than asked', () => {
    expect(retryAfterDelay(2_000, 0, () => 0)).toBe(2_000);
    expect(retryAfterDelay(2_000, 3, () => 0)).toBe(2_000);
  });

  it('should spread the return over a window that doubles with each refusal, up to four times the ask', () => {
    const top = (attempt: number) => retryAfterDelay(2_000, attempt, () => 0.999999);
    expect([0, 1, 2, 3, 10].map(top)).toEqual([4_000, 6_000, 10_000, 10_000, 10_000]);
    expect(retryAfterDelay(2_000, 0, () => 0.5)).toBe(3_000);
  });

  it('should spread even a Retry-After of zero over at least a second', () => {
    expect(retryAfterDelay(0, 0, () => 0.5)).toBe(500);
  });

  it('should cap the window at the backoff cap', () => {
    expect(retryAfterDelay(BACKOFF_MAX_MS, 3, () => 0.999999)).toBe(2 * BACKOFF_MAX_MS);
  });
});
