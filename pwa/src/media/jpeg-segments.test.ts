import ExifReader from 'exifreader';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { buildExifApp1, insertAfterSoi } from './exif-fixture.js';
import { APP1, isJpegTruncated, readJpegSegments, SOS, summariseExif } from './jpeg-segments.js';

/** A real (tiny) JPEG from a pure-JS encoder, as the app's canvas would give. */
function smallJpeg(): Uint8Array {
  const width = 16;
  const height = 8;
  const data = new Uint8Array(width * height * 4).map((_, index) => (index * 37) % 256);
  return new Uint8Array(jpeg.encode({ data, width, height }, 80).data);
}

const phoneExif = buildExifApp1({ orientation: 6, latitude: 29.6034, longitude: 103.1212 });

describe('readJpegSegments', () => {
  it('should list the header segments up to the first scan', () => {
    const segments = readJpegSegments(smallJpeg())!;
    expect(segments[0].marker).toBe(0xe0); // JFIF APP0
    expect(segments.at(-1)!.marker).toBe(SOS);
    expect(segments.map((segment) => segment.marker)).toContain(0xdb); // quantisation tables
  });

  it('should find an inserted APP1 right after SOI', () => {
    const segments = readJpegSegments(insertAfterSoi(smallJpeg(), phoneExif))!;
    expect(segments[0]).toMatchObject({ marker: APP1, offset: 2, dataLength: phoneExif.length - 4 });
  });

  it('should answer null for bytes that are not a JPEG', () => {
    expect(readJpegSegments(new TextEncoder().encode('hello'))).toBeNull();
  });
});

describe('summariseExif', () => {
  it('should see the orientation and the GPS pointer a phone camera writes', () => {
    expect(summariseExif(insertAfterSoi(smallJpeg(), phoneExif))).toEqual({
      app1Count: 1,
      hasExif: true,
      hasGps: true,
      orientation: 6,
    });
  });

  it('should report nothing for a JPEG without metadata', () => {
    expect(summariseExif(smallJpeg())).toEqual({ app1Count: 0, hasExif: false, hasGps: false, orientation: null });
  });
});

describe('the EXIF fixture', () => {
  it('should be read back by an independent EXIF library with the position it was given', () => {
    const tags = ExifReader.load(insertAfterSoi(smallJpeg(), phoneExif).buffer as ArrayBuffer, { expanded: true });
    expect(tags.exif?.Orientation?.value).toBe(6);
    expect(tags.gps?.Latitude).toBeCloseTo(29.6034, 3);
    expect(tags.gps?.Longitude).toBeCloseTo(103.1212, 3);
  });
});

describe('isJpegTruncated', () => {
  it('should accept a whole JPEG, also with bytes appended after its end', () => {
    const whole = smallJpeg();
    expect(isJpegTruncated(whole)).toBe(false);
    expect(isJpegTruncated(new Uint8Array([...whole, 0x4d, 0x50, 0x46, 0x00]))).toBe(false);
  });

  it('should catch a JPEG cut in its image data or in its header', () => {
    const whole = smallJpeg();
    expect(isJpegTruncated(whole.subarray(0, whole.length - 2))).toBe(true);
    expect(isJpegTruncated(whole.subarray(0, 100))).toBe(true);
  });

  it('should leave a header it cannot parse to the decoder', () => {
    expect(isJpegTruncated(new Uint8Array([0xff, 0xd8, 0x00, 0x00, 0x00, 0x00]))).toBe(false);
  });
});
