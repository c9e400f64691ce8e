import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../sync-protocol/index.js';
import { splitPushRows } from './push-batches.js';

const row = (id: number, note = '') => ({ newDocumentState: { id: `app-${id}`, note, _deleted: false } });

describe('splitPushRows', () => {
  it('should keep a full batch of ordinary rows in one push', () => {
    const rows = Array.from({ length: LIMITS.maxPushRows }, (_, i) => row(i, '材料'.repeat(100)));
    expect(splitPushRows(rows)).toEqual([rows]);
  });

  it('should split by bytes, in order, counting UTF-8 bytes', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(i, '汉'.repeat(100))); // ~300 bytes of note each
    const batches = splitPushRows(rows, 1000);
    expect(batches.flat()).toEqual(rows);
    for (const batch of batches) expect(new TextEncoder().encode(batch.map((r) => JSON.stringify(r)).join(',')).length).toBeLessThanOrEqual(1000);
    expect(batches.length).toBeGreaterThan(3);
  });

  it('should send a row larger than the limit alone', () => {
    const rows = [row(1), row(2, 'x'.repeat(5000)), row(3)];
    expect(splitPushRows(rows, 1000)).toEqual([[rows[0]], [rows[1]], [rows[2]]]);
  });

  it('should never put more than maxPushRows rows in one push', () => {
    const rows = Array.from({ length: LIMITS.maxPushRows + 1 }, (_, i) => row(i));
    expect(splitPushRows(rows).map((b) => b.length)).toEqual([LIMITS.maxPushRows, 1]);
  });
});
