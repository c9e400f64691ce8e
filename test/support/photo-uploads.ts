/**
 * Photos going up as a device sends them: `have` first, then tus uploads,
 * {@link DEVICE_UPLOAD_CONCURRENCY} at a time (the device's scheduler sends two).
 * Resumable: chunks of MATERIAL_CHUNK_BYTES, and after a dropped connection
 * the same upload resumes from the offset the gateway acknowledged (HEAD).
 * Whole-file retry (the baseline): one request per photo, and after a
 * dropped connection the photo starts again from byte zero.
 */
import { performance } from 'node:perf_hooks';
import { Upload } from 'tus-js-client';
import { API_PREFIX, MATERIAL_CHUNK_BYTES, MATERIALS_HAVE_PATH, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync-protocol/index.js';
import { seededBytes, sha256Hex, uploadsUrl } from './material-transfer.js';

export type UploadMode = 'resumable' | 'whole-file';

/** Photos in flight at once: device-core/transfer/transfer-scheduler.ts DEFAULT_UPLOAD_CONCURRENCY (not imported: test/support stays apart from device code). */
export const DEVICE_UPLOAD_CONCURRENCY = 2;

export interface UploadOptions {
  /** The resumable mode's PATCH size; default MATERIAL_CHUNK_BYTES. */
  chunkBytes?: number;
  /** Photos sent at once, in both modes; default {@link DEVICE_UPLOAD_CONCURRENCY}. */
  concurrency?: number;
  /** Stops the run: uploads in flight are aborted, no photo is started after it. */
  signal?: AbortSignal;
}

/** Attempts per photo before the run gives up on it. */
export const MAX_ATTEMPTS_PER_PHOTO = 200;

export interface Photo {
  bytes: Buffer;
  sha256: string;
}

/** `count` photos of `size` random bytes (incompressible, like JPEG), the same for a seed. */
export function makePhotos(count: number, size: number, seed: number): Photo[] {
  return Array.from({ length: count }, (_, i) => {
    const bytes = seededBytes(size, seed * 1000 + i);
    return { bytes, sha256: sha256Hex(bytes) };
  });
}

export interface UploadRun {
  arrived: number;
  /** True when `signal` stopped the run before every photo arrived. */
  stopped: boolean;
  attempts: number;
  seconds: number;
  /** tus requests started, by method (POST creates, PATCH sends, HEAD asks the offset after a reset). */
  requests: Record<string, number>;
}

/** Sends the photos as one phone on one link does: `concurrency` at a time, each taking the next photo when done. */
export async function uploadPhotos(baseUrl: string, token: string, photos: Photo[], mode: UploadMode, options: UploadOptions = {}): Promise<UploadRun> {
  const chunkBytes = options.chunkBytes ?? MATERIAL_CHUNK_BYTES;
  const concurrency = Math.max(1, options.concurrency ?? DEVICE_UPLOAD_CONCURRENCY);
  const started = performance.now();
  const missing = await askHave(baseUrl, token, photos);
  const requests: Record<string, number> = {};
  const count = (method: string) => (requests[method] = (requests[method] ?? 0) + 1);
  let arrived = photos.length - missing.length;
  let attempts = 0;
  let next = 0;
  const signal = options.signal;
  const worker = async () => {
    while (next < missing.length && !signal?.aborted) {
      const photo = missing[next++];
      const outcome = mode === 'resumable' ? await uploadResumable(baseUrl, token, photo, chunkBytes, count, signal) : await uploadWholeFile(baseUrl, token, photo, count, signal);
      attempts += outcome.attempts;
      if (outcome.done) arrived += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { arrived, stopped: arrived < photos.length && Boolean(signal?.aborted), attempts, seconds: (performance.now() - started) / 1000, requests };
}

/** `POST /v1/materials/have`, retried until it gets through: the photos the gateway lacks. */
async function askHave(baseUrl: string, token: string, photos: Photo[]): Promise<Photo[]> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS_PER_PHOTO; attempt += 1) {
    try {
      const response = await fetch(`${baseUrl}${API_PREFIX}${MATERIALS_HAVE_PATH}`, {
        method: 'POST',
        headers: headers(token, { 'content-type': 'application/json' }),
        body: JSON.stringify({ sha256: photos.map((p) => p.sha256) }),
      });
      const { have } = (await response.json()) as { have: string[] };
      return photos.filter((p) => !have.includes(p.sha256));
    } catch {
      // The link dropped: ask again.
    }
  }
  throw new Error('have never got through');
}

function headers(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}`, ...extra };
}

/**
 * One photo with tus-js-client in chunks; our own retry loop: after an error
 * `start()` again, which asks HEAD for the acknowledged offset and resumes there.
 */
async function uploadResumable(
  baseUrl: string,
  token: string,
  photo: Photo,
  chunkBytes: number,
  count: (method: string) => void,
  signal?: AbortSignal,
): Promise<{ done: boolean; attempts: number }> {
  const upload = newUpload(baseUrl, token, photo, chunkBytes, count);
  for (let attempts = 1; attempts <= MAX_ATTEMPTS_PER_PHOTO; attempts += 1) {
    if (await runOnce(upload, signal)) return { done: true, attempts };
    if (signal?.aborted) return { done: false, attempts };
  }
  return { done: false, attempts: MAX_ATTEMPTS_PER_PHOTO };
}

/** The baseline: the whole photo in one request; after an error a new upload from byte zero. */
async function uploadWholeFile(baseUrl: string, token: string, photo: Photo, count: (method: string) => void, signal?: AbortSignal): Promise<{ done: boolean; attempts: number }> {
  for (let attempts = 1; attempts <= MAX_ATTEMPTS_PER_PHOTO; attempts += 1) {
    if (await runOnce(newUpload(baseUrl, token, photo, Number.POSITIVE_INFINITY, count), signal)) return { done: true, attempts };
    if (signal?.aborted) return { done: false, attempts };
  }
  return { done: false, attempts: MAX_ATTEMPTS_PER_PHOTO };
}

function newUpload(baseUrl: string, token: string, photo: Photo, chunkSize: number, count: (method: string) => void): Upload {
  return new Upload(photo.bytes, {
    endpoint: uploadsUrl(baseUrl),
    chunkSize,
    // Retries are ours (above), not tus-js-client's.
    retryDelays: null,
    storeFingerprintForResuming: false,
    headers: headers(token),
    metadata: { sha256: photo.sha256, contentType: 'image/jpeg' },
    onBeforeRequest: (request) => {
      count(request.getMethod());
    },
  });
}

/** Runs an upload until it succeeds (true), fails or is stopped (false). */
function runOnce(upload: Upload, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const stop = () => {
      void upload.abort();
      resolve(false);
    };
    const settle = (done: boolean) => {
      signal?.removeEventListener('abort', stop);
      resolve(done);
    };
    signal?.addEventListener('abort', stop, { once: true });
    upload.options.onSuccess = () => settle(true);
    upload.options.onError = () => settle(false);
    upload.start();
  });
}
