import type { FromSchema } from 'json-schema-to-ts';
import type { Checkpoint } from './checkpoint.js';
import type { ProblemBody } from './errors.js';

/** A replicated document as it travels: the document plus its tombstone flag. */
export type WireDocument<T> = T & { _deleted: boolean };

/** Limits both sides honour; the gateway enforces them. */
export const LIMITS = {
  /** Largest pull batch a client may ask for. */
  maxPullBatch: 200,
  /** Pull batch a client asks for when it does not say. */
  defaultPullBatch: 100,
  /** Most rows in one push. */
  maxPushRows: 100,
  /** Largest push body in bytes, enforced before buffering. */
  maxPushBodyBytes: 2 * 1024 * 1024,
  /** Largest non-push JSON body (sign-in and the like). */
  maxSmallBodyBytes: 16 * 1024,
  /**
   * Largest guide import body, enforced before buffering. The planned writes
   * of one import are journalled in one document, which must stay under
   * CouchDB's default max_document_size (8 MB) with search terms added.
   */
  maxImportBodyBytes: 4 * 1024 * 1024,
} as const;

/**
 * Pull: `GET /v1/sync/{collection}/pull?since={checkpoint.seq}&limit={n}`,
 * plus `&area={code}` for collections partitioned by area (guides): each
 * area is its own feed with its own checkpoints, and a device replicates the
 * areas of `areaChain(pickedArea)`. The stream takes the same `area`.
 * Answers every document changed after the checkpoint, oldest change first,
 * at most `limit` of them, and the checkpoint to ask from next time.
 * Fewer documents than `limit` means the client has caught up.
 */
export interface PullResponse<T> {
  documents: WireDocument<T>[];
  checkpoint: Checkpoint;
}

/** One row of a push: the master state the device last saw, and its new state. */
export interface PushRow<T> {
  assumedMasterState?: WireDocument<T> | null;
  newDocumentState: WireDocument<T>;
}

/** Push: `POST /v1/sync/{collection}/push` with this body. */
export interface PushRequest<T> {
  rows: PushRow<T>[];
}

/** A document the server refused, with the problem that names its field. */
export interface PushDocumentError extends ProblemBody {
  id: string;
}

/**
 * The push answer. A conflict is an answer, not an error: `conflicts` holds
 * the current master state of every row whose assumed master state was stale,
 * for the device to resolve and push again. `errors` holds documents that were
 * refused (invalid, or not the caller's); every other row was stored.
 */
export interface PushResponse<T> {
  conflicts: WireDocument<T>[];
  errors: PushDocumentError[];
}

/** Schema of a push body's envelope; the documents are checked per row against their collection's schema. */
export const pushRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rows: {
      type: 'array',
      maxItems: LIMITS.maxPushRows,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          assumedMasterState: { anyOf: [{ type: 'object' }, { type: 'null' }] },
          newDocumentState: { type: 'object' },
        },
        required: ['newDocumentState'],
      },
    },
  },
  required: ['rows'],
} as const;

/**
 * Guide publishing: `POST /v1/admin/guides/import` (operators only) with an
 * import file, or `npm run guides -- import FILE`. The whole file is checked
 * first; any problem refuses all of it with `IMPORT_INVALID` and every
 * problem listed. Otherwise each area is created or updated, each guide is
 * created, updated (a new version, when its content changed) or left
 * unchanged, and each id in `withdraw` becomes a tombstone that reaches
 * devices like any other change. A guide's `areaCode` must be a known area:
 * one in the file's own `areas`, or one published before.
 */
export interface GuideImportFile<G = unknown, A = unknown> {
  /** Areas to publish first (optional: an import may only carry guides). */
  areas?: A[];
  /** Guides in the import form (`guideInputSchema`); absent means none. */
  guides?: G[];
  /** Ids of published guides to withdraw. */
  withdraw?: string[];
}

/** The envelope of an import file; areas and guides are checked one by one against their own schemas. */
export const guideImportFileSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    areas: { type: 'array', maxItems: 10_000, items: { type: 'object' } },
    guides: { type: 'array', maxItems: 5_000, items: { type: 'object' } },
    withdraw: { type: 'array', maxItems: 5_000, items: { type: 'string', maxLength: 64 } },
  },
  minProperties: 1,
} as const;

export interface GuideImportResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  withdrawn: string[];
  /** Area codes by outcome, when the file carried areas. */
  areas?: { created: string[]; updated: string[]; unchanged: string[] };
}

export const ROLES = ['applicant', 'agent', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionResponse {
  token: string;
  user: { id: string; login: string; displayName: string; role: Role };
}

export const sessionRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    login: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: 200 },
  },
  required: ['login', 'password'],
} as const;

/** Sign-in: `POST /v1/session`. */
export type SessionRequest = FromSchema<typeof sessionRequestSchema>;

/**
 * A push body as its envelope schema knows it: each row's documents are
 * objects still to be checked against their collection's schema
 * ({@link PushRequest} is the same body once they are).
 */
export type PushRequestEnvelope = FromSchema<typeof pushRequestSchema>;

/** An import file as its envelope schema knows it: areas and guides still to be checked one by one. */
export type GuideImportEnvelope = FromSchema<typeof guideImportFileSchema>;
