import { describe, expect, it } from 'vitest';
import { keepNewerGuide } from './newer-guide.js';

describe('keepNewerGuide', () => {
  const live = { id: 'g', areaCode: '331123001', version: 3, _deleted: false };
  const oldTombstone = { id: 'g', areaCode: '331123', version: 2, _deleted: true };

  it("should keep the moved guide when the old area's tombstone arrives late", () => {
    expect(keepNewerGuide(oldTombstone, live)).toBe(live);
  });

  it('should take the moved guide when it arrives after the tombstone', () => {
    expect(keepNewerGuide(live, oldTombstone)).toBe(live);
  });

  it('should take the incoming copy when there is none or it is not older', () => {
    expect(keepNewerGuide(live, null)).toBe(live);
    const update = { ...live, version: 3, areaCode: '331123001' };
    expect(keepNewerGuide(update, live)).toBe(update);
  });
});
