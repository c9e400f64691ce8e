/**
 * Photos going up as a device sends them: `have` first, then tus uploads.
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

/** Attempts per photo before the run gives up on it. */
const MAX_ATTEMPTS_PER_PHOTO = 200;

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
  attempts: number;
  seconds: number;
}

/** Sends the photos one after the other, as one phone on one link does. */
/** `chunkBytes`: the resumable mode's PATCH size (default MATERIAL_CHUNK_BYTES). */
export async function uploadPhotos(baseUrl: string, token: string, photos: Photo[], mode: UploadMode, chunkBytes: number = MATERIAL_CHUNK_BYTES): Promise<UploadRun> {
  const started = performance.now();
  const missing = await askHave(baseUrl, token, photos);
  let arrived = photos.length - missing.length;
  let attempts = 0;
  for (const photo of missing) {
    const outcome = mode === 'resumable' ? await uploadResumable(baseUrl, token, photo, chunkBytes) : await uploadWholeFile(baseUrl, token, photo);
    attempts += outcome.attempts;
    if (outcome.done) arrived += 1;
  }
  return { arrived, attempts, seconds: (performance.now() - started) / 1000 };
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
async function uploadResumable(baseUrl: string, token: string, photo: Photo, chunkBytes: number): Promise<{ done: boolean; attempts: number }> {
  const upload = newUpload(baseUrl, token, photo, chunkBytes);
  for (let attempts = 1; attempts <= MAX_ATTEMPTS_PER_PHOTO; attempts += 1) {
    if (await runOnce(upload)) return { done: true, attempts };
  }
  return { done: false, attempts: MAX_ATTEMPTS_PER_PHOTO };
}

/** The baseline: the whole photo in one request; after an error a new upload from byte zero. */
async function uploadWholeFile(baseUrl: string, token: string, photo: Photo): Promise<{ done: boolean; attempts: number }> {
  for (let attempts = 1; attempts <= MAX_ATTEMPTS_PER_PHOTO; attempts += 1) {
    if (await runOnce(newUpload(baseUrl, token, photo, Number.POSITIVE_INFINITY))) return { done: true, attempts };
  }
  return { done: false, attempts: MAX_ATTEMPTS_PER_PHOTO };
}

function newUpload(baseUrl: string, token: string, photo: Photo, chunkSize: number): Upload {
  return new Upload(photo.bytes, {
    endpoint: uploadsUrl(baseUrl),
    chunkSize,
    // Retries are ours (above), not tus-js-client's.
    retryDelays: null,
    storeFingerprintForResuming: false,
    headers: headers(token),
    metadata: { sha256: photo.sha256, contentType: 'image/jpeg' },
  });
}

/** Runs an upload until it succeeds (true) or fails (false). */
function runOnce(upload: Upload): Promise<boolean> {
  return new Promise((resolve) => {
    upload.options.onSuccess = () => resolve(true);
    upload.options.onError = () => resolve(false);
    upload.start();
  });
}
