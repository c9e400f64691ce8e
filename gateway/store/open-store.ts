import nano from 'nano';
import { CouchAccountStore, CouchSessionStore } from './couch-accounts.js';
import { CouchDatabases } from './couch-databases.js';
import { CouchDocumentStore } from './couch-documents.js';
import { redactUrl } from './couch-errors.js';
import { CouchImportJournalStore } from './couch-import-journal.js';
import { CouchMaterialStore } from './couch-materials.js';
import { CouchOutboxStore } from './couch-outbox.js';
import { CouchRegistryStore } from './couch-registry.js';
import { createDbNames } from './db-names.js';
import { startEmbeddedCouch, type EmbeddedCouch } from './embedded-couch.js';
import { loadKeyedIds, type KeyedIds } from './keyed-ids.js';
import { migrateAccountIds } from './migrate-account-ids.js';
import type { Store } from './store.js';

export interface StoreOptions {
  /** Apache CouchDB URL (may carry credentials: never log it unredacted). Absent: embedded store. */
  couchUrl?: string;
  /** Where the embedded store keeps its LevelDB databases, config and log. */
  dataDir: string;
  dbPrefix: string;
  /** Cap on concurrent reads of the databases live streams follow; default 8. */
  streamStoreReads?: number;
  /** Pause after a `_db_updates` answer that named databases, in ms; default 200. */
  streamCoalesceMs?: number;
}

/** A description of where the store lives that is safe to log. */
export function describeStore(options: StoreOptions): string {
  return options.couchUrl ? `couchdb ${redactUrl(options.couchUrl)}` : `embedded store in ${options.dataDir}`;
}

/**
 * Opens the store: the CouchDB at `couchUrl`, or an embedded
 * CouchDB-compatible server on `dataDir`, reached over HTTP through nano in
 * both cases. Creates the shared databases; each area's guides database is
 * created when it is first used. Accounts and sessions of the old scheme
 * (keyed by login and token hash) are moved to keyed ids before anything
 * reads them.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const embedded: EmbeddedCouch | null = options.couchUrl ? null : await startEmbeddedCouch(options.dataDir);
  const couch = nano({ url: options.couchUrl ?? embedded!.url });
  const names = createDbNames(options.dbPrefix);
  const databases = new CouchDatabases(couch);
  let keyedIds: KeyedIds;
  try {
    for (const name of [names.accounts, names.sessions, names.areas, names.registry, names.imports, names.outbox]) await databases.ensure(name);
    keyedIds = await loadKeyedIds(couch, names.accounts);
    await migrateAccountIds(couch, names, keyedIds);
  } catch (error) {
    await embedded?.close();
    throw error;
  }
  return {
    documents: new CouchDocumentStore(couch, names, databases, { maxReads: options.streamStoreReads, coalesceMs: options.streamCoalesceMs }),
    registry: new CouchRegistryStore(couch, names.registry),
    accounts: new CouchAccountStore(couch, names.accounts, keyedIds),
    sessions: new CouchSessionStore(couch, names.sessions, keyedIds),
    imports: new CouchImportJournalStore(couch, names.imports),
    materials: new CouchMaterialStore(couch, names, databases),
    outbox: new CouchOutboxStore(couch, names.outbox),
    names,
    couch,
    async isReachable() {
      try {
        await couch.info();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await embedded?.close();
    },
  };
}
