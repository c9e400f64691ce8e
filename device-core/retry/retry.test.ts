import { describe, expect, it } from 'vitest';
import { GatewayError } from '../client/gateway-error.js';
import { toProblemBody } from '../../sync-protocol/index.js';
import { BACKOFF_MAX_MS, parseRetryAfter, retryAfterDelay, retryDelay, withRetryAfter } from './retry.js';

describe('retryDelay with equal jitter', () => {
  it('should double the window with each attempt', () => {
    const max = (attempt: number) => retryDelay(attempt, { baseMs: 1000, maxMs: 1e9, random: () => 0.999999 });
    expect([0, 1, 2, 3].map(max)).toEqual([1000, 2000, 4000, 8000]);
  });

  it('should never wait less than half the window', () => {
    expect(retryDelay(3, { baseMs: 1000, random: () => 0 })).toBe(4000);
  });

  it('should spread clients over the second half of the window', () => {
    const delays = [0, 0.25, 0.5, 0.75].map((r) => retryDelay(2, { baseMs: 1000, random: () => r }));
    expect(delays).toEqual([2000, 2500, 3000, 3500]);
  });

  it('should cap the delay', () => {
    expect(retryDelay(50, { baseMs: 1000, maxMs: 60_000, random: () => 0.999999 })).toBe(60_000);
    expect(retryDelay(50, { baseMs: 1000, maxMs: 60_000, random: () => 0 })).toBe(30_000);
  });
});

describe('retryDelay with full jitter', () => {
  it('should spread retries over the whole window, from zero to its top', () => {
    const at = (r: number) => retryDelay(3, { jitter: 'full', baseMs: 1000, maxMs: 1e9, random: () => r });
    expect([0, 0.5, 0.999999].map(at)).toEqual([0, 4000, 8000]);
  });

  it('should cap the window', () => {
    expect(retryDelay(40, { jitter: 'full', baseMs: 1000, maxMs: 60_000, random: () => 0.999999 })).toBe(60_000);
  });
});

describe('retryDelay after a Retry-After', () => {
  it('should never wait less than the gateway asked, and keep the longer backoff', () => {
    expect(retryDelay(0, { jitter: 'full', baseMs: 1000, random: () => 0, askedMs: 5_000 })).toBe(5_000);
    expect(retryDelay(6, { jitter: 'full', baseMs: 1000, random: () => 0.5, askedMs: 1_000 })).toBe(32_000);
  });
});

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

  it('should spread the return over a second that doubles with each refusal, up to four', () => {
    const top = (attempt: number) => retryAfterDelay(2_000, attempt, () => 0.999999);
    expect([0, 1, 2, 3, 10].map(top)).toEqual([3_000, 4_000, 6_000, 6_000, 6_000]);
    expect(retryAfterDelay(2_000, 0, () => 0.5)).toBe(2_500);
  });

  it('should spread even a Retry-After of zero over at least a second', () => {
    expect(retryAfterDelay(0, 0, () => 0.5)).toBe(500);
  });

  it('should keep the window small beside a long ask: the gateway already spread the asks of a storm', () => {
    expect(retryAfterDelay(20_000, 0, () => 0.999999)).toBe(21_000);
  });
});

const busy = (retryAfterMs?: number) => new GatewayError('server', 503, toProblemBody('GATEWAY_BUSY'), retryAfterMs);

function scripted(outcomes: (Error | string)[]) {
  let calls = 0;
  const work = async () => {
    const outcome = outcomes[calls++];
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { work, calls: () => calls };
}

describe('withRetryAfter', () => {
  it('should wait what the gateway asked, with jitter, and try again', async () => {
    const slept: number[] = [];
    const { work, calls } = scripted([busy(2_000), busy(2_000), 'landed']);
    const result = await withRetryAfter(work, { random: () => 0, sleep: async (ms) => void slept.push(ms) });
    expect(result).toBe('landed');
    expect(calls()).toBe(3);
    expect(slept).toEqual([2_000, 2_000]);
  });

  it('should hand other failures to the caller at once', async () => {
    const offline = new GatewayError('offline', 0, toProblemBody('STORE_UNAVAILABLE'));
    const noHeader = busy(undefined);
    for (const failure of [offline, noHeader, new Error('bug')]) {
      const { work, calls } = scripted([failure, 'landed']);
      await expect(withRetryAfter(work, { sleep: async () => undefined })).rejects.toBe(failure);
      expect(calls()).toBe(1);
    }
  });

  it('should give the last refusal to the caller after the attempts', async () => {
    const last = busy(1_000);
    const { work, calls } = scripted([busy(1_000), busy(1_000), last, 'landed']);
    await expect(withRetryAfter(work, { attempts: 3, sleep: async () => undefined })).rejects.toBe(last);
    expect(calls()).toBe(3);
  });
});
