import type { ServerScope } from 'nano';
import type { CouchDatabases } from './couch-databases.js';
import { couchStatus, guardCouch } from './couch-errors.js';
import type { DbNames } from './db-names.js';
import type { MaterialStore, MaterialToStore } from './store.js';

/** Name of the attachment that holds a material's bytes. */
export const MATERIAL_ATTACHMENT = 'content';

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

  private dbFor(userId: string): Promise<string> {
    return this.databases.ensure(this.names.userMaterials(userId));
  }
}
