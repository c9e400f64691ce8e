import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import type { ApplicationDoc, GuideDoc, StatusDoc } from '../../../sync-protocol/index.js';
import { COLLECTION_CREATORS } from './collections.js';
import type { SyncIssueDoc } from './sync-issue-schema.js';

// Leader election lets only one tab replicate (waitForLeadership); the other
// tabs see the same IndexedDB through RxDB's multi-instance events.
addRxPlugin(RxDBLeaderElectionPlugin);

export interface TongbanCollections {
  guides: RxCollection<GuideDoc>;
  applications: RxCollection<ApplicationDoc>;
  statuses: RxCollection<StatusDoc>;
  syncissues: RxCollection<SyncIssueDoc>;
}

export type TongbanDatabase = RxDatabase<TongbanCollections>;

export interface CreateDatabaseOptions {
  /** IndexedDB database name, e.g. `tongban`. */
  name: string;
  /**
   * Underlying storage; defaults to Dexie on the browser's IndexedDB. Node
   * tests pass `getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange })`.
   * It is always wrapped with ajv validation, so the device checks documents
   * with the same schemas as the gateway.
   */
  storage?: RxStorage<any, any>;
  /** True in browsers (several tabs share one database); false in Node tests. */
  multiInstance?: boolean;
}

/** Opens (or creates) the device database with every collection. */
export async function createDatabase(options: CreateDatabaseOptions): Promise<TongbanDatabase> {
  const db = await createRxDatabase<TongbanCollections>({
    name: options.name,
    storage: wrappedValidateAjvStorage({ storage: options.storage ?? getRxStorageDexie() }),
    multiInstance: options.multiInstance ?? false,
    eventReduce: true,
    // A reload in the same process (tests, hot module reload) must not throw.
    closeDuplicates: true,
  });
  await db.addCollections(COLLECTION_CREATORS);
  return db;
}
