import { bulkAnswersInRequestOrder, type BulkAnswerRow } from './bulk-answers.js';

/** Writes documents in one `_bulk_docs` request; answers its rows as the store sent them. */
export type WriteBulk<D> = (docs: D[]) => Promise<BulkAnswerRow[]>;

interface Pending<D> {
  doc: D;
  resolve(row: BulkAnswerRow | undefined): void;
  reject(error: unknown): void;
}

/** Documents per request: one `_bulk_docs` body stays small. */
const MAX_BATCH = 200;

/**
 * Single-document writes of unique ids that arrive while a write is on its
 * way go together in the next `_bulk_docs`, so a storm of pushes marking
 * themselves dirty costs the shared outbox database a few requests instead
 * of two per push. A lone write goes at once. Each caller gets its own row
 * (matched by id, never by position) and decides what its error means.
 * Hand-written for the same reason as BatchedReads: batching per request in
 * flight, not per event-loop tick.
 */
export class BatchedWrites<D extends { _id: string }> {
  private readonly pending: Pending<D>[] = [];
  private writing = false;

  constructor(private readonly writeBulk: WriteBulk<D>) {}

  write(doc: D): Promise<BulkAnswerRow | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ doc, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        const docs = batch.map((p) => p.doc);
        try {
          const rows = bulkAnswersInRequestOrder(docs, await this.writeBulk(docs));
          batch.forEach((p, i) => p.resolve(rows[i]));
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
