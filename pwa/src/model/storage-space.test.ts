import { describe, expect, it } from 'vitest';
import { describeSpace, formatBytes, isQuotaError } from './storage-space.js';

const MB = 1024 * 1024;

describe('storage space', () => {
  it('should say what is used and free in plain units', () => {
    const report = describeSpace({ usage: 12 * MB, quota: 1.2 * 1024 * MB + 12 * MB });
    expect(report).toMatchObject({ level: 'ok', summary: '手机存储：已用 12 MB，可用约 1.2 GB' });
    expect(report.warning).toBeUndefined();
  });

  it('should warn when less than 50 MB is free, with the photos that still fit', () => {
    const report = describeSpace({ usage: 100 * MB, quota: 130 * MB });
    expect(report.level).toBe('low');
    expect(report.photosLeft).toBe(50);
    expect(report.warning).toContain('大约还能存50张');
  });

  it('should say the phone is full when five photos no longer fit', () => {
    expect(describeSpace({ usage: 100 * MB, quota: 102 * MB }).level).toBe('full');
    expect(describeSpace({ usage: 200 * MB, quota: 100 * MB })).toMatchObject({ level: 'full', photosLeft: 0 });
  });

  it('should not guess when the browser does not tell', () => {
    expect(describeSpace(undefined).level).toBe('unknown');
    expect(describeSpace({ usage: 5 }).level).toBe('unknown');
  });

  it('should format sizes with one decimal below ten', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(800 * 1024)).toBe('800 KB');
    expect(formatBytes(1.25 * MB)).toBe('1.3 MB');
    expect(formatBytes(3 * 1024 * MB)).toBe('3 GB');
    expect(formatBytes(1009 * 1024)).toBe('1 MB');
  });

  it('should recognise a quota error however the database wrapped it', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError({ code: 'RX', parameters: { error: quota } })).toBe(true);
    expect(isQuotaError(new Error('write failed', { cause: quota }))).toBe(true);
    expect(isQuotaError(new Error('not found'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
