/**
 * The material locker (材料柜): every processed photo and signature this
 * person made, kept once by its SHA-256, with the image and its thumbnail
 * as attachments. Local only: the bytes travel to the gateway by upload
 * (tus), never by replication.
 */

/** A photographed page of a material, or a signature drawn on a commitment. */
export type LockerKind = 'photo' | 'signature';

export interface LockerItemDoc {
  /** Lowercase hex SHA-256 of the `image` attachment: the item's identity everywhere. */
  sha256: string;
  contentType: 'image/jpeg' | 'image/png';
  bytes: number;
  width?: number;
  height?: number;
  kind: LockerKind;
  /** What a person calls it, usually the material's name (居民身份证). */
  label: string;
  /** The guide material key it was taken for, to suggest it again for the same material. */
  materialKey?: string;
  /** Device time, display and order only. */
  createdAt: string;
  /** Device time when the gateway confirmed it holds these bytes. */
  uploadedAt?: string;
}

/** Attachment ids of a locker item. */
export const LOCKER_IMAGE = 'image';
export const LOCKER_THUMB = 'thumb';

export const lockerItemSchema = {
  version: 0,
  primaryKey: 'sha256',
  type: 'object',
  additionalProperties: false,
  properties: {
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', minLength: 64, maxLength: 64 },
    contentType: { type: 'string', enum: ['image/jpeg', 'image/png'] },
    bytes: { type: 'integer', minimum: 1, maximum: 20 * 1024 * 1024 },
    width: { type: 'integer', minimum: 1, maximum: 20_000 },
    height: { type: 'integer', minimum: 1, maximum: 20_000 },
    kind: { type: 'string', enum: ['photo', 'signature'] },
    label: { type: 'string', maxLength: 200 },
    materialKey: { type: 'string', maxLength: 40 },
    createdAt: { type: 'string', maxLength: 40 },
    uploadedAt: { type: 'string', maxLength: 40 },
  },
  required: ['sha256', 'contentType', 'bytes', 'kind', 'label', 'createdAt'],
  attachments: {},
} as const;
