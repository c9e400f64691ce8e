import { describe, expect, it } from 'vitest';
import { qrMatrix, qrSvg } from './qr-code.js';

describe('qr code', () => {
  it('should make a square code with its quiet zone and finder patterns', () => {
    const m = qrMatrix('TB-7KQ4-M2XD-9F3A-0C1E');
    expect(m.length).toBeGreaterThanOrEqual(21 + 8);
    expect(m.every((row) => row.length === m.length)).toBe(true);
    expect(m[0].some(Boolean)).toBe(false); // quiet zone
    // The top-left finder pattern: a dark 7×7 ring starting after the 4-module border.
    expect(m[4].slice(4, 11)).toEqual([true, true, true, true, true, true, true]);
    expect(m[5].slice(4, 11)).toEqual([true, false, false, false, false, false, true]);
  });

  it('should draw one dark square per dark module in a scalable svg', () => {
    const text = 'TB-7KQ4-M2XD-9F3A-0C1E';
    const dark = qrMatrix(text).flat().filter(Boolean).length;
    const svg = qrSvg(text, '查询码 <x>');
    expect(svg.match(/h1v1h-1z/g)).toHaveLength(dark);
    expect(svg).toContain(`viewBox="0 0 ${qrMatrix(text).length} ${qrMatrix(text).length}"`);
    expect(svg).toContain('aria-label="查询码 x"');
  });

  it('should encode different codes differently', () => {
    expect(qrSvg('TB-0000-0000-0000-0000', 'a')).not.toBe(qrSvg('TB-0000-0000-0000-0001', 'a'));
  });
});
