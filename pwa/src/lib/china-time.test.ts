import { describe, expect, it } from 'vitest';
import { formatChinaDate, formatChinaDateTime, formatChinaMonthDayTime } from './china-time.js';

describe('china time', () => {
  // 01:05 UTC is 09:05 in China.
  const morning = '2026-11-26T01:05:00.000Z';
  // 16:30 UTC on the 25th is already 00:30 on the 26th in China.
  const afterMidnight = '2026-11-25T16:30:00.000Z';

  it('should write the date in Chinese, in China time', () => {
    expect(formatChinaDate(morning)).toBe('2026年11月26日');
    expect(formatChinaDate(afterMidnight)).toBe('2026年11月26日');
  });

  it('should write date and time with a 24-hour clock and two-digit hours and minutes, in China time', () => {
    expect(formatChinaDateTime(morning)).toBe('2026年11月26日 09:05');
    expect(formatChinaDateTime(afterMidnight)).toBe('2026年11月26日 00:30');
    expect(formatChinaDateTime(new Date('2026-03-01T12:59:00.000Z'))).toBe('2026年3月1日 20:59');
  });

  it('should leave the year out where the list needs only month, day and time', () => {
    expect(formatChinaMonthDayTime(morning)).toBe('11月26日 09:05');
  });

  it('should give nothing for a value that is not a date', () => {
    expect(formatChinaDate('not a date')).toBe('');
    expect(formatChinaDateTime('')).toBe('');
    expect(formatChinaMonthDayTime('2026-13-45')).toBe('');
  });
});
