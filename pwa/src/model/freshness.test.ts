import { describe, expect, it } from 'vitest';
import { describeFreshness } from './freshness.js';

const at = '2026-11-20T08:00:00.000Z';
const plus = (days: number) => new Date(Date.parse(at) + days * 24 * 3600 * 1000);

describe('describeFreshness', () => {
  it('should say today, yesterday and days ago', () => {
    expect(describeFreshness(at, plus(0.5))).toBe('今天更新');
    expect(describeFreshness(at, plus(1.2))).toBe('昨天更新');
    expect(describeFreshness(at, plus(3))).toBe('3 天前更新');
  });

  it('should say months and years for old guides', () => {
    expect(describeFreshness(at, plus(65))).toBe('2 个月前更新');
    expect(describeFreshness(at, plus(400))).toBe('1 年前更新');
  });

  it('should never show a negative age when the clock is behind the gateway', () => {
    expect(describeFreshness(at, plus(-40))).toBe('今天更新');
  });

  it('should show nothing for a date it cannot read', () => {
    expect(describeFreshness('not a date', plus(1))).toBeNull();
    expect(describeFreshness(at, new Date(Number.NaN))).toBeNull();
  });
});
