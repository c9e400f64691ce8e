import { Metadata } from '@tus/server';
import { MATERIAL_CONTENT_TYPES, MAX_MATERIAL_BYTES } from '../../sync-protocol/index.js';
import { Problem } from '../problem.js';

const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const LENGTH_PATTERN = /^[0-9]{1,12}$/;

/** What a device declares when it creates a material upload. */
export interface MaterialUploadDeclaration {
  sha256: string;
  contentType: (typeof MATERIAL_CONTENT_TYPES)[number];
  bytes: number;
}

/**
 * Checks the tus creation headers of a material upload before tus sees them,
 * so every refusal is a catalogue problem naming the header (and the metadata
 * key): a fixed `Upload-Length` of 1..MAX_MATERIAL_BYTES, and Upload-Metadata
 * with `sha256` (64 lowercase hex) and `contentType` (image/jpeg or image/png).
 * `get` answers '' for an absent header, as Koa's `ctx.get` does.
 */
export function readMaterialUploadDeclaration(get: (header: string) => string): MaterialUploadDeclaration {
  if (get('upload-defer-length') !== '') throw new Problem('INVALID_REQUEST', { field: 'Upload-Length', detail: 'declare the length; deferred length is not accepted' });
  if (get('upload-concat') !== '') throw new Problem('INVALID_REQUEST', { field: 'Upload-Concat', detail: 'concatenation is not supported' });
  const rawLength = get('upload-length');
  const bytes = LENGTH_PATTERN.test(rawLength) ? Number(rawLength) : NaN;
  if (!(bytes >= 1)) throw new Problem('INVALID_REQUEST', { field: 'Upload-Length', detail: 'a whole number of bytes, at least 1' });
  if (bytes > MAX_MATERIAL_BYTES) throw new Problem('BODY_TOO_LARGE', { field: 'Upload-Length', detail: `at most ${MAX_MATERIAL_BYTES} bytes` });

  let metadata: Record<string, string | null>;
  try {
    metadata = Metadata.parse(get('upload-metadata') || undefined);
  } catch (error) {
    throw new Problem('INVALID_REQUEST', { field: 'Upload-Metadata', detail: 'comma-separated `key base64value` pairs', cause: error });
  }
  const { sha256, contentType } = metadata;
  if (typeof sha256 !== 'string' || !SHA256_PATTERN.test(sha256)) {
    throw new Problem('INVALID_REQUEST', { field: 'Upload-Metadata.sha256', detail: 'the SHA-256 of the bytes, 64 lowercase hex digits' });
  }
  if (!isMaterialContentType(contentType)) {
    throw new Problem('INVALID_REQUEST', { field: 'Upload-Metadata.contentType', detail: MATERIAL_CONTENT_TYPES.join(' or ') });
  }
  return { sha256, contentType, bytes };
}

function isMaterialContentType(value: string | null | undefined): value is MaterialUploadDeclaration['contentType'] {
  return (MATERIAL_CONTENT_TYPES as readonly (string | null | undefined)[]).includes(value);
}
