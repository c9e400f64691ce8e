import { describe, expect, it } from 'vitest';
import { toBacklogSeries } from './watch-backlog.js';

describe('toBacklogSeries', () => {
  it('should count in-flight entries apart from those waiting', () => {
    const series = toBacklogSeries({ pending: 5, inFlight: 2, dead: 1, oldestPendingCreatedAt: '2026-11-26T07:00:00.000Z' }, new Date('2026-11-26T07:01:30.000Z'));
    expect(series).toEqual({ entries: { pending: 3, in_flight: 2, dead: 1 }, oldestPendingSeconds: 90 });
  });

  it('should give an age of 0 when nothing is pending', () => {
    expect(toBacklogSeries({ pending: 0, inFlight: 0, dead: 0, oldestPendingCreatedAt: null }, new Date()).oldestPendingSeconds).toBe(0);
  });
});
