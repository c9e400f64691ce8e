/**
 * Building blocks shared by the document schemas. The schemas are plain JSON
 * Schema (draft 2020-12 keywords that both ajv and RxDB understand) plus
 * RxDB's own top-level keys (`version`, `primaryKey`, `indexes`).
 */

/** Client-generated ids: UUIDs or similar, safe in URLs and CouchDB ids. */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$';

export const idProperty = { type: 'string', maxLength: 64, pattern: ID_PATTERN } as const;

/**
 * A timestamp written by a device. Device clocks in the field are often days
 * off, so these are for display only: ordering and checkpoints never use them.
 */
/** A guide material's key (`id-card`, `business-licence`): how applications, statuses and guides name one material. */
export const materialKeyProperty = { type: 'string', pattern: '^[a-z0-9_-]{1,40}$' } as const;

export const deviceTimeProperty = { type: 'string', format: 'date-time', maxLength: 40 } as const;

/** Fields the server owns. A client may send them back; the server ignores them. */
export const SERVER_FIELD = 'server';

/** Schema of the server-owned part of a replicated document. */
export const serverStampProperty = {
  type: 'object',
  description: 'Written by the gateway only; ignored on push.',
  additionalProperties: false,
  properties: {
    receivedAt: { type: 'string', format: 'date-time', maxLength: 40 },
    owner: { type: 'string', maxLength: 64 },
    /**
     * Server clock when every material the document refers to had arrived
     * (applications only; absent while any is missing). Only complete
     * applications go upstream.
     */
    completeAt: { type: 'string', format: 'date-time', maxLength: 40 },
  },
} as const;
