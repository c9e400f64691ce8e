import type { ServerScope } from 'nano';
import type { CouchDatabases } from './couch-databases.js';
import { bulkAnswersInRequestOrder } from './bulk-answers.js';
import { couchStatus, guardCouch } from './couch-errors.js';
import type { DbNames } from './db-names.js';
import type { MaterialStore, MaterialToStore } from './store.js';

/** Name of the attachment that holds a material's bytes. */
export const MATERIAL_ATTACHMENT = 'content';

/** Id of the document that binds a material to one of the agent's households (beside the material's own, in the same database). */
const BINDING_PREFIX = 'household-of-';
const bindingId = (sha256: string) => `${BINDING_PREFIX}${sha256}`;

interface BindingDoc {
  _id: string;
  householdId: string;
}

/**
 * Materials as CouchDB attachments: doc `_id = sha256`, attachment `content`,
 * in the user's own `<prefix>_u_<userId>_materials` database.
 *
 * Why CouchDB and not a directory: every gateway instance on the same CouchDB
 * sees the same blobs (several instances per CouchDB are planned), the bytes
 * are as durable as the documents that refer to them and are backed up and
 * replicated with them. A local directory would be one instance's alone.
 * Attachments travel outside the JSON body, so `max_document_size` (8 MB on
 * CouchDB 3) does not apply to them.
 *
 * The document is created by the attachment PUT itself (no `rev`): it exists
 * with its bytes or not at all, so "held" is simply "the document exists", and
 * a second PUT of the same hash answers 409, which is `exists`.
 */
export class CouchMaterialStore implements MaterialStore {
  constructor(
    private readonly couch: ServerScope,
    private readonly names: DbNames,
    private readonly databases: CouchDatabases,
  ) {}

  async findHeld(userId: string, sha256s: string[]): Promise<Set<string>> {
    const held = new Set<string>();
    if (sha256s.length === 0) return held;
    // A user without a materials database yet holds none: nothing to create for a question.
    const db = this.couch.use(this.names.userMaterials(userId));
    const rows = await this.databases.readRowsOrNone(() => db.fetchRevs({ keys: [...new Set(sha256s)] }));
    for (const row of rows) {
      const value = (row as { value?: { rev?: string; deleted?: boolean } }).value;
      if (value?.rev && !value.deleted) held.add((row as { key: string }).key);
    }
    return held;
  }

  async put(userId: string, material: MaterialToStore): Promise<'stored' | 'exists'> {
    const db = this.couch.use(await this.dbFor(userId));
    if ((await this.findHeld(userId, [material.sha256])).size > 0) return 'exists';
    try {
      await guardCouch(() => db.attachment.insert(material.sha256, MATERIAL_ATTACHMENT, material.open(), material.contentType));
      return 'stored';
    } catch (error) {
      // Another instance (or a parallel finish) stored it first.
      if (couchStatus(error) === 409) return 'exists';
      throw error;
    }
  }

  async read(userId: string, sha256: string): Promise<Buffer | null> {
    const db = this.couch.use(await this.dbFor(userId));
    try {
      return await guardCouch(() => db.attachment.get(sha256, MATERIAL_ATTACHMENT));
    } catch (error) {
      if (couchStatus(error) === 404) return null;
      throw error;
    }
  }

  async bindToHouseholds(userId: string, wanted: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    if (wanted.size === 0) return new Map();
    const db = this.couch.use<BindingDoc>(await this.dbFor(userId));
    const bound = await this.readBindings(userId, [...wanted.keys()]);
    const fresh: BindingDoc[] = [...wanted].filter(([sha256]) => !bound.has(sha256)).map(([sha256, householdId]) => ({ _id: bindingId(sha256), householdId }));
    if (fresh.length > 0) {
      const answer = await guardCouch(() => db.bulk({ docs: fresh }));
      const rows = bulkAnswersInRequestOrder(fresh, answer);
      const lost: string[] = [];
      fresh.forEach((doc, i) => {
        const sha256 = doc._id.slice(BINDING_PREFIX.length);
        if (rows[i]?.rev && !rows[i]?.error) bound.set(sha256, doc.householdId);
        else lost.push(sha256);
      });
      // A concurrent push (another gateway, a parallel retry) bound them first (409): its household holds.
      for (const [sha256, householdId] of await this.readBindings(userId, lost)) bound.set(sha256, householdId);
    }
    return new Map([...wanted.keys()].flatMap((sha256) => (bound.has(sha256) ? [[sha256, bound.get(sha256)!] as const] : [])));
  }

  private async readBindings(userId: string, sha256s: string[]): Promise<Map<string, string>> {
    const bound = new Map<string, string>();
    if (sha256s.length === 0) return bound;
    const db = this.couch.use<BindingDoc>(this.names.userMaterials(userId));
    const rows = await this.databases.readRowsOrNone(() => db.fetch({ keys: sha256s.map(bindingId) }));
    // Matched by key, not position, like every answer of the store.
    for (const row of rows as Array<{ key?: string; doc?: BindingDoc | null }>) {
      if (row.key && row.doc?.householdId) bound.set(row.key.slice(BINDING_PREFIX.length), row.doc.householdId);
    }
    return bound;
  }

  private dbFor(userId: string): Promise<string> {
    return this.databases.ensure(this.names.userMaterials(userId));
  }
}
