import { describe, expect, it } from 'vitest';
import { LINK_PROFILES, LinkDirection, MIN_BYTES_BETWEEN_RESETS, ResetPlan, type ResetSpacing } from './link-model.js';

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
  const KB = 1024;
  const memoryless: ResetSpacing = { kind: 'memoryless', meanBytes: 200 * KB };
  const offsets = (seed: number, count: number, spacing: ResetSpacing = memoryless) => {
    const plan = new ResetPlan(spacing, seed);
    const list = [plan.nextResetAt];
    for (let i = 1; i < count; i += 1) list.push(plan.advance());
    return list;
  };
  const gapsOf = (list: number[]) => list.map((offset, i) => offset - (i === 0 ? 0 : list[i - 1]));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

  it('should draw the same reset offsets for the same seed', () => {
    expect(offsets(7, 50)).toEqual(offsets(7, 50));
    expect(offsets(7, 50)).not.toEqual(offsets(8, 50));
    expect(offsets(7, 50, LINK_PROFILES['2g'].resets)).toEqual(offsets(7, 50, LINK_PROFILES['2g'].resets));
  });

  it('should space memoryless resets by the mean on average, sometimes far beyond it, never closer than the minimum', () => {
    const gaps = gapsOf(offsets(20261126, 2_000));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_BYTES_BETWEEN_RESETS);
    expect(mean(gaps) / (200 * KB)).toBeGreaterThan(0.9);
    expect(mean(gaps) / (200 * KB)).toBeLessThan(1.1);
    // Exponential: P(gap > 300 KB) = e^-1.5 ≈ 22 %; these are the gaps whole-file retry of a 300 KB photo lives on.
    const longer = gaps.filter((gap) => gap > 300 * KB).length / gaps.length;
    expect(longer).toBeGreaterThan(0.18);
    expect(longer).toBeLessThan(0.27);
  });

  it("should space the 2G profile's resets every ~200 KB: between 150 and 250 KB, evenly spread", () => {
    const gaps = gapsOf(offsets(20261126, 2_000, LINK_PROFILES['2g'].resets));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(150 * KB);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(250 * KB);
    expect(mean(gaps) / (200 * KB)).toBeGreaterThan(0.98);
    expect(mean(gaps) / (200 * KB)).toBeLessThan(1.02);
    // Uniform, not bunched at the middle: about a quarter of the gaps in each 25 KB band.
    const lowest = gaps.filter((gap) => gap < 175 * KB).length / gaps.length;
    expect(lowest).toBeGreaterThan(0.2);
    expect(lowest).toBeLessThan(0.3);
  });

  it('should keep the memoryless 2G profile the same link but for its resets', () => {
    const { resets: a, name: _a, ...jittered } = LINK_PROFILES['2g'];
    const { resets: b, name: _b, ...memorylessLink } = LINK_PROFILES['2g-memoryless'];
    expect(memorylessLink).toEqual(jittered);
    expect(a.meanBytes).toBe(b.meanBytes);
  });

  it('should refuse a spacing that cannot be drawn', () => {
    expect(() => new ResetPlan({ kind: 'jittered', meanBytes: 0 }, 1)).toThrow(/meanBytes/);
    expect(() => new ResetPlan({ kind: 'jittered', meanBytes: 100, jitter: 1 }, 1)).toThrow(/jitter/);
  });
});
