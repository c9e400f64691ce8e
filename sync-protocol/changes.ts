import type { FromSchema } from 'json-schema-to-ts';
import { COLLECTION_NAMES } from './schemas/index.js';
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
 * none. The answer is advisory: a device that cannot ask (an old gateway, an
 * error) just pulls.
 *
 * A well-formed area the gateway does not publish (never did, or no longer)
 * is a feed that does not exist, not a bad request: its index is listed in
 * `unknown` while every other feed is answered, so a device still following
 * an area removed at the gateway asks one request as usual instead of
 * falling back to pulling every feed. The device does not pull an unknown
 * feed (that pull would be refused). A malformed request (an unknown
 * collection, an area that is not a code, a guides feed without area, an
 * area on a feed that has none) is still `400 INVALID_REQUEST` naming its
 * field: that is a bug of the device, not a change at the gateway.
 *
 * Compatibility (protocol version 1): `unknown` is an addition. A device
 * that only reads `changed` does not pull unknown feeds either (they are not
 * in `changed`); a gateway from before it answered an unknown area with 400,
 * after which the device pulls every feed, as before.
 */
export const CHANGES_PATH = '/sync/changes';

/** Most feeds in one request: a few collections plus a county's area chain, with room to spare. */
export const MAX_CHANGES_FEEDS = 50;

export interface ChangesResponse {
  /** Indexes into the request's `feeds` of those with changes after their `since`, ascending. */
  changed: number[];
  /**
   * Indexes of the feeds that do not exist at the gateway (an area it does not
   * publish), ascending; never also in `changed`. Absent from gateways older
   * than this field: read it as empty.
   */
  unknown?: number[];
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
          collection: { type: 'string', enum: COLLECTION_NAMES },
          area: { type: 'string', pattern: AREA_CODE_PATTERN, maxLength: 9 },
          since: { type: 'string', minLength: 1, maxLength: 2000 },
        },
        required: ['collection', 'since'],
      },
    },
  },
  required: ['feeds'],
} as const;

/**
 * The request; each feed is one feed and the checkpoint the device holds for
 * it: `area` for a collection partitioned by area (guides), absent otherwise;
 * `since` the opaque `checkpoint.seq` last pulled.
 */
export type ChangesRequest = FromSchema<typeof changesRequestSchema>;
export type FeedCheckpoint = ChangesRequest['feeds'][number];

export const changesResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    changed: { type: 'array', items: { type: 'integer', minimum: 0, maximum: MAX_CHANGES_FEEDS - 1 }, uniqueItems: true },
    unknown: { type: 'array', items: { type: 'integer', minimum: 0, maximum: MAX_CHANGES_FEEDS - 1 }, uniqueItems: true },
  },
  required: ['changed'],
} as const;
