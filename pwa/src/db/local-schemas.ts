import type { MaterialSnapshot } from '../model/material-diff.js';

/**
 * Collections that never leave the device. A checklist and a saved guide
 * need no account, so they live in the shared device database (one
 * collection for both: RxDB's open core allows 15 open collections in a
 * page, and tests open two phones at once); the snapshot taken when someone
 * starts an application lives in their own database.
 */

/**
 * The material list of a guide as it was when the person saved it (收藏) or
 * started an application on it, so a later version can be compared with it.
 */
export interface GuideSnapshot {
  guideName: string;
  version: number;
  materials: MaterialSnapshot[];
  /** Device time, display only. */
  at: string;
}

/** What this phone keeps about one guide: the ticked checklist and, if saved, the snapshot. */
export interface GuideMarkDoc {
  /** The guide's id. */
  id: string;
  /** Material keys ticked off (已准备). */
  ticked: string[];
  saved?: GuideSnapshot;
  /** Device time, display only. */
  updatedAt: string;
}

/** A snapshot taken when this person started an application on the guide. */
export interface StartedGuideDoc extends GuideSnapshot {
  /** The guide's id. */
  id: string;
}

const snapshotProperties = {
  guideName: { type: 'string', maxLength: 200 },
  version: { type: 'integer', minimum: 0, maximum: 1_000_000, multipleOf: 1 },
  materials: {
    type: 'array',
    maxItems: 60,
    items: {
      type: 'object',
      properties: {
        key: { type: 'string' },
        name: { type: 'string' },
        forms: { type: 'array', items: { type: 'string' } },
        copies: { type: 'integer' },
        required: { type: 'boolean' },
        waivable: { type: 'boolean' },
      },
      required: ['key', 'name', 'forms', 'copies', 'required', 'waivable'],
    },
  },
  at: { type: 'string', maxLength: 40 },
} as const;

export const guideMarkSchema = {
  version: 0,
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

export const startedGuideSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: { id: { type: 'string', maxLength: 128 }, ...snapshotProperties },
  required: ['id', 'guideName', 'version', 'materials', 'at'],
} as const;
