import { describe, expect, it } from 'vitest';
import { CLOSED, recordFailure, recordSuccess, requestPermission } from './circuit-breaker.js';
import { decideAfterFailure, retryDelayMs, type RetryPolicy } from './retry-policy.js';

const policy: RetryPolicy = { baseMs: 1000, capMs: 60_000, maxAttempts: 5 };

describe('retryDelayMs', () => {
  it('should double the ceiling with each attempt up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, 0.999999))).toEqual([999, 1999, 3999, 7999]);
    expect(retryDelayMs(30, policy, 0.999999)).toBe(59_999);
  });

  it('should spread delays over the whole range (full jitter)', () => {
    expect(retryDelayMs(3, policy, 0)).toBe(0);
    expect(retryDelayMs(3, policy, 0.5)).toBe(2000);
  });
});

describe('decideAfterFailure', () => {
  it('should make a permanent refusal a dead letter at once, with its reason', () => {
    expect(decideAfterFailure(1, { permanent: true, reason: '422 INVALID' }, policy, 0.5)).toEqual({ action: 'dead', reason: '422 INVALID' });
  });

  it('should retry a transient failure until the last attempt', () => {
    expect(decideAfterFailure(4, { permanent: false, reason: 'timeout' }, policy, 0.5)).toEqual({ action: 'retry', delayMs: 4000 });
    expect(decideAfterFailure(5, { permanent: false, reason: 'timeout' }, policy, 0.5)).toMatchObject({ action: 'dead' });
  });
});

describe('circuit breaker', () => {
  const options = { threshold: 3, openMs: 10_000 };

  it('should open after the threshold of failures in a row and refuse until the time is up', () => {
    let state = CLOSED;
    for (let i = 0; i < 3; i += 1) state = recordFailure(state, 0, options);
    expect(state).toEqual({ phase: 'open', until: 10_000 });
    expect(requestPermission(state, 9_999).allowed).toBe(false);
  });

  it('should let one probe through when half-open, and close on its success', () => {
    const open = { phase: 'open' as const, until: 10_000 };
    const probe = requestPermission(open, 10_000);
    expect(probe.allowed).toBe(true);
    expect(requestPermission(probe.state, 10_001).allowed).toBe(false);
    expect(recordSuccess()).toEqual(CLOSED);
  });

  it('should open again when the probe fails', () => {
    expect(recordFailure({ phase: 'half-open', probing: true }, 20_000, options)).toEqual({ phase: 'open', until: 30_000 });
  });

  it('should count only failures in a row', () => {
    const once = recordFailure(CLOSED, 0, options);
    expect(recordFailure(recordSuccess(), 0, options)).toEqual(once);
  });
});
