import { describe, expect, it } from 'vitest';
import { RetrySlots } from './retry-slots.js';

const limits = { minSeconds: 2, maxSeconds: 30, turns: 2, initialPerSecond: 8 };

describe('RetrySlots', () => {
  it('should ask the first refusals of a quiet gate for the shortest wait', () => {
    const slots = new RetrySlots(limits);
    expect(slots.next(0)).toBe(2);
  });

  it('should spread a storm refused in one moment over the seconds the gate needs to drain it', () => {
    const slots = new RetrySlots(limits);
    for (let t = 0; t < 1_000; t += 100) slots.recordFinished(t, 200); // 2 turns of 200 ms: 10 per second
    const asked = Array.from({ length: 100 }, () => slots.next(1_000));
    // 100 refusals at 10 per second: from 2 s to about 12 s, each second about ten times.
    expect(asked[0]).toBe(2);
    expect(asked.at(-1)).toBe(12);
    const perSecond = new Map<number, number>();
    for (const s of asked) perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(11);
  });

  it('should know the pace from the first finished request', () => {
    const slots = new RetrySlots(limits);
    slots.recordFinished(50, 50);
    expect(slots.drainPerSecond(50)).toBe(40);
  });

  it('should never ask more than the longest wait', () => {
    const slots = new RetrySlots({ ...limits, initialPerSecond: 1 });
    const asked = Array.from({ length: 100 }, () => slots.next(0));
    expect(Math.max(...asked)).toBe(30);
  });

  it('should forget finished requests older than its window and slots already past', () => {
    const slots = new RetrySlots(limits);
    for (let t = 0; t < 1_000; t += 10) slots.recordFinished(t, 20); // 2 turns of 20 ms: 100 per second
    expect(slots.drainPerSecond(1_000)).toBeCloseTo(100, 0);
    expect(slots.drainPerSecond(60_000)).toBe(8);
    for (let i = 0; i < 50; i += 1) slots.next(1_000);
    expect(slots.next(120_000)).toBe(2);
  });
});
