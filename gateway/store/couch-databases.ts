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
}
