import { describe, expect, it } from 'vitest';
import { MIN_LONG_EDGE, shrinkLongEdge } from './shrink-long-edge.js';

describe('shrinkLongEdge', () => {
  it('should scale the edge by the square root of the overshoot, with a margin', () => {
    // 4× over budget: √(1/4) × 0.9 = 0.45, clamped to at most halving.
    expect(shrinkLongEdge(1600, 1_600_000, 400_000)).toBe(800);
    // 1.5× over: √(1/1.5) × 0.9 ≈ 0.735.
    expect(shrinkLongEdge(1600, 600_000, 400_000)).toBe(1175);
  });

  it('should shrink by at least 10 % even when barely over budget', () => {
    const next = shrinkLongEdge(1600, 400_001, 400_000)!;
    expect(next).toBeLessThanOrEqual(1440);
    expect(next).toBeGreaterThan(1430);
  });

  it('should not go below the legibility floor, and stop at it', () => {
    expect(shrinkLongEdge(600, 10_000_000, 400_000)).toBe(MIN_LONG_EDGE);
    expect(shrinkLongEdge(MIN_LONG_EDGE, 10_000_000, 400_000)).toBeNull();
  });
});
