import { decodeWithImageBitmap } from './offscreen-surface.js';
import { assertJpeg, drawOnWhite, type DecodedImage, type PhotoSurface, type Raster } from './raster.js';

/**
 * The main-thread fallback for older phones without module workers or
 * OffscreenCanvas: an ordinary <canvas>, and createImageBitmap when present,
 * else an <img> (which browsers turn upright per EXIF since Chrome 81 and
 * Safari 13.1: `image-orientation: from-image` is the default).
 */
export const elementSurface: PhotoSurface = {
  decode: (blob) => (typeof createImageBitmap === 'function' ? decodeWithImageBitmap(blob) : decodeWithImageElement(blob)),
  draw(image, width, height): Raster {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('canvas has no 2d context');
    drawOnWhite(context, image, width, height);
    return {
      encodeJpeg: (quality) =>
        new Promise((resolve, reject) => {
          canvas.toBlob(
            (blob) => {
              try {
                resolve(assertJpeg(blob));
              } catch (error) {
                reject(error);
              }
            },
            'image/jpeg',
            quality,
          );
        }),
      release: () => {
        canvas.width = 0;
        canvas.height = 0;
      },
    };
  },
};

async function decodeWithImageElement(blob: Blob): Promise<DecodedImage> {
  const url = URL.createObjectURL(blob);
  const image = new Image();
  image.src = url;
  try {
    await image.decode();
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
  return {
    source: image,
    width: image.naturalWidth,
    height: image.naturalHeight,
    release: () => {
      URL.revokeObjectURL(url);
      image.src = '';
    },
  };
}
