import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { isTruncated } from './detect-truncation.js';

/** A PNG's chunk layout (CRCs are not checked here, so zeros do). */
function pngWithChunks(...chunks: [string, number][]): Uint8Array {
  const parts: number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  for (const [type, length] of chunks) {
    parts.push(0, 0, (length >> 8) & 0xff, length & 0xff, ...[...type].map((c) => c.charCodeAt(0)));
    parts.push(...new Array<number>(length + 4).fill(0));
  }
  return new Uint8Array(parts);
}

function webp(declaredPayload: number, actualPayload: number): Uint8Array {
  const bytes = new Uint8Array(12 + actualPayload);
  bytes.set([0x52, 0x49, 0x46, 0x46]);
  new DataView(bytes.buffer).setUint32(4, 4 + declaredPayload, true);
  bytes.set([0x57, 0x45, 0x42, 0x50], 8);
  return bytes;
}

describe('isTruncated', () => {
  it('should accept a whole PNG and catch one cut before or inside IEND', () => {
    const whole = pngWithChunks(['IHDR', 13], ['IDAT', 300], ['IEND', 0]);
    expect(isTruncated('png', whole)).toBe(false);
    expect(isTruncated('png', whole.subarray(0, 200))).toBe(true);
    expect(isTruncated('png', whole.subarray(0, whole.length - 1))).toBe(true);
  });

  it('should compare a WebP with the size its RIFF header declares', () => {
    expect(isTruncated('webp', webp(100, 100))).toBe(false);
    expect(isTruncated('webp', webp(100, 60))).toBe(true);
  });

  it('should check JPEGs by their end marker', () => {
    const whole = new Uint8Array(jpeg.encode({ data: new Uint8Array(8 * 8 * 4), width: 8, height: 8 }, 50).data);
    expect(isTruncated('jpeg', whole)).toBe(false);
    expect(isTruncated('jpeg', whole.subarray(0, whole.length - 10))).toBe(true);
  });

  it('should leave HEIC to the decoder', () => {
    expect(isTruncated('heic', new Uint8Array(10))).toBe(false);
  });
});
