/** How big a processed photo may be. */
export interface PhotoBudget {
  /** Longest side of the output in pixels; smaller photos are never upscaled. */
  longEdge: number;
  /** Most bytes the output JPEG may take. */
  maxBytes: number;
}

/**
 * 1600 px keeps every line of an ID card or a business licence readable;
 * 400 KB is what a village 2G/3G link uploads in well under a minute.
 */
export const DEFAULT_PHOTO_BUDGET: Readonly<PhotoBudget> = Object.freeze({ longEdge: 1600, maxBytes: 400 * 1024 });

/** Thumbnails for lists: long edge in pixels and a fixed JPEG quality. */
export const THUMBNAIL_LONG_EDGE = 240;
export const THUMBNAIL_QUALITY = 0.7;

/** Where the work ran: a module Web Worker, or the page itself on phones without one. */
export type PhotoRunner = 'worker' | 'main-thread';

/** A photo ready to be stored and uploaded: upright, metadata-free JPEG within the budget. */
export interface ProcessedPhoto {
  /** image/jpeg, re-encoded from pixels: no EXIF, no GPS, no other metadata. */
  image: Blob;
  width: number;
  height: number;
  bytes: number;
  /** Lower-case hex SHA-256 of `image`'s bytes: the material's identity for upload. */
  sha256: string;
  /** JPEG quality (0–1) the search settled on. */
  quality: number;
  /** image/jpeg with a long edge of at most THUMBNAIL_LONG_EDGE. */
  thumbnail: Blob;
  thumbnailWidth: number;
  thumbnailHeight: number;
  ranIn: PhotoRunner;
}
