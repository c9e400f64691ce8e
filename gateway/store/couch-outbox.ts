import { randomUUID } from 'node:crypto';
import type { MangoQuery, ServerScope } from 'nano';
import type { OutboxBacklog, OutboxEntry, OutboxGauges, OutboxState } from '../domain/outbox-entry.js';
import { BatchedWrites } from './batched-writes.js';
import { couchStatus, guardCouch } from './couch-errors.js';
import type { DirtyMark, OutboxStore, OutboxWrite } from './store.js';

const DUE_INDEX = 'outbox-due';
const CURSOR_ID = 'cursor:province-changes';
/** Views for metrics; a new version gets a new name, so no instance reads a stale definition. */
const METRICS_DDOC = 'metrics-v1';
/**
 * `by-state`: [state, leaseUntil or ''] with `_count`: counts per state
 * (group_level 1) and the entries under a lease not yet expired.
 * `pending-by-created`: pending entries by creation, for the oldest one.
 */
const METRICS_VIEWS = {
  'by-state': {
    map: "function (doc) { if (doc.type === 'outbox') emit([doc.state, doc.leaseUntil || ''], null); }",
    reduce: '_count',
  },
  'pending-by-created': {
    map: "function (doc) { if (doc.type === 'outbox' && doc.state === 'pending') emit(doc.createdAt, null); }",
  },
};
const PAGE = 1000;
/** Entries `list()` answers when no limit is given. */
export const DEFAULT_OUTBOX_LIST_LIMIT = PAGE;

/** Ids of dirty marks: a key range of their own beside the entries (`submit:`, `supplement:`, `rating:`) and the cursor. */
const DIRTY_PREFIX = 'dirty:';
/** Keys per `_all_docs` request of the missing-entry check. */
const KEYS_CHUNK = 500;

interface DirtyDoc {
  _id: string;
  _rev?: string;
  type: 'dirty';
  userId: string;
  createdAt: string;
}

interface CursorDoc {
  _id: string;
  _rev?: string;
  type: 'cursor';
  cursor: string;
}

/**
 * The outbox in one CouchDB database (`<prefix>_outbox`), shared by every
 * gateway instance on that CouchDB. Entries are found by a Mango index on
 * (state, nextAttemptAt); every change is a write with the entry's `_rev`, so
 * of two instances racing for one entry exactly one wins.
 */
/** A dirty mark as written: the mark itself, or its deletion. */
type DirtyWrite = DirtyDoc | { _id: string; _rev: string; _deleted: true };

export class CouchOutboxStore implements OutboxStore {
  private indexed = false;
  private metricsViews = false;
  /** Marks and their removal, batched: a storm of pushes shares a few `_bulk_docs` instead of two requests each. */
  private readonly dirtyWrites: BatchedWrites<DirtyWrite>;

  constructor(
    private readonly couch: ServerScope,
    private readonly dbName: string,
  ) {
    this.dirtyWrites = new BatchedWrites((docs) => guardCouch(() => this.couch.use<DirtyWrite>(this.dbName).bulk({ docs })));
  }

  private get db() {
    return this.couch.use<OutboxEntry>(this.dbName);
  }

  async enqueue(entries: OutboxEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const answer = await guardCouch(() => this.db.bulk({ docs: entries }));
    // A conflict is an entry that already exists: enqueueing is idempotent.
    return answer.filter((row) => row.rev && !row.error).length;
  }

  async findMissing(ids: string[]): Promise<Set<string>> {
    const missing = new Set<string>();
    // POSTed keys in chunks: one request per chunk however many entries exist, and no document bodies.
    for (let start = 0; start < ids.length; start += KEYS_CHUNK) {
      const keys = ids.slice(start, start + KEYS_CHUNK);
      const answer = await guardCouch(() => this.db.fetchRevs({ keys }));
      for (const row of answer.rows as { key: string; error?: string; value?: { deleted?: boolean } }[]) {
        if (row.error || row.value?.deleted) missing.add(row.key);
      }
    }
    return missing;
  }

  async markDirty(userId: string, at: string): Promise<DirtyMark> {
    const doc: DirtyDoc = { _id: `${DIRTY_PREFIX}${randomUUID()}`, type: 'dirty', userId, createdAt: at };
    const row = await this.dirtyWrites.write(doc);
    if (!row?.rev) throw new Error(`the store refused a dirty mark: ${row?.error ?? 'no answer'}`);
    return { id: doc._id, rev: row.rev, userId, createdAt: at };
  }

  async clearDirty(mark: DirtyMark): Promise<void> {
    const row = await this.dirtyWrites.write({ _id: mark.id, _rev: mark.rev, _deleted: true });
    // Gone already (another sweep cleared it: not_found or conflict): what was asked.
    if (row?.error && row.error !== 'not_found' && row.error !== 'conflict') throw new Error(`the store refused to clear a dirty mark: ${row.error}`);
  }

