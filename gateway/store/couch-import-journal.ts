import type { ServerScope } from 'nano';
import { guardCouch } from './couch-errors.js';
import type { ImportJournalEntry, ImportJournalStore } from './store.js';

type JournalDoc = Omit<ImportJournalEntry, 'id'> & { _id: string };

/**
 * The import lease: an ordinary document in the journal's database, so a
 * stale `_rev` (or none, once it exists) gets a real 409 and only one of
 * simultaneous takers wins. A `_local` document does not lock on Apache
 * CouchDB, which checks no revision there (issue 11). Journal entries are
 * keyed by time (`2026-…`), so this id never collides with one; listings of
 * entries skip it, and the journal's database is never replicated to devices.
 */
export const LEASE_ID = 'lease-guide-import';

interface LeaseDoc {
  _id: string;
  _rev?: string;
  holder: string | null;
  until: string;
}

function isConflict(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 409;
}

function toEntry(doc: JournalDoc): ImportJournalEntry {
  const { _id, ...fields } = doc;
  return { ...fields, id: _id };
}

function toDoc(entry: ImportJournalEntry): JournalDoc {
  const { id, ...fields } = entry;
  return { ...fields, _id: id };
}

/**
 * The guide import journal, one document per import that wrote anything.
 * Entries stay after they are applied: they are the record of who published
 * what and when. Imports are rare, so listing scans the database.
 */
export class CouchImportJournalStore implements ImportJournalStore {
  constructor(
    private readonly couch: ServerScope,
    private readonly dbName: string,
  ) {}

  private get db() {
    return this.couch.use<JournalDoc>(this.dbName);
  }

  async create(entry: ImportJournalEntry): Promise<ImportJournalEntry> {
    const { _rev, ...fields } = entry;
    const answer = await guardCouch(() => this.db.insert(toDoc(fields)));
    return { ...entry, _rev: answer.rev };
  }

  async update(entry: ImportJournalEntry): Promise<ImportJournalEntry> {
    const answer = await guardCouch(() => this.db.insert(toDoc(entry)));
    return { ...entry, _rev: answer.rev };
  }

  async acquireLease(holder: string, until: string, now: string): Promise<boolean> {
    const leases = this.couch.use<LeaseDoc>(this.dbName);
    const current = await guardCouch(() => leases.get(LEASE_ID)).catch((error: unknown) => {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw error;
    });
    if (current?.holder && current.holder !== holder && current.until > now) return false;
    try {
      await guardCouch(() => leases.insert({ _id: LEASE_ID, ...(current ? { _rev: current._rev } : {}), holder, until }));
      return true;
    } catch (error) {
      // Another instance wrote the lease between our read and our write: it won.
      if (isConflict(error)) return false;
      throw error;
    }
  }

  async releaseLease(holder: string): Promise<void> {
    const leases = this.couch.use<LeaseDoc>(this.dbName);
    const current = await guardCouch(() => leases.get(LEASE_ID)).catch(() => null);
    if (current?.holder !== holder) return;
    await guardCouch(() => leases.insert({ _id: LEASE_ID, _rev: current._rev, holder: null, until: current.until })).catch((error: unknown) => {
      if (!isConflict(error)) throw error;
    });
  }

  async listApplying(): Promise<ImportJournalEntry[]> {
    const answer = await guardCouch(() => this.db.list({ include_docs: true }));
    return answer.rows
      .map((row) => row.doc as JournalDoc | undefined)
      .filter((doc): doc is JournalDoc => doc !== undefined && doc._id !== LEASE_ID && !doc._id.startsWith('_design/') && doc.state === 'applying')
      .map(toEntry)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
