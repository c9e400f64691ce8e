import type { FromSchema } from 'json-schema-to-ts';
import { MATERIAL_FORMS } from '../../../sync-protocol/index.js';

/**
 * Collections that never leave the device. A checklist and a saved guide
 * need no account, so they live in the shared device database (one
 * collection for both: RxDB's open core allows 15 open collections in a
 * page, and tests open two phones at once); the snapshot taken when someone
 * starts an application lives in their own database.
 */

const snapshotProperties = {
  guideName: { type: 'string', maxLength: 200 },
  version: { type: 'integer', minimum: 0, maximum: 1_000_000, multipleOf: 1 },
  materials: {
    type: 'array',
    maxItems: 60,
    items: {
      type: 'object',
      additionalProperties: false,
      properties: {
        key: { type: 'string' },
        name: { type: 'string' },
        forms: { type: 'array', items: { type: 'string', enum: [...MATERIAL_FORMS] } },
        copies: { type: 'integer' },
        required: { type: 'boolean' },
        waivable: { type: 'boolean' },
      },
      required: ['key', 'name', 'forms', 'copies', 'required', 'waivable'],
    },
  },
  at: { type: 'string', maxLength: 40 },
} as const;

/**
 * Version 1: a snapshot's materials allow only the six kept fields and the
 * guide's material forms (version 0 allowed any field and any string; every
 * snapshot ever written came from `snapshotMaterials`, so old documents are
 * valid unchanged).
 */
export const guideMarkSchema = {
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 128 },
    ticked: { type: 'array', maxItems: 60, items: { type: 'string', maxLength: 40 } },
    saved: { type: 'object', additionalProperties: false, properties: snapshotProperties, required: ['guideName', 'version', 'materials', 'at'] },
    updatedAt: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'ticked', 'updatedAt'],
} as const;

/** Version 1: as {@link guideMarkSchema}. */
export const startedGuideSchema = {
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: { id: { type: 'string', maxLength: 128 }, ...snapshotProperties },
  required: ['id', 'guideName', 'version', 'materials', 'at'],
} as const;

/**
 * The material list of a guide as it was when the person saved it (收藏) or
 * started an application on it, so a later version can be compared with it.
 * `at` is device time, display only.
 */
export type GuideSnapshot = FromSchema<typeof guideMarkSchema.properties.saved>;

/**
 * What this phone keeps about one guide (`id`): the material keys ticked off
 * (已准备) and, if saved, the snapshot. `updatedAt` is device time, display only.
 */
export type GuideMarkDoc = FromSchema<typeof guideMarkSchema>;

/** A snapshot taken when this person started an application on the guide (`id`). */
export type StartedGuideDoc = FromSchema<typeof startedGuideSchema>;