  async listDirty(): Promise<DirtyMark[]> {
    const db = this.couch.use<DirtyDoc>(this.dbName);
    const marks: DirtyMark[] = [];
    // Keyed pages of `_all_docs` over the marks' id range (nano encodes the keys).
    for (let startkey = DIRTY_PREFIX; ;) {
      const answer = await guardCouch(() => db.list({ startkey, endkey: `${DIRTY_PREFIX}\ufff0`, include_docs: true, limit: PAGE }));
      for (const row of answer.rows) {
        const doc = row.doc as DirtyDoc | undefined;
        if (doc?.type === 'dirty') marks.push({ id: doc._id, rev: doc._rev!, userId: doc.userId, createdAt: doc.createdAt });
      }
      if (answer.rows.length < PAGE) return marks;
      // The smallest id after the last one: no row is read twice, none skipped.
      startkey = `${answer.rows[answer.rows.length - 1].id}\u0000`;
    }
  }

  async read(id: string): Promise<OutboxEntry | null> {
    try {
      return await guardCouch(() => this.db.get(id));
    } catch (error) {
      if (couchStatus(error) === 404) return null;
      throw error;
    }
  }

  async write(entry: OutboxEntry): Promise<OutboxWrite> {
    try {
      const answer = await guardCouch(() => this.db.insert(entry));
      return { ok: true, entry: { ...entry, _rev: answer.rev } };
    } catch (error) {
      if (couchStatus(error) === 409) return { ok: false, conflict: true };
      throw error;
    }
  }

  async listDue(now: string, limit: number): Promise<OutboxEntry[]> {
    await this.ensureIndex();
    const answer = await guardCouch(() => this.db.find({ selector: { state: 'pending', nextAttemptAt: { $lte: now } }, use_index: DUE_INDEX, limit }));
    // Checked again: an index can lag behind the document it answers.
    const due = (answer.docs as OutboxEntry[]).filter((entry) => entry.state === 'pending' && entry.nextAttemptAt <= now);
    return due.sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : 1));
  }

  async list(state?: OutboxState, limit = DEFAULT_OUTBOX_LIST_LIMIT): Promise<OutboxEntry[]> {
    await this.ensureIndex();
    const query: MangoQuery = state ? { selector: { state }, use_index: DUE_INDEX, limit } : { selector: { type: 'outbox' }, limit };
    const answer = await guardCouch(() => this.db.find(query));
    return (answer.docs as OutboxEntry[]).filter((entry) => !state || entry.state === state).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }

  async backlog(now: Date): Promise<OutboxBacklog> {
    const [pending, dead, done] = await Promise.all([this.list('pending', 100_000), this.list('dead', 100_000), this.list('done', 100_000)]);
    const oldest = pending.reduce<string | null>((min, e) => (min === null || e.createdAt < min ? e.createdAt : min), null);
    return {
      pending: pending.length,
      dead: dead.length,
      done: done.length,
      oldestPendingSeconds: oldest === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)),
    };
  }

  async gauges(now: Date): Promise<OutboxGauges> {
    await this.ensureMetricsViews();
    const db = this.db;
    const [byState, leased, oldest] = await Promise.all([
      guardCouch(() => db.view(METRICS_DDOC, 'by-state', { reduce: true, group_level: 1 })),
      guardCouch(() => db.view(METRICS_DDOC, 'by-state', { reduce: true, startkey: ['pending', now.toISOString()], endkey: ['pending', {}] })),
      guardCouch(() => db.view(METRICS_DDOC, 'pending-by-created', { reduce: false, limit: 1 })),
    ]);
    const count = (state: string) => Number(byState.rows.find((row) => isKeyOf(row.key, state))?.value ?? 0);
    return {
      pending: count('pending'),
      inFlight: Number(leased.rows[0]?.value ?? 0),
      dead: count('dead'),
      oldestPendingCreatedAt: (oldest.rows[0]?.key as string | undefined) ?? null,
    };
  }

  async readCursor(): Promise<{ cursor: string; rev?: string }> {
    try {
      const doc = (await guardCouch(() => this.couch.use<CursorDoc>(this.dbName).get(CURSOR_ID))) as CursorDoc;
      return { cursor: doc.cursor, rev: doc._rev };
    } catch (error) {
      if (couchStatus(error) === 404) return { cursor: '0' };
      throw error;
    }
  }

  async writeCursor(cursor: string, rev: string | undefined): Promise<boolean> {
    const doc: CursorDoc = { _id: CURSOR_ID, type: 'cursor', cursor, ...(rev ? { _rev: rev } : {}) };
    try {
      await guardCouch(() => this.couch.use<CursorDoc>(this.dbName).insert(doc));
      return true;
    } catch (error) {
      if (couchStatus(error) === 409) return false;
      throw error;
    }
  }

  private async ensureMetricsViews(): Promise<void> {
    if (this.metricsViews) return;
    try {
      await guardCouch(() => this.couch.use(this.dbName).insert({ _id: `_design/${METRICS_DDOC}`, views: METRICS_VIEWS } as never));
    } catch (error) {
      // Another instance (or an earlier start) wrote it: same name, same definition.
      if (couchStatus(error) !== 409) throw error;
    }
    this.metricsViews = true;
  }

  private async ensureIndex(): Promise<void> {
    if (this.indexed) return;
    await guardCouch(() => this.db.createIndex({ index: { fields: ['state', 'nextAttemptAt'] }, name: DUE_INDEX, ddoc: DUE_INDEX, type: 'json' }));
    this.indexed = true;
  }
}

/** A `by-state` row's key is `[state, …]`; nano types view keys as strings. */
function isKeyOf(key: unknown, state: string): boolean {
  return Array.isArray(key) && key[0] === state;
}
