import { isPhotoError, processPhoto, type PhotoBudget, type ProcessPhotoOptions } from '../../../pwa/src/media/index.js';

/** What one run gives back to the test in Node: plain JSON, bytes as base64. */
export type PageRun =
  | {
      ok: true;
      width: number;
      height: number;
      bytes: number;
      sha256: string;
      quality: number;
      ranIn: string;
      type: string;
      thumbnailWidth: number;
      thumbnailHeight: number;
      thumbnailType: string;
      thumbnailBytes: number;
      imageBase64: string;
      thumbnailBase64: string;
      inputBytes: number;
      ms: number;
    }
  | { ok: false; code: string; message: string };

/** Fetches a fixture served beside the page and runs it through the pipeline. */
async function run(fixture: string, options?: ProcessPhotoOptions, budget?: PhotoBudget): Promise<PageRun> {
  const file = await (await fetch(`/fixtures/${fixture}`)).blob();
  const started = performance.now();
  try {
    const photo = await processPhoto(file, budget, options);
    const ms = Math.round(performance.now() - started);
    return {
      ok: true,
      width: photo.width,
      height: photo.height,
      bytes: photo.bytes,
      sha256: photo.sha256,
      quality: photo.quality,
      ranIn: photo.ranIn,
      type: photo.image.type,
      thumbnailWidth: photo.thumbnailWidth,
      thumbnailHeight: photo.thumbnailHeight,
      thumbnailType: photo.thumbnail.type,
      thumbnailBytes: photo.thumbnail.size,
      imageBase64: await toBase64(photo.image),
      thumbnailBase64: await toBase64(photo.thumbnail),
      inputBytes: file.size,
      ms,
    };
  } catch (error) {
    if (isPhotoError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

declare global {
  interface Window {
    photoPipeline: { run: typeof run };
  }
}

window.photoPipeline = { run };
