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
 */
export const MATERIAL_UPLOADS_PATH = '/materials/uploads';
export const MATERIALS_HAVE_PATH = '/materials/have';

/** Upload chunk: small enough that a reset on a 2G link costs little. */
export const MATERIAL_CHUNK_BYTES = 64 * 1024;

/** Largest material the gateway accepts. */
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

export const MATERIAL_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;

export interface MaterialsHaveRequest {
  sha256: string[];
}

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
