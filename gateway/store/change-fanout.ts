import type { ChangeHandlers, ChangesPage } from './store.js';

/**
 * Who follows which database: one set of stream handlers per database name,
 * so one read of a database's changes reaches every stream of it. Pure: the
 * caller starts a database's feed when `subscribe` says it is the first, and
 * stops it when `unsubscribe` says it was the last.
 */
export class ChangeFanout {
  private readonly followers = new Map<string, Set<ChangeHandlers>>();

  /** Adds a follower of `db`; true when it is the first (start the feed). */
  subscribe(db: string, handlers: ChangeHandlers): boolean {
    const set = this.followers.get(db);
    if (set) {
      set.add(handlers);
      return false;
    }
    this.followers.set(db, new Set([handlers]));
    return true;
  }

  /** Removes a follower; true when `db` has none left (stop the feed). Removing twice is harmless. */
  unsubscribe(db: string, handlers: ChangeHandlers): boolean {
    const set = this.followers.get(db);
    if (!set || !set.delete(handlers)) return false;
    if (set.size > 0) return false;
    this.followers.delete(db);
    return true;
  }

  /** Hands a page to every follower of `db`; a follower that throws does not keep it from the others. */
  deliver(db: string, page: ChangesPage): number {
    const set = this.followers.get(db);
    if (!set) return 0;
    for (const handlers of [...set]) callSafely(() => handlers.onChange(page));
    return set.size;
  }

  /** Tells every follower of `db` its feed failed and forgets them: their streams end and reconnect. */
  fail(db: string, error: unknown): number {
    const set = this.followers.get(db);
    if (!set) return 0;
    this.followers.delete(db);
    for (const handlers of set) callSafely(() => handlers.onError(error));
    return set.size;
  }

  /** Forgets every follower of `db` without telling them (their `follow` failed and says so itself). */
  forget(db: string): void {
    this.followers.delete(db);
  }

  has(db: string): boolean {
    return this.followers.has(db);
  }

  /** Databases with at least one follower. */
  databases(): string[] {
    return [...this.followers.keys()];
  }

  /** Followers across all databases. */
  followerCount(): number {
    let count = 0;
    for (const set of this.followers.values()) count += set.size;
    return count;
  }
}

function callSafely(call: () => void): void {
  try {
    call();
  } catch {
    // One stream's failure to write is that stream's business (it ends on its own).
  }
}
