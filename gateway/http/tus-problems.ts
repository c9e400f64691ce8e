import { ERRORS as TUS_ERRORS } from '@tus/server';
import { isErrorCode, TUS_CHUNK_CONTENT_TYPE, type ProblemBody } from '../../sync-protocol/index.js';
import { Problem } from '../problem.js';

/**
 * @tus/server's own refusals (plain text, sometimes 403 or 500 for a client's
 * mistake) as catalogue problems naming the header. Thrown tus errors are
 * recognised by identity (they are shared constants); the few answers tus
 * writes without throwing (412, "Invalid <header>" 400, 404) by status.
 */
const THROWN: ReadonlyMap<unknown, () => Problem> = new Map<unknown, () => Problem>([
  [TUS_ERRORS.MISSING_OFFSET, () => new Problem('INVALID_REQUEST', { field: 'Upload-Offset', detail: 'the byte offset this chunk starts at' })],
  [TUS_ERRORS.INVALID_CONTENT_TYPE, () => new Problem('UNSUPPORTED_MEDIA_TYPE', { field: 'Content-Type', detail: TUS_CHUNK_CONTENT_TYPE })],
  [TUS_ERRORS.FILE_NOT_FOUND, () => new Problem('NOT_FOUND', { field: 'upload' })],
  [TUS_ERRORS.INVALID_OFFSET, () => new Problem('UPLOAD_OFFSET_CONFLICT', { field: 'Upload-Offset', detail: 'not where the upload stands: ask HEAD' })],
  [TUS_ERRORS.FILE_NO_LONGER_EXISTS, () => new Problem('UPLOAD_GONE', { field: 'upload' })],
  [TUS_ERRORS.ERR_SIZE_EXCEEDED, () => new Problem('BODY_TOO_LARGE', { field: 'Content-Length', detail: 'the chunk goes past Upload-Length' })],
  [TUS_ERRORS.ERR_MAX_SIZE_EXCEEDED, () => new Problem('BODY_TOO_LARGE', { field: 'Upload-Length' })],
  [TUS_ERRORS.INVALID_LENGTH, () => new Problem('INVALID_REQUEST', { field: 'Upload-Length' })],
  [TUS_ERRORS.INVALID_METADATA, () => new Problem('INVALID_REQUEST', { field: 'Upload-Metadata' })],
  [TUS_ERRORS.INVALID_TERMINATION, () => new Problem('UPLOAD_GONE', { field: 'upload', detail: 'a completed upload cannot be deleted' })],
  [TUS_ERRORS.UNSUPPORTED_CONCATENATION_EXTENSION, () => new Problem('INVALID_REQUEST', { field: 'Upload-Concat', detail: 'concatenation is not supported' })],
  [TUS_ERRORS.UNSUPPORTED_CREATION_DEFER_LENGTH_EXTENSION, () => new Problem('INVALID_REQUEST', { field: 'Upload-Length', detail: 'the length is declared at creation' })],
  // An earlier connection of the same upload still holds it (a 2G drop the gateway has not noticed yet), or a newer one took it over.
  [TUS_ERRORS.ERR_LOCK_TIMEOUT, () => new Problem('UPLOAD_LOCKED', { field: 'upload' })],
  [TUS_ERRORS.ABORTED, () => new Problem('UPLOAD_LOCKED', { field: 'upload', detail: 'a newer request for this upload took it over' })],
]);

/** A value tus threw (its own error constants, or `{ status_code, body }` from our hooks) as a catalogue problem. */
export function problemOfTusError(error: unknown): Problem {
  const known = THROWN.get(error);
  if (known) return known();
  // tus's constants are plain objects; the one Error it throws with a status is the stream limiter's
  // (MaxFileExceededError, not exported): a chunk without Content-Length that ran past Upload-Length.
  if (error instanceof Error && (error as { status_code?: unknown }).status_code === 413) {
    return new Problem('BODY_TOO_LARGE', { field: 'body', detail: 'the chunk goes past Upload-Length' });
  }
  const status = (error as { status_code?: unknown } | null)?.status_code;
  if (typeof status === 'number' && status >= 400 && status < 500) return problemOfTusAnswer(status, '');
  return new Problem('INTERNAL', { cause: error });
}

/** `upload-offset` → `Upload-Offset`. */
function headerName(lowercase: string): string {
  return lowercase.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** An answer tus wrote itself (`status`, plain-text `body`) as a catalogue problem. */
export function problemOfTusAnswer(status: number, body: string): Problem {
  switch (status) {
    case 400: {
      const invalid = /^Invalid ([a-z0-9-]+)/i.exec(body);
      return new Problem('INVALID_REQUEST', invalid ? { field: headerName(invalid[1].toLowerCase()) } : {});
    }
    case 404:
      return new Problem('NOT_FOUND', { field: 'upload' });
    case 409:
      return new Problem('UPLOAD_OFFSET_CONFLICT', { field: 'Upload-Offset' });
    case 410:
      return new Problem('UPLOAD_GONE', { field: 'upload' });
    case 412:
      return new Problem('TUS_VERSION_UNSUPPORTED', { field: 'Tus-Resumable' });
    case 413:
      return new Problem('BODY_TOO_LARGE', { field: 'Upload-Length' });
    case 415:
      return new Problem('UNSUPPORTED_MEDIA_TYPE', { field: 'Content-Type', detail: TUS_CHUNK_CONTENT_TYPE });
    case 423:
      return new Problem('UPLOAD_LOCKED', { field: 'upload' });
    default:
      return status < 500 ? new Problem('INVALID_REQUEST') : new Problem('INTERNAL');
  }
}

/** The body if it already is a catalogue problem (our hooks answer JSON), else null. */
export function readProblemBody(body: string): ProblemBody | null {
  if (!body.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(body) as Partial<ProblemBody> | null;
    return parsed && isErrorCode(parsed.code) ? (parsed as ProblemBody) : null;
  } catch {
    return null;
  }
}
