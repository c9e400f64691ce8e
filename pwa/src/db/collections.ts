import type { RxCollectionCreator, RxConflictHandler, RxJsonSchema } from 'rxdb';
import {
  COLLECTIONS,
  jsonEqual,
  mergeConflict,
  type ApplicationDoc,
  type GuideDoc,
  type StatusDoc,
} from '../../../sync-protocol/index.js';
import { syncIssueSchema, type SyncIssueDoc } from './sync-issue-schema.js';

/**
 * The conflict rule of the protocol. `isEqual` is a FULL deep equality
 * (server stamp included): a master that differs only in `server.receivedAt`
 * is a change the device must take, or it would never learn its application
 * reached the gateway.
 */
export function createConflictHandler<T>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => jsonEqual(a, b),
    resolve: async (input) => mergeConflict(input as Parameters<typeof mergeConflict>[0]) as unknown as typeof input.realMasterState,
  };
}

/**
 * The shared device database: public data only, readable before sign-in and
 * by everyone who uses this phone.
 */
export const DEVICE_COLLECTION_CREATORS = {
  guides: {
    schema: COLLECTIONS.guides.schema as unknown as RxJsonSchema<GuideDoc>,
    conflictHandler: createConflictHandler<GuideDoc>(),
  },
} satisfies Record<string, RxCollectionCreator>;

/**
 * One user's own database: everything private. Replicated collections take
 * their schema from the contract, unchanged.
 */
export const USER_COLLECTION_CREATORS = {
  applications: {
    schema: COLLECTIONS.applications.schema as unknown as RxJsonSchema<ApplicationDoc>,
    conflictHandler: createConflictHandler<ApplicationDoc>(),
  },
  statuses: {
    schema: COLLECTIONS.statuses.schema as unknown as RxJsonSchema<StatusDoc>,
    conflictHandler: createConflictHandler<StatusDoc>(),
  },
  /** Local only, never replicated: documents the gateway refused, for the UI to show. */
  syncissues: { schema: syncIssueSchema as unknown as RxJsonSchema<SyncIssueDoc> },
} satisfies Record<string, RxCollectionCreator>;
