import { MAX_MATERIAL_BYTES, TUS_CHUNK_CONTENT_TYPE, TUS_RESUMABLE } from '../../sync-protocol/index.js';
import { Problem } from '../problem.js';

const OFFSET_PATTERN = /^(0|[1-9][0-9]{0,11})$/;

/**
 * Checks the tus headers of a request to the upload URLs before tus reads
 * anything, so each refusal is a catalogue problem naming its header:
 * `Tus-Resumable` on every request, and on a PATCH the chunk's
 * `Content-Type`, a well-formed `Upload-Offset`, no second `Upload-Length`,
 * and a declared `Content-Length` that fits the upload (`size`, when known).
 * tus checks the same again under its lock (the offset against the upload's
 * own): those refusals are mapped in gateway/http/tus-problems.ts.
 * `get` answers '' for an absent header, as Koa's `ctx.get` does.
 */
export function checkTusRequest(method: string, get: (header: string) => string, size?: number): void {
  if (get('tus-resumable') !== TUS_RESUMABLE) {
    throw new Problem('TUS_VERSION_UNSUPPORTED', { field: 'Tus-Resumable', detail: `this gateway speaks tus ${TUS_RESUMABLE}` });
  }
  if (method !== 'PATCH') return;
  if (get('content-type') !== TUS_CHUNK_CONTENT_TYPE) throw new Problem('UNSUPPORTED_MEDIA_TYPE', { field: 'Content-Type', detail: TUS_CHUNK_CONTENT_TYPE });
  const rawOffset = get('upload-offset');
  if (!OFFSET_PATTERN.test(rawOffset)) throw new Problem('INVALID_REQUEST', { field: 'Upload-Offset', detail: 'the byte offset this chunk starts at, a whole number' });
  if (get('upload-length') !== '') throw new Problem('INVALID_REQUEST', { field: 'Upload-Length', detail: 'the length is declared at creation only' });
  const rawLength = get('content-length');
  if (rawLength === '') return; // chunked: tus counts the bytes as they come
  const limit = (size ?? MAX_MATERIAL_BYTES) - Number(rawOffset);
  if (Number(rawLength) > limit) throw new Problem('BODY_TOO_LARGE', { field: 'Content-Length', detail: `this chunk may carry at most ${Math.max(limit, 0)} bytes` });
}
