/**
 * The photo pipeline for application materials (issue #4): a photographed
 * document in, an upright, metadata-free, budget-sized JPEG with thumbnail
 * and SHA-256 out, processed off the main thread. The application screens
 * use only what is exported here.
 */
export { processPhoto, type ProcessPhotoOptions } from './process-photo.js';
export { isPhotoError, PHOTO_PROBLEMS, PhotoError, type PhotoErrorCode } from './photo-error.js';
export { DEFAULT_PHOTO_BUDGET, THUMBNAIL_LONG_EDGE, type PhotoBudget, type PhotoRunner, type ProcessedPhoto } from './types.js';
