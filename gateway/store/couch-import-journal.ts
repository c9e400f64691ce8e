import type { ServerScope } from 'nano';
import { guardCouch } from './couch-errors.js';
import type { ImportJournalEntry, ImportJournalStore } from './store.js';

type JournalDoc = Omit<ImportJournalEntry, 'id'> & { _id: string };

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

  async listApplying(): Promise<ImportJournalEntry[]> {
    const answer = await guardCouch(() => this.db.list({ include_docs: true }));
    return answer.rows
      .map((row) => row.doc as JournalDoc | undefined)
      .filter((doc): doc is JournalDoc => doc !== undefined && !doc._id.startsWith('_design/') && doc.state === 'applying')
      .map(toEntry)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
