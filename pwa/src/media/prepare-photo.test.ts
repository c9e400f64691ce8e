import { createHash } from 'node:crypto';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { PhotoError } from './photo-error.js';
import { preparePhoto } from './prepare-photo.js';
import type { DecodedImage, PhotoSurface } from './raster.js';
import { MIN_LONG_EDGE } from './shrink-long-edge.js';
import { DEFAULT_PHOTO_BUDGET } from './types.js';

const realJpeg = new Uint8Array(jpeg.encode({ data: new Uint8Array(8 * 8 * 4), width: 8, height: 8 }, 50).data);

/**
 * A surface with no pixels: it "decodes" to the size it is told, and its
 * encoder makes `bytesPerPixel × pixels × quality` bytes, so budgets can be
 * steered exactly. It records what was drawn and released.
 */
function fakeSurface(natural: { width: number; height: number }, bytesPerPixel: number) {
  const drawn: string[] = [];
  let released = 0;
  const surface: PhotoSurface = {
    decode: async (): Promise<DecodedImage> => ({ source: {} as CanvasImageSource, ...natural, release: () => (released += 1) }),
    draw: (_image, width, height) => {
      drawn.push(`${width}x${height}`);
      return {
        encodeJpeg: async (quality) => {
          const size = Math.round(width * height * bytesPerPixel * quality);
          return new Blob([new Uint8Array(size).fill(Math.round(quality * 100))], { type: 'image/jpeg' });
        },
        release: () => undefined,
      };
    },
  };
  return { surface, drawn, released: () => released };
}

function failingDecode(): PhotoSurface {
  return {
    decode: async () => {
      throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
    },
    draw: () => {
      throw new Error('never drawn');
    },
  };
}

const jpegFile = new Blob([realJpeg], { type: 'image/jpeg' });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: PhotoError) => error.code,
  );

describe('preparePhoto', () => {
  it('should bring a big photo to the long edge and byte budget, with a thumbnail and the hash of its bytes', async () => {
    const { surface, released } = fakeSurface({ width: 3000, height: 4000 }, 0.3);
    const photo = await preparePhoto(jpegFile, DEFAULT_PHOTO_BUDGET, surface, 'worker');
    expect(photo).toMatchObject({ width: 1200, height: 1600, thumbnailWidth: 180, thumbnailHeight: 240, ranIn: 'worker' });
    expect(photo.bytes).toBeLessThanOrEqual(DEFAULT_PHOTO_BUDGET.maxBytes);
    expect(photo.bytes).toBe(photo.image.size);
    expect(photo.quality).toBeGreaterThan(0.4);
    expect(photo.quality).toBeLessThan(0.92);
    const expected = createHash('sha256')
      .update(new Uint8Array(await photo.image.arrayBuffer()))
      .digest('hex');
    expect(photo.sha256).toBe(expected);
    expect(released()).toBe(1);
  });

  it('should keep the highest quality when it already fits', async () => {
    const { surface } = fakeSurface({ width: 800, height: 600 }, 0.3);
    const photo = await preparePhoto(jpegFile, DEFAULT_PHOTO_BUDGET, surface, 'main-thread');
    expect(photo).toMatchObject({ width: 800, height: 600, quality: 0.92 });
  });

  it('should draw smaller when even the lowest quality is over budget, and still fit', async () => {
    const { surface, drawn } = fakeSurface({ width: 8000, height: 6000 }, 1.5);
    const photo = await preparePhoto(jpegFile, DEFAULT_PHOTO_BUDGET, surface, 'worker');
    expect(drawn[0]).toBe('1600x1200');
    expect(photo.width).toBeLessThan(1600);
    expect(photo.width / photo.height).toBeCloseTo(4 / 3, 2);
    expect(photo.bytes).toBeLessThanOrEqual(DEFAULT_PHOTO_BUDGET.maxBytes);
  });

  it('should return its smallest attempt rather than refuse a photo for its size', async () => {
    const { surface } = fakeSurface({ width: 4000, height: 3000 }, 1);
    const photo = await preparePhoto(jpegFile, { longEdge: 1600, maxBytes: 1_000 }, surface, 'worker');
    expect(Math.max(photo.width, photo.height)).toBe(MIN_LONG_EDGE);
    expect(photo.quality).toBe(0.4);
  });

  it('should refuse an empty file, and a text file whatever it is called', async () => {
    const { surface } = fakeSurface({ width: 10, height: 10 }, 1);
    expect(await codeOf(preparePhoto(new Blob([]), DEFAULT_PHOTO_BUDGET, surface, 'worker'))).toBe('EMPTY');
    const text = new Blob(['这不是照片'], { type: 'image/jpeg' });
    expect(await codeOf(preparePhoto(text, DEFAULT_PHOTO_BUDGET, surface, 'worker'))).toBe('NOT_AN_IMAGE');
  });

  it('should refuse a truncated JPEG as corrupt before decoding it', async () => {
    const { surface, drawn } = fakeSurface({ width: 10, height: 10 }, 1);
    const cut = new Blob([realJpeg.subarray(0, realJpeg.length - 20)]);
    expect(await codeOf(preparePhoto(cut, DEFAULT_PHOTO_BUDGET, surface, 'worker'))).toBe('CORRUPT');
    expect(drawn).toEqual([]);
  });

  it('should call an undecodable JPEG corrupt, and an undecodable HEIC unsupported', async () => {
    expect(await codeOf(preparePhoto(jpegFile, DEFAULT_PHOTO_BUDGET, failingDecode(), 'worker'))).toBe('CORRUPT');
    const heic = new Blob([new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode('ftypheic\0\0\0\0mif1heic'), 1, 2, 3])]);
    expect(await codeOf(preparePhoto(heic, DEFAULT_PHOTO_BUDGET, failingDecode(), 'worker'))).toBe('HEIC_UNSUPPORTED');
  });

  it('should report a drawing failure as a processing failure with its cause, and free the pixels', async () => {
    const { surface, released } = fakeSurface({ width: 4000, height: 3000 }, 1);
    surface.draw = () => {
      throw new RangeError('out of memory');
    };
    const error = await preparePhoto(jpegFile, DEFAULT_PHOTO_BUDGET, surface, 'worker').catch((e: PhotoError) => e);
    expect(error).toMatchObject({ code: 'PROCESSING_FAILED', cause: new RangeError('out of memory') });
    expect(released()).toBe(1);
  });
});
