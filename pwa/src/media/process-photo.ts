import { elementSurface } from './element-surface.js';
import { preparePhoto } from './prepare-photo.js';
import { canUseWorker, runInWorker, WorkerUnavailableError } from './run-in-worker.js';
import { DEFAULT_PHOTO_BUDGET, type PhotoBudget, type ProcessedPhoto } from './types.js';

export interface ProcessPhotoOptions {
  /**
   * `auto` (default): a module worker where the browser has one with
   * OffscreenCanvas, else the main thread. `main-thread` forces the fallback.
   */
  runner?: 'auto' | 'main-thread';
}

/**
 * Turns a photographed document into what the app stores and uploads: an
 * upright JPEG with no metadata (EXIF, GPS) within `budget`, its thumbnail
 * and its SHA-256. Rejects with a PhotoError whose `message` can be shown as
 * it is: empty file, not an image, HEIC the browser cannot read, corrupt.
 * A big photo is made smaller, never refused.
 */
export async function processPhoto(file: Blob, budget: PhotoBudget = DEFAULT_PHOTO_BUDGET, options: ProcessPhotoOptions = {}): Promise<ProcessedPhoto> {
  checkBudget(budget);
  const plain = { longEdge: budget.longEdge, maxBytes: budget.maxBytes };
  if ((options.runner ?? 'auto') === 'auto' && canUseWorker()) {
    try {
      return await runInWorker(file, plain);
    } catch (error) {
      if (!(error instanceof WorkerUnavailableError)) throw error;
      // The worker could not run (blocked, crashed, no 2d OffscreenCanvas): do it here instead.
    }
  }
  return preparePhoto(file, plain, elementSurface, 'main-thread');
}

function checkBudget(budget: PhotoBudget): void {
  if (!Number.isInteger(budget.longEdge) || budget.longEdge < 1) throw new RangeError(`budget.longEdge must be a positive integer`);
  if (!(budget.maxBytes > 0)) throw new RangeError(`budget.maxBytes must be positive`);
}
