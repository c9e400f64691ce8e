/**
 * The material locker (材料柜): every processed photo and signature this
 * person made, kept once by its SHA-256, with the image and its thumbnail
 * as attachments. Local only: the bytes travel to the gateway by upload
 * (tus), never by replication.
 */
import type { FromSchema } from 'json-schema-to-ts';

/** A photographed page of a material, or a signature drawn on a commitment. */
export type LockerKind = 'photo' | 'signature';

/** Attachment ids of a locker item. */
export const LOCKER_IMAGE = 'image';
export const LOCKER_THUMB = 'thumb';

/** Version 1: `householdId` (an agent's photos belong to the household they were taken for); old items are valid as they are. */
export const lockerItemSchema = {
  version: 1,
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
    householdId: { type: 'string', maxLength: 128 },
    createdAt: { type: 'string', maxLength: 40 },
    uploadedAt: { type: 'string', maxLength: 40 },
  },
  required: ['sha256', 'contentType', 'bytes', 'kind', 'label', 'createdAt'],
  attachments: {},
} as const;

/**
 * A locker item: `sha256` (lowercase hex of the `image` attachment) is its
 * identity everywhere; `label` is what a person calls it (居民身份证);
 * `materialKey` the guide material it was taken for, to suggest it again;
 * `householdId` (agents only) the household it was taken for: it is offered
 * for that household's applications and no other's, and the gateway refuses
 * it on another's (OTHER_HOUSEHOLD);
 * `createdAt` device time (display and order only); `uploadedAt` device time
 * when the gateway confirmed it holds these bytes.
 */
export type LockerItemDoc = FromSchema<typeof lockerItemSchema>;
