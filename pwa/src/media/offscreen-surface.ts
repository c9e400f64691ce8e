import { assertJpeg, drawOnWhite, type DecodedImage, type PhotoSurface, type Raster } from './raster.js';

/**
 * Decoding with createImageBitmap and drawing on OffscreenCanvas: available
 * in workers, so the page stays responsive while a 12-megapixel photo is
 * decoded and encoded several times.
 */
export const offscreenSurface: PhotoSurface = {
  decode: decodeWithImageBitmap,
  draw(image, width, height): Raster {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('OffscreenCanvas has no 2d context');
    drawOnWhite(context, image, width, height);
    return {
      encodeJpeg: async (quality) => assertJpeg(await canvas.convertToBlob({ type: 'image/jpeg', quality })),
      release: () => {
        canvas.width = 0;
        canvas.height = 0;
      },
    };
  },
};

/**
 * Decodes upright: `imageOrientation: 'from-image'` applies the EXIF
 * Orientation (a phone held upright stores landscape pixels plus
 * Orientation 6). Browsers that predate that enum value throw a TypeError
 * for it; they applied EXIF orientation to blobs by default, so retry
 * without options. A decoding failure is not a TypeError and is rethrown.
 */
export async function decodeWithImageBitmap(blob: Blob): Promise<DecodedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    bitmap = await createImageBitmap(blob);
  }
  return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
}
