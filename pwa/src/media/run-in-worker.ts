import { PhotoError } from './photo-error.js';
import type { PhotoBudget, ProcessedPhoto } from './types.js';
import type { PhotoJob, PhotoJobResult } from './worker-messages.js';

/** A worker that neither answers nor fails in this long is given up on. */
export const WORKER_TIMEOUT_MS = 120_000;

/** The worker could not do the work (failed to load, crashed, no OffscreenCanvas 2d…). */
export class WorkerUnavailableError extends Error {
  override readonly name = 'WorkerUnavailableError';
}

/** True when this browser can run the pipeline in a module worker. */
export function canUseWorker(): boolean {
  return typeof Worker === 'function' && typeof OffscreenCanvas === 'function' && 'convertToBlob' in OffscreenCanvas.prototype && typeof createImageBitmap === 'function';
}

/**
 * Processes one photo in a fresh module worker and terminates it: a decoded
 * 12-megapixel photo holds ~48 MB, and ending the worker hands that memory
 * back at once on phones that have little. Rejects with a PhotoError for a
 * refusal, with WorkerUnavailableError when the worker itself failed.
 */
export async function runInWorker(file: Blob, budget: PhotoBudget): Promise<ProcessedPhoto> {
  const worker = new Worker(new URL('./photo-worker.ts', import.meta.url), { type: 'module' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<ProcessedPhoto>((resolve, reject) => {
      timer = setTimeout(() => reject(new PhotoError('PROCESSING_FAILED', { cause: 'worker timed out' })), WORKER_TIMEOUT_MS);
      worker.onmessage = (event: MessageEvent<PhotoJobResult>) => settle(event.data, resolve, reject);
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new WorkerUnavailableError(event.message || 'worker failed to start'));
      };
      worker.onmessageerror = () => reject(new WorkerUnavailableError('worker answer could not be read'));
      worker.postMessage({ file, budget } satisfies PhotoJob);
    });
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}

function settle(result: PhotoJobResult, resolve: (photo: ProcessedPhoto) => void, reject: (error: Error) => void): void {
  if (result.kind === 'done') resolve(result.photo);
  else if (result.kind === 'refused') reject(new PhotoError(result.code));
  else reject(new WorkerUnavailableError(result.detail));
}
