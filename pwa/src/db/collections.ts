import type { RxCollectionCreator, RxConflictHandler, RxJsonSchema } from 'rxdb';
import { COLLECTIONS, jsonEqual, mergeConflict, type ApplicationDoc, type AreaDoc, type GuideDoc, type HouseholdDoc, type StatusDoc } from '../../../sync-protocol/index.js';
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
export function createConflictHandler<T extends object>(
  merge: (input: Parameters<typeof mergeConflict<T>>[0]) => ReturnType<typeof mergeConflict<T>> = mergeConflict,
): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => jsonEqual(a, b),
    resolve: async (input) => merge(input),
  };
}

/**
 * A document schema as RxDB's type, checked against the type derived from
 * the same schema (so a schema and its document type cannot drift apart).
 */
function rxSchema<T>(schema: RxJsonSchema<T>): RxJsonSchema<T> {
  return schema;
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
    schema: rxSchema<GuideDoc>(COLLECTIONS.guides.schema),
    conflictHandler: createConflictHandler<GuideDoc>(),
  },
  areas: {
    schema: rxSchema<AreaDoc>(COLLECTIONS.areas.schema),
    conflictHandler: createConflictHandler<AreaDoc>(),
  },
  /** Local only: per guide, the ticked checklist and the snapshot of a saved guide (收藏). */
  guidemarks: {
    schema: rxSchema<GuideMarkDoc>(guideMarkSchema),
    // 1: snapshot materials narrowed to what snapshotMaterials writes: old documents are valid as they are.
    migrationStrategies: { 1: (doc: GuideMarkDoc) => doc },
  },
} satisfies Record<string, RxCollectionCreator>;

/**
 * One user's own database: everything private. Replicated collections take
 * their schema from the contract, unchanged.
 */
export const USER_COLLECTION_CREATORS = {
  applications: {
    schema: rxSchema<ApplicationDoc>(COLLECTIONS.applications.schema),
    // The worker resolves its push conflicts with the same rule (sw/background-push.ts).
    conflictHandler: createConflictHandler<ApplicationDoc>(resolveApplicationConflict),
    // 1: supplements and rating were added, both optional: old documents are valid as they are.
    // 2: a draft may have no applicant name yet: old documents (all named) are valid as they are.
    // 3: householdId, memberId, authorisation and applicant.address were added, all optional: as above.
    migrationStrategies: { 1: (doc: ApplicationDoc) => doc, 2: (doc: ApplicationDoc) => doc, 3: (doc: ApplicationDoc) => doc },
  },
  statuses: {
    schema: rxSchema<StatusDoc>(COLLECTIONS.statuses.schema),
    conflictHandler: createConflictHandler<StatusDoc>(),
    // 1: materials may name the guide's material `key` (optional): old documents are valid as they are.
    migrationStrategies: { 1: (doc: StatusDoc) => doc },
  },
  /** Local only, never replicated: documents the gateway refused, for the UI to show. */
  syncissues: { schema: rxSchema<SyncIssueDoc>(syncIssueSchema) },
  /** Local only: the material list of guides this person started an application on. */
  startedguides: {
    schema: rxSchema<StartedGuideDoc>(startedGuideSchema),
    // 1: as guidemarks.
    migrationStrategies: { 1: (doc: StartedGuideDoc) => doc },
  },
  /** Local only: the material locker (photos and signatures by SHA-256, bytes as attachments). */
  materials: {
    schema: rxSchema<LockerItemDoc>(lockerItemSchema),
    // 1: householdId (optional); items an agent kept before are assigned by assignLockerToHouseholds.
    migrationStrategies: { 1: (doc: LockerItemDoc) => doc },
  },
  /** A village agent's household profiles (agents only; replicated to the agent's own database). */
  households: {
    schema: rxSchema<HouseholdDoc>(COLLECTIONS.households.schema),
    conflictHandler: createConflictHandler<HouseholdDoc>(),
  },
} satisfies Record<string, RxCollectionCreator>;
