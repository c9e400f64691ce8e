import type { RxCollectionCreator, RxConflictHandler, RxJsonSchema } from 'rxdb';
import {
  COLLECTIONS,
  jsonEqual,
  mergeConflict,
  type ApplicationDoc,
  type AreaDoc,
  type GuideDoc,
  type StatusDoc,
} from '../../../sync-protocol/index.js';
import { resolveApplicationConflict } from '../../../device-core/application-conflict.js';
import { guideMarkSchema, startedGuideSchema, type GuideMarkDoc, type StartedGuideDoc } from './local-schemas.js';
import { lockerItemSchema, type LockerItemDoc } from './locker-schema.js';
import { syncIssueSchema, type SyncIssueDoc } from './sync-issue-schema.js';

/**
 * The conflict rule of the protocol. `isEqual` is a FULL deep equality
 * (server stamp included): a master that differs only in `server.receivedAt`
 * is a change the device must take, or it would never learn its application
 * reached the gateway.
 */
export function createConflictHandler<T>(merge: (input: Parameters<typeof mergeConflict<T & object>>[0]) => unknown = mergeConflict): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => jsonEqual(a, b),
    resolve: async (input) => merge(input as Parameters<typeof mergeConflict<T & object>>[0]) as unknown as typeof input.realMasterState,
  };
}

/**
 * The shared device database: public data and what needs no account,
 * readable before sign-in and by everyone who uses this phone.
 *
 * Open collections per page (RxDB's open core allows 15): 3 here + 5 in the
 * one open user database = 8. A Node test with two phones opens 16: such
 * tests open what they use (see test/integration/rxdb-clients.test.ts).
 */
export const DEVICE_COLLECTION_CREATORS = {
  guides: {
    schema: COLLECTIONS.guides.schema as unknown as RxJsonSchema<GuideDoc>,
    conflictHandler: createConflictHandler<GuideDoc>(),
  },
  areas: {
    schema: COLLECTIONS.areas.schema as unknown as RxJsonSchema<AreaDoc>,
    conflictHandler: createConflictHandler<AreaDoc>(),
  },
  /** Local only: per guide, the ticked checklist and the snapshot of a saved guide (收藏). */
  guidemarks: { schema: guideMarkSchema as unknown as RxJsonSchema<GuideMarkDoc> },
} satisfies Record<string, RxCollectionCreator>;

/**
 * One user's own database: everything private. Replicated collections take
 * their schema from the contract, unchanged.
 */
export const USER_COLLECTION_CREATORS = {
  applications: {
    schema: COLLECTIONS.applications.schema as unknown as RxJsonSchema<ApplicationDoc>,
    // The worker resolves its push conflicts with the same rule (sw/background-push.ts).
    conflictHandler: createConflictHandler<ApplicationDoc>(resolveApplicationConflict),
    // 1: supplements and rating were added, both optional: old documents are valid as they are.
    // 2: a draft may have no applicant name yet: old documents (all named) are valid as they are.
    migrationStrategies: { 1: (doc: ApplicationDoc) => doc, 2: (doc: ApplicationDoc) => doc },
  },
  statuses: {
    schema: COLLECTIONS.statuses.schema as unknown as RxJsonSchema<StatusDoc>,
    conflictHandler: createConflictHandler<StatusDoc>(),
    // 1: materials may name the guide's material `key` (optional): old documents are valid as they are.
    migrationStrategies: { 1: (doc: StatusDoc) => doc },
  },
  /** Local only, never replicated: documents the gateway refused, for the UI to show. */
  syncissues: { schema: syncIssueSchema as unknown as RxJsonSchema<SyncIssueDoc> },
  /** Local only: the material list of guides this person started an application on. */
  startedguides: { schema: startedGuideSchema as unknown as RxJsonSchema<StartedGuideDoc> },
  /** Local only: the material locker (photos and signatures by SHA-256, bytes as attachments). */
  materials: { schema: lockerItemSchema as unknown as RxJsonSchema<LockerItemDoc> },
} satisfies Record<string, RxCollectionCreator>;
