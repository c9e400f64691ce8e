import type { PhotoErrorCode } from './photo-error.js';
import type { PhotoBudget, ProcessedPhoto } from './types.js';

/** Page → worker: one photo per worker. */
export interface PhotoJob {
  file: Blob;
  budget: PhotoBudget;
}

/**
 * Worker → page. Errors cross the boundary as codes (class identity does not
 * survive structured cloning). `failed` means the worker itself could not do
 * the work, so the page retries on the main thread.
 */
export type PhotoJobResult = { kind: 'done'; photo: ProcessedPhoto } | { kind: 'refused'; code: PhotoErrorCode } | { kind: 'failed'; detail: string };
