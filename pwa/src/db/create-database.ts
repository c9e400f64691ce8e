import { addRxPlugin, createRxDatabase, removeCollectionStorages, type RxCollection, type RxCollectionCreator, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import type { ApplicationDoc, AreaDoc, GuideDoc, HouseholdDoc, StatusDoc } from '../../../sync-protocol/index.js';
import { DEVICE_COLLECTION_CREATORS, USER_COLLECTION_CREATORS } from './collections.js';
import { DEVICE_DATABASE_NAME, userDatabaseName } from '../../../device-core/database-names.js';
import type { GuideMarkDoc, StartedGuideDoc } from './local-schemas.js';
import type { LockerItemDoc } from './locker-schema.js';
import type { SyncIssueDoc } from './sync-issue-schema.js';

// Leader election lets only one tab replicate (waitForLeadership); the other
// tabs see the same IndexedDB through RxDB's multi-instance events.
addRxPlugin(RxDBLeaderElectionPlugin);
// Schema versions of replicated collections move with the protocol; each has migration strategies in collections.ts.
addRxPlugin(RxDBMigrationSchemaPlugin);
// Locker items keep their image and thumbnail as attachments.
addRxPlugin(RxDBAttachmentsPlugin);

/** Public data, shared by everyone who uses the phone. */
export interface DeviceCollections {
  guides: RxCollection<GuideDoc>;
  areas: RxCollection<AreaDoc>;
  guidemarks: RxCollection<GuideMarkDoc>;
}

/** One user's private data; nobody else's database ever holds it. */
export interface UserCollections {
  applications: RxCollection<ApplicationDoc>;
  statuses: RxCollection<StatusDoc>;
  syncissues: RxCollection<SyncIssueDoc>;
  startedguides: RxCollection<StartedGuideDoc>;
  materials: RxCollection<LockerItemDoc>;
  /** Agents only in use; every user database has it (empty for applicants), so one schema serves both. */
  households: RxCollection<HouseholdDoc>;
}

export type DeviceDatabase = RxDatabase<DeviceCollections>;
export type UserDatabase = RxDatabase<UserCollections>;

export interface DatabaseOptions {
  /** Name of the device database; user databases are named after it. Default `tongban`. */
  name?: string;
  /**
   * Underlying storage; defaults to Dexie on the browser's IndexedDB. Node
   * tests pass `getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange })`.
   * It is always wrapped with ajv validation, so the device checks documents
   * with the same schemas as the gateway.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as RxDB's own createRxDatabase: a storage's internals and instance options are its own business.
  storage?: RxStorage<any, any>;
  /** True in browsers (several tabs share one database); false in Node tests. */
  multiInstance?: boolean;
  /**
   * Collections not to open. Only for Node tests that hold two phones in one
   * process: RxDB's open core allows 15 open collections per realm and one
   * phone opens 8. The app always opens everything.
   */
  leaveClosed?: readonly string[];
}

/** Opens (or creates) the shared device database. */
export function openDeviceDatabase(options: DatabaseOptions = {}): Promise<DeviceDatabase> {
  return openDatabase<DeviceCollections>(options.name ?? DEVICE_DATABASE_NAME, DEVICE_COLLECTION_CREATORS, options, PULL_ONLY_REPLICAS);
}

/**
 * Device collections that are only copies of the gateway's data: when their
 * schema changed under the same version (guides gained keywords and search
 * terms), the old copy is dropped and downloaded again instead of the app
 * failing to start with RxDB's DB6. Local-only collections are never dropped.
 */
const PULL_ONLY_REPLICAS = ['guides', 'areas'];

/** Opens (or creates) the database of one user. */
export function openUserDatabase(userId: string, options: DatabaseOptions = {}): Promise<UserDatabase> {
  return openDatabase<UserCollections>(userDatabaseName(userId, options.name), USER_COLLECTION_CREATORS, options);
}

async function openDatabase<C>(name: string, creators: Record<string, RxCollectionCreator>, options: DatabaseOptions, replicas: string[] = []): Promise<RxDatabase<C>> {
  const leaveClosed = new Set(options.leaveClosed ?? []);
  if (leaveClosed.size > 0) creators = Object.fromEntries(Object.entries(creators).filter(([key]) => !leaveClosed.has(key)));
  const db = await createRxDatabase<C>({
    name,
    storage: wrappedValidateAjvStorage({ storage: options.storage ?? getRxStorageDexie() }),
    multiInstance: options.multiInstance ?? false,
    eventReduce: true,
    // A reload in the same process (tests, hot module reload) must not throw.
    closeDuplicates: true,
  });
  try {
    await db.addCollections(creators as never);
  } catch (error) {
    if (!((error as { code?: string }).code === 'DB6' && replicas.length > 0)) throw error;
    await dropReplicas(db, replicas);
    const missing = Object.fromEntries(Object.entries(creators).filter(([key]) => !(key in (db.collections as object))));
    await db.addCollections(missing as never);
  }
  return db;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database of ours: only its storage and collection names are used.
async function dropReplicas(db: RxDatabase<any>, replicas: string[]): Promise<void> {
  for (const name of replicas) {
    if (name in db.collections) continue;
    // Checkpoints go too (they are connected storages), so the next pull starts from the beginning.
    await removeCollectionStorages(db.storage, db.internalStore, db.token, db.name, name, db.multiInstance, undefined, db.hashFunction);
  }
}
