/**
 * Which followed databases to read next, with at most `limit` reads at once:
 * the bound on store connections however many databases have streams. Pure.
 * A database is queued once however often it is marked, and one marked while
 * it is being read is read again afterwards: that read may have started
 * before the change it was told about.
 */
export class ReadQueue {
  /** Insertion order is the order of reading: oldest mark first. */
  private readonly waiting = new Set<string>();
  private readonly reading = new Set<string>();
  private readonly again = new Set<string>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`a read limit must be a positive integer; got ${limit}`);
  }

  /** Asks for one more read of `db`. */
  mark(db: string): void {
    if (this.reading.has(db)) this.again.add(db);
    else this.waiting.add(db);
  }

  /** The databases to read now (taken out of the queue); none while `limit` reads run. */
  take(): string[] {
    const taken: string[] = [];
    for (const db of this.waiting) {
      if (this.reading.size >= this.limit) break;
      this.waiting.delete(db);
      this.reading.add(db);
      taken.push(db);
    }
    return taken;
  }

  /** A read of `db` ended (well or not); call `take()` for what may start now. */
  finish(db: string): void {
    this.reading.delete(db);
    if (this.again.delete(db)) this.waiting.add(db);
  }

  /** Drops the pending reads of `db` (its last follower left); a running read still ends with `finish`. */
  forget(db: string): void {
    this.waiting.delete(db);
    this.again.delete(db);
  }

  /** Reads running now. */
  get active(): number {
    return this.reading.size;
  }

  /** Databases waiting for a read. */
  get pending(): number {
    return this.waiting.size;
  }
}
