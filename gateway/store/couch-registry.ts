import type { ServerScope } from 'nano';
import type { CollectionName } from '../../sync-protocol/index.js';
import { guardCouch } from './couch-errors.js';
import type { RegistryStore } from './store.js';

interface RegistryEntry {
  _id: string;
  owner: string;
}

/**
 * The global id registry (`_id: "<collection>:<docId>"` → `{ owner }`).
 * Creating the entry is the claim: CouchDB lets exactly one writer create an
 * id, so two users racing for the same id cannot both win.
 */
export class CouchRegistryStore implements RegistryStore {
  constructor(
    private readonly couch: ServerScope,
    private readonly dbName: string,
  ) {}

  async claim(collection: CollectionName, ids: string[], owner: string): Promise<Map<string, boolean>> {
    const result = new Map<string, boolean>();
    if (ids.length === 0) return result;
    const db = this.couch.use<RegistryEntry>(this.dbName);
    const entries = ids.map((id) => ({ _id: `${collection}:${id}`, owner }));
    const answer = await guardCouch(() => db.bulk({ docs: entries }));
    const taken: string[] = [];
    answer.forEach((row, i) => {
      if (row.rev && !row.error) result.set(ids[i], true);
      else taken.push(entries[i]._id);
    });
    if (taken.length === 0) return result;
    const existing = await guardCouch(() => db.fetch({ keys: taken }));
    for (const row of existing.rows) {
      const entry = (row as { doc?: RegistryEntry | null }).doc;
      const key = (row as { key: string }).key;
      result.set(key.slice(collection.length + 1), entry?.owner === owner);
    }
    return result;
  }
}
