import { describe, expect, it } from 'vitest';
import { LINK_PROFILES, LinkDirection, MIN_BYTES_BETWEEN_RESETS, ResetPlan } from './link-model.js';

describe('LinkDirection', () => {
  it('should take 8 × bytes / bandwidth to send a chunk and add the one-way delay', () => {
    const up = new LinkDirection(LINK_PROFILES['2g']);
    // 12 500 bytes at 100 kbit/s take 1 s, then 300 ms of propagation.
    expect(up.schedule(0, 12_500)).toBeCloseTo(1_300);
  });

  it('should queue a chunk behind the one still being sent', () => {
    const up = new LinkDirection(LINK_PROFILES['2g']);
    up.schedule(0, 12_500); // busy until 1 000 ms
    expect(up.schedule(500, 1_250)).toBeCloseTo(1_000 + 100 + 300);
    // An idle link starts at once.
    expect(up.schedule(5_000, 1_250)).toBeCloseTo(5_000 + 100 + 300);
  });

  it('should divide transfer time and delay by the time scale', () => {
    const up = new LinkDirection(LINK_PROFILES['2g'], 20);
    expect(up.schedule(0, 12_500)).toBeCloseTo(1_300 / 20);
  });

  it('should be instant on a clean link', () => {
    const clean = new LinkDirection(LINK_PROFILES.clean);
    expect(clean.isInstant).toBe(true);
    expect(clean.schedule(42, 1_000_000)).toBe(42);
    expect(new LinkDirection(LINK_PROFILES['2g']).isInstant).toBe(false);
  });
});

describe('ResetPlan', () => {
  const offsets = (seed: number, count: number, mean = 200 * 1024) => {
    const plan = new ResetPlan(mean, seed);
    const list = [plan.nextResetAt];
    for (let i = 1; i < count; i += 1) list.push(plan.advance());
    return list;
  };

  it('should draw the same reset offsets for the same seed', () => {
    expect(offsets(7, 50)).toEqual(offsets(7, 50));
    expect(offsets(7, 50)).not.toEqual(offsets(8, 50));
  });

  it('should space resets by the mean on average and never closer than the minimum', () => {
    const list = offsets(20261126, 2_000);
    const gaps = list.map((offset, i) => offset - (i === 0 ? 0 : list[i - 1]));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_BYTES_BETWEEN_RESETS);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean / (200 * 1024)).toBeGreaterThan(0.9);
    expect(mean / (200 * 1024)).toBeLessThan(1.1);
  });
});
