/** Reads many documents by id in one request; absent ids are missing from the map. */
export type ReadByIds<T> = (ids: string[]) => Promise<Map<string, T>>;

interface Waiter<T> {
  resolve(value: T | undefined): void;
  reject(error: unknown): void;
}

/** Ids per request: one `_all_docs` POST body stays small. */
const MAX_BATCH = 200;

/**
 * Single-document reads that arrive while a read is on its way go together
 * in the next one, so a thousand devices signing their requests at once cost
 * a few `_all_docs` requests instead of a thousand. Hand-written because
 * DataLoader batches per event-loop tick, not per request in flight, which is
 * what spares a store that answers one request after another. A read never
 * joins a request already sent, so it sees every write finished before it.
 */
export class BatchedReads<T> {
  private readonly waiting = new Map<string, Waiter<T>[]>();
  private reading = false;

  constructor(private readonly readByIds: ReadByIds<T>) {}

  read(id: string): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.waiting.get(id) ?? [];
      waiters.push({ resolve, reject });
      this.waiting.set(id, waiters);
      if (!this.reading) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.reading = true;
    try {
      while (this.waiting.size > 0) {
        const batch = [...this.waiting].slice(0, MAX_BATCH);
        for (const [id] of batch) this.waiting.delete(id);
        try {
          const found = await this.readByIds(batch.map(([id]) => id));
          for (const [id, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(id));
        } catch (error) {
          for (const [, waiters] of batch) for (const waiter of waiters) waiter.reject(error);
        }
      }
    } finally {
      this.reading = false;
    }
  }
}
