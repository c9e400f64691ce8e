/**
 * Material transfer: photos travel apart from the documents that refer to
 * them, addressed by the SHA-256 of their bytes (see `referencedMaterials`).
 *
 * 1. `POST /v1/materials/have` with {@link MaterialsHaveRequest}: which of
 *    these hashes the gateway already holds for the caller. Those are never
 *    sent again (the same identity card attached to three applications
 *    travels once).
 * 2. The others are uploaded with the tus 1.0 resumable-upload protocol at
 *    {@link MATERIAL_UPLOADS_PATH}, metadata `sha256` and `contentType`, in
 *    chunks of {@link MATERIAL_CHUNK_BYTES}: a dropped connection resumes from
 *    the last offset the gateway acknowledged.
 * 3. On completion the gateway hashes what it received; a mismatch is refused
 *    (`MATERIAL_HASH_MISMATCH`) and nothing is stored, so the device sends it
 *    again. An application counts as complete at the gateway only when every
 *    material it refers to has arrived.
 *
 * Every refusal on the upload URLs is a catalogue problem (JSON, `field`
 * naming the header), with tus's own status so tus clients behave as usual:
 * 400 `INVALID_REQUEST` (a malformed Upload-Offset / Upload-Length /
 * Upload-Metadata), 404 `NOT_FOUND` `field: "upload"` (no such upload, or
 * another user's), 409 `UPLOAD_OFFSET_CONFLICT` (`Upload-Offset` is not where
 * the upload stands), 410 `UPLOAD_GONE` (the bytes were already stored), 412
 * `TUS_VERSION_UNSUPPORTED` (`Tus-Resumable` missing or not
 * {@link TUS_RESUMABLE}), 413 `BODY_TOO_LARGE` (past `Upload-Length` or
 * {@link MAX_MATERIAL_BYTES}), 415 `UNSUPPORTED_MEDIA_TYPE` (a PATCH not
 * `application/offset+octet-stream`), 423 `UPLOAD_LOCKED` (an earlier
 * connection still holds the upload: retry), 460 `MATERIAL_HASH_MISMATCH`.
 */
import type { FromSchema } from 'json-schema-to-ts';
export const MATERIAL_UPLOADS_PATH = '/materials/uploads';

/** The tus protocol version spoken at {@link MATERIAL_UPLOADS_PATH} (`Tus-Resumable`). */
export const TUS_RESUMABLE = '1.0.0';

/** The Content-Type of a tus PATCH. */
export const TUS_CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';
export const MATERIALS_HAVE_PATH = '/materials/have';

/** Upload chunk: small enough that a reset on a 2G link costs little. */
export const MATERIAL_CHUNK_BYTES = 64 * 1024;

/** Largest material the gateway accepts. */
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

export const MATERIAL_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;

export interface MaterialsHaveResponse {
  /** The subset of the asked hashes the gateway holds for this user. */
  have: string[];
}

export const materialsHaveRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sha256: { type: 'array', maxItems: 500, items: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
  },
  required: ['sha256'],
} as const;

export type MaterialsHaveRequest = FromSchema<typeof materialsHaveRequestSchema>;
