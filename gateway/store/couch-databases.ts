import type { ServerScope } from 'nano';
import { couchStatus, guardCouch } from './couch-errors.js';

/**
 * Creates databases on first use, idempotently (412 = already there), and
 * remembers which exist so each is created at most once per process.
 */
export class CouchDatabases {
  private readonly known = new Set<string>();

  constructor(private readonly couch: ServerScope) {}

  async ensure(name: string): Promise<string> {
    if (this.known.has(name)) return name;
    await guardCouch(async () => {
      try {
        await this.couch.db.create(name);
      } catch (error) {
        if (couchStatus(error) !== 412) throw error;
      }
    });
    this.known.add(name);
    return name;
  }

  /**
   * Runs a write on a database that usually exists, creating it only when the
   * store answers 404: no round trip to create what is there already, which
   * after a restart was one `PUT` per user and database before their first push.
   */
  async writeCreating<T>(name: string, call: () => Promise<T>): Promise<T> {
    try {
      return await guardCouch(call);
    } catch (error) {
      if (couchStatus(error) !== 404 || this.known.has(name)) throw error;
      await this.ensure(name);
      return guardCouch(call);
    }
  }

  /** Runs a read of rows; a database that does not exist yet holds nothing, so its 404 answers no rows (nothing is created). */
  async readRowsOrNone<R>(call: () => Promise<{ rows: R[] }>): Promise<R[]> {
    try {
      return (await guardCouch(call)).rows;
    } catch (error) {
      if (couchStatus(error) === 404) return [];
      throw error;
    }
  }
}
