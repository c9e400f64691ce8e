import { describe, expect, it } from 'vitest';
import { createCachedReader } from './cached-reader.js';

function fixedClock(start: number) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('createCachedReader', () => {
  it('should read once within the time to live and again after it', async () => {
    const clock = fixedClock(1_000_000);
    let reads = 0;
    const read = createCachedReader(async () => (reads += 1), clock, 5_000);
    expect(await read()).toBe(1);
    clock.advance(4_999);
    expect(await read()).toBe(1);
    clock.advance(1);
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
  });

  it('should share one running read between callers', async () => {
    const clock = fixedClock(0);
    let reads = 0;
    let release!: () => void;
    const read = createCachedReader(() => new Promise<number>((resolve) => (release = () => resolve((reads += 1)))), clock, 5_000);
    const both = Promise.all([read(), read()]);
    release();
    expect(await both).toEqual([1, 1]);
    expect(reads).toBe(1);
  });

  it('should not keep a failed read', async () => {
    const clock = fixedClock(0);
    let reads = 0;
    const read = createCachedReader(
      async () => {
        reads += 1;
        if (reads === 1) throw new Error('store down');
        return reads;
      },
      clock,
      5_000,
    );
    await expect(read()).rejects.toThrow('store down');
    expect(await read()).toBe(2);
  });
});
