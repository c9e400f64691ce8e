import { COLLECTIONS, type CollectionName } from './schemas/index.js';
import { AREA_CODE_PATTERN } from './schemas/area.js';

/**
 * "Anything new?": `POST /v1/sync/changes` with every feed the device follows
 * and the checkpoint it holds for each; the answer lists the feeds that have
 * changes after it. The device then pulls only those, so a sync with nothing
 * to do is this one request instead of one pull per feed (applications,
 * statuses, areas, and guides once per followed area).
 *
 * A private feed (applications, statuses) always means the caller's own
 * documents and needs their token; public feeds (areas, guides per area) need
 * none. An unknown area is `400 INVALID_REQUEST` naming its feed. The answer
 * is advisory: a device that cannot ask (an old gateway, an error) just pulls.
 */
export const CHANGES_PATH = '/sync/changes';

/** Most feeds in one request: a few collections plus a county's area chain, with room to spare. */
export const MAX_CHANGES_FEEDS = 50;

/** One feed and the checkpoint the device holds for it. */
export interface FeedCheckpoint {
  collection: CollectionName;
  /** The area of a collection partitioned by area (guides); absent otherwise. */
  area?: string;
  /** The opaque `checkpoint.seq` last pulled. */
  since: string;
}

export interface ChangesRequest {
  feeds: FeedCheckpoint[];
}

export interface ChangesResponse {
  /** Indexes into the request's `feeds` of those with changes after their `since`, ascending. */
  changed: number[];
}

export const changesRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    feeds: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_CHANGES_FEEDS,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          collection: { type: 'string', enum: Object.keys(COLLECTIONS) },
          area: { type: 'string', pattern: AREA_CODE_PATTERN, maxLength: 9 },
          since: { type: 'string', minLength: 1, maxLength: 2000 },
        },
        required: ['collection', 'since'],
      },
    },
  },
  required: ['feeds'],
} as const;

export const changesResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    changed: { type: 'array', items: { type: 'integer', minimum: 0, maximum: MAX_CHANGES_FEEDS - 1 }, uniqueItems: true },
  },
  required: ['changed'],
} as const;
