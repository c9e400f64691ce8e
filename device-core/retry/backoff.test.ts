import { describe, expect, it } from 'vitest';
import { backoffDelay, fullJitterDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('should double the window with each attempt', () => {
    const max = (attempt: number) => backoffDelay(attempt, { baseMs: 1000, maxMs: 1e9, random: () => 0.999999 });
    expect([0, 1, 2, 3].map(max)).toEqual([1000, 2000, 4000, 8000]);
  });

  it('should never wait less than half the window', () => {
    expect(backoffDelay(3, { baseMs: 1000, random: () => 0 })).toBe(4000);
  });

  it('should spread clients over the second half of the window', () => {
    const delays = [0, 0.25, 0.5, 0.75].map((r) => backoffDelay(2, { baseMs: 1000, random: () => r }));
    expect(delays).toEqual([2000, 2500, 3000, 3500]);
  });

  it('should cap the delay', () => {
    expect(backoffDelay(50, { baseMs: 1000, maxMs: 60_000, random: () => 0.999999 })).toBe(60_000);
    expect(backoffDelay(50, { baseMs: 1000, maxMs: 60_000, random: () => 0 })).toBe(30_000);
  });
});

describe('fullJitterDelay', () => {
  it('should spread retries over the whole window, from zero to its top', () => {
    const at = (r: number) => fullJitterDelay(3, { baseMs: 1000, maxMs: 1e9, random: () => r });
    expect([0, 0.5, 0.999999].map(at)).toEqual([0, 4000, 8000]);
  });

  it('should cap the window', () => {
    expect(fullJitterDelay(40, { baseMs: 1000, maxMs: 60_000, random: () => 0.999999 })).toBe(60_000);
  });
});
