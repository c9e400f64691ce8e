/// <reference lib="webworker" />
import { offscreenSurface } from './offscreen-surface.js';
import { isPhotoError } from './photo-error.js';
import { preparePhoto } from './prepare-photo.js';
import type { PhotoJob, PhotoJobResult } from './worker-messages.js';

/**
 * Module worker entry: processes the one photo it is sent and answers once.
 * Started by run-in-worker.ts with `new Worker(new URL(…), { type: 'module' })`.
 */
// One tsconfig holds both DOM and WebWorker libs, so `self` is typed as the window even in this worker.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<PhotoJob>) => {
  scope.postMessage(await answer(event.data));
};

async function answer(job: PhotoJob): Promise<PhotoJobResult> {
  try {
    return { kind: 'done', photo: await preparePhoto(job.file, job.budget, offscreenSurface, 'worker') };
  } catch (error) {
    if (isPhotoError(error) && error.code !== 'PROCESSING_FAILED') return { kind: 'refused', code: error.code };
    const cause = isPhotoError(error) ? error.cause : error;
    return { kind: 'failed', detail: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause) };
  }
}
