import { isTruncated } from './detect-truncation.js';
import { fitDimensions, type Dimensions } from './fit-dimensions.js';
import { PhotoError } from './photo-error.js';
import { searchQuality, type QualityChoice } from './quality-search.js';
import type { DecodedImage, PhotoSurface } from './raster.js';
import { sha256Hex } from './sha256.js';
import { shrinkLongEdge } from './shrink-long-edge.js';
import { SNIFF_BYTES, sniffImageType, type ImageType } from './sniff-image-type.js';
import { THUMBNAIL_LONG_EDGE, THUMBNAIL_QUALITY, type PhotoBudget, type ProcessedPhoto, type PhotoRunner } from './types.js';

/**
 * The whole pipeline in the thread it is called in: check, decode upright,
 * fit the budget, thumbnail, hash. The worker and the main-thread fallback
 * both run exactly this, with their own surface, so they give the same
 * results. Refusals are PhotoErrors; anything else that fails is wrapped as
 * PROCESSING_FAILED with its cause.
 */
export async function preparePhoto(file: Blob, budget: PhotoBudget, surface: PhotoSurface, ranIn: PhotoRunner): Promise<ProcessedPhoto> {
  const type = await checkFile(file);
  const decoded = await decode(file, type, surface);
  try {
    const { choice, size } = await fitBudget(decoded, budget, surface);
    const thumbnailSize = fitDimensions(decoded.width, decoded.height, THUMBNAIL_LONG_EDGE);
    const thumbnail = await encodeOnce(decoded, thumbnailSize, surface);
    return {
      image: choice.value,
      width: size.width,
      height: size.height,
      bytes: choice.value.size,
      sha256: await sha256Hex(choice.value),
      quality: choice.quality,
      thumbnail,
      thumbnailWidth: thumbnailSize.width,
      thumbnailHeight: thumbnailSize.height,
      ranIn,
    };
  } catch (error) {
    throw error instanceof PhotoError ? error : new PhotoError('PROCESSING_FAILED', { cause: error });
  } finally {
    decoded.release();
  }
}

/** Refuses empty files, non-images and truncated files before any decoding. */
export async function checkFile(file: Blob): Promise<ImageType> {
  if (file.size === 0) throw new PhotoError('EMPTY');
  const type = sniffImageType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (type === null) throw new PhotoError('NOT_AN_IMAGE');
  if (isTruncated(type, new Uint8Array(await file.arrayBuffer()))) throw new PhotoError('CORRUPT');
  return type;
}

async function decode(file: Blob, type: ImageType, surface: PhotoSurface): Promise<DecodedImage> {
  let decoded: DecodedImage;
  try {
    decoded = await surface.decode(file);
  } catch (error) {
    // Only Safari decodes HEIC; everywhere else a HEIC photo fails here.
    throw new PhotoError(type === 'heic' ? 'HEIC_UNSUPPORTED' : 'CORRUPT', { cause: error });
  }
  if (decoded.width < 1 || decoded.height < 1) {
    decoded.release();
    throw new PhotoError('CORRUPT');
  }
  return decoded;
}

/**
 * The best quality within the byte budget at the budget's long edge; when
 * even the lowest quality is too big, smaller long edges, down to
 * MIN_LONG_EDGE. A photo is never refused for its size: past that floor the
 * smallest encoding is kept.
 */
async function fitBudget(decoded: DecodedImage, budget: PhotoBudget, surface: PhotoSurface): Promise<{ choice: QualityChoice<Blob>; size: Dimensions }> {
  let longEdge = budget.longEdge;
  for (;;) {
    const size = fitDimensions(decoded.width, decoded.height, longEdge);
    const raster = surface.draw(decoded, size.width, size.height);
    let choice: QualityChoice<Blob>;
    try {
      choice = await searchQuality((quality) => raster.encodeJpeg(quality), budget.maxBytes);
    } finally {
      raster.release();
    }
    if (choice.fits) return { choice, size };
    const next = shrinkLongEdge(Math.max(size.width, size.height), choice.value.size, budget.maxBytes);
    if (next === null) return { choice, size };
    longEdge = next;
  }
}

async function encodeOnce(decoded: DecodedImage, size: Dimensions, surface: PhotoSurface): Promise<Blob> {
  const raster = surface.draw(decoded, size.width, size.height);
  try {
    return await raster.encodeJpeg(THUMBNAIL_QUALITY);
  } finally {
    raster.release();
  }
}
