import { Upload, type DetailedError, type UrlStorage } from 'tus-js-client';
// The modules themselves, not the index: the service worker bundles this file, and
// the index brings the protocol's ajv validators (about 200 kB) along.
import { MATERIAL_CHUNK_BYTES, MATERIAL_CONTENT_TYPES, MATERIAL_UPLOADS_PATH, MATERIALS_HAVE_PATH, type MaterialsHaveResponse } from '../../sync-protocol/materials.js';
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync-protocol/version.js';
import { parseRetryAfter } from '../retry/retry.js';
import { blobFileReader } from './blob-file-reader.js';
import { createFetchHttpStack } from './fetch-http-stack.js';
import { forgetUploads } from './idb-url-storage.js';
import type { MaterialGateway } from './transfer-scheduler.js';
import { GatewayError } from '../client/gateway-error.js';
import { classifyUploadStatus, uploadFailure } from './upload-failure.js';

export interface TusMaterialGatewayOptions {
  /** Origin of the gateway; `''` for the page's (or worker's) own origin. */
  baseUrl: string;
  /** The person whose materials these are: part of every upload's fingerprint. */
  userId: string;
  /** The person's bearer token, read for every request. */
  getToken(): string | null | undefined;
  /** Where upload URLs are kept for resuming (IndexedDB: shared with the service worker). */
  urlStorage: UrlStorage;
  fetch?: typeof fetch;
  chunkSize?: number;
}

/**
 * The gateway's material endpoints: `have` as one JSON request, uploads
 * with tus-js-client (resumable, chunked). tus-js-client's own retries are
 * off: the transfer scheduler owns retrying (backoff with full jitter), and
 * a retried upload resumes from the offset the gateway acknowledged, found
 * through the stored upload URL.
 */
export function createTusMaterialGateway(options: TusMaterialGatewayOptions): MaterialGateway {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = `${options.baseUrl.replace(/\/+$/, '')}${API_PREFIX}`;
  const headers = (): Record<string, string> => {
    const token = options.getToken();
    return { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  };
  const fingerprintOf = (sha256: string) => `tongban-material:${options.userId}:${sha256}`;

  return {
    async have(sha256) {
      let response: Response;
      try {
        response = await doFetch(`${base}${MATERIALS_HAVE_PATH}`, {
          method: 'POST',
          headers: { ...headers(), 'content-type': 'application/json' },
          body: JSON.stringify({ sha256 }),
          cache: 'no-store',
        });
      } catch (cause) {
        throw uploadFailure('offline', 0, `materials/have not reached: ${String(cause)}`);
      }
      if (!response.ok)
        throw uploadFailure(
          classifyUploadStatus(response.status),
          response.status,
          `materials/have answered ${response.status}`,
          parseRetryAfter(response.headers.get('retry-after'), Date.now()),
        );
      return ((await response.json()) as MaterialsHaveResponse).have;
    },

    upload(sha256, blob, onProgress, signal) {
      const fingerprint = fingerprintOf(sha256);
      let onAbort = () => {};
      const sent = new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(uploadFailure('aborted', 0, 'stopped'));
        const upload = new Upload(blob as never, {
          endpoint: `${base}${MATERIAL_UPLOADS_PATH}`,
          chunkSize: options.chunkSize ?? MATERIAL_CHUNK_BYTES,
          retryDelays: null,
          headers: headers(),
          metadata: { sha256, contentType: contentTypeOf(blob) },
          uploadSize: blob.size,
          fingerprint: async () => fingerprint,
          storeFingerprintForResuming: true,
          removeFingerprintOnSuccess: true,
          urlStorage: options.urlStorage,
          httpStack: createFetchHttpStack(resumeAnswersKept(doFetch)),
          fileReader: blobFileReader as never,
          onProgress: (sent, total) => onProgress(sent, total),
          onSuccess: () => resolve(),
          onError: (error) => {
            if (signal.aborted) return reject(uploadFailure('aborted', 0, 'stopped'));
            const cause = (error as DetailedError).causingError;
            if (cause instanceof GatewayError) return reject(cause);
            const status = (error as DetailedError).originalResponse?.getStatus() ?? 0;
            const failure = uploadFailure(classifyUploadStatus(status), status, error.message);
            // The gateway forgot the upload (a mismatch discards it; a gone one was swept or ended):
            // the next try starts a new one from byte 0. tus-js-client forgets it itself only when HEAD says so.
            if (failure.kind === 'mismatch' || failure.kind === 'gone') void forgetUploads(options.urlStorage, fingerprint).finally(() => reject(failure));
            else reject(failure);
          },
        });
        onAbort = () => {
          void upload.abort(false);
          reject(uploadFailure('aborted', 0, 'stopped'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        void upload.findPreviousUploads().then(
          (previous) => {
            if (signal.aborted) return;
            if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
            upload.start();
          },
          (error: unknown) => reject(uploadFailure('server', 0, `reading stored uploads failed: ${String(error)}`)),
        );
      });
      // One scheduler signal serves every upload of a session: let go of this one's listener.
      return sent.finally(() => signal.removeEventListener('abort', onAbort));
    },
  };
}

/**
 * tus-js-client takes any 4xx answer to the HEAD that resumes an upload as
 * "that upload is gone": it forgets the stored URL and starts a new upload
 * from byte 0, and on any other failure it starts a new one too. Only 404
 * and 410 mean gone. Any other answer (401 when the session ended, 426, 429,
 * 5xx) is turned into a failure the scheduler handles before tus-js-client
 * sees it, so the upload resumes where it stood once that is over.
 */
function resumeAnswersKept(doFetch: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await doFetch(input, init);
    if (init?.method !== 'HEAD' || response.ok || response.status === 404 || response.status === 410) return response;
    throw uploadFailure(classifyUploadStatus(response.status), response.status, `resuming the upload answered ${response.status}`);
  };
}

function contentTypeOf(blob: Blob): string {
  return (MATERIAL_CONTENT_TYPES as readonly string[]).includes(blob.type) ? blob.type : 'image/jpeg';
}
