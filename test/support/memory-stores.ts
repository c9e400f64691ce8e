import type { CollectionName } from '../../sync-protocol/index.js';
import type { OutboxBacklog, OutboxEntry, OutboxGauges, OutboxState } from '../../gateway/domain/outbox-entry.js';
import type { StoredDocument } from '../../gateway/domain/stored-document.js';
import { DEFAULT_OUTBOX_LIST_LIMIT } from '../../gateway/store/couch-outbox.js';
import type {
  ChangeFollower,
  ClaimOutcome,
  ChangeHandlers,
  ChangesPage,
  DocumentScope,
  DirtyMark,
  DocumentStore,
  IdPage,
  ImportJournalEntry,
  ImportJournalStore,
  MaterialStore,
  MaterialToStore,
  OutboxStore,
  OutboxWrite,
  RegistryStore,
  WriteOutcome,
} from '../../gateway/store/store.js';

interface MemoryDb {
  docs: Map<string, StoredDocument>;
  /** Change log: the latest seq of each id wins, like CouchDB's by-seq index. */
  changes: { seq: number; id: string }[];
  followers: Set<ChangeHandlers>;
}

/**
 * An in-memory DocumentStore with CouchDB's revision and `_changes`
 * semantics, for unit tests of the commands (held to the Couch store by test/contract/store-contract.ts). `beforeWrite` lets a test play a
 * concurrent writer between the read and the write of a push.
 */
export class MemoryDocumentStore implements DocumentStore {
  private readonly dbs = new Map<string, MemoryDb>();
  beforeWrite: (() => Promise<void> | void) | null = null;

  async pullChanges(scope: DocumentScope, since: string, limit: number): Promise<ChangesPage> {
    const db = this.db(scope);
    const after = since === '0' ? 0 : Number(since);
    const latest = latestChanges(db)
      .filter((change) => change.seq > after)
      .slice(0, limit);
    const seq = latest.length > 0 ? latest[latest.length - 1].seq : Math.max(after, lastSeq(db));
    return { documents: latest.map((change) => structuredClone(db.docs.get(change.id)!)), seq: String(seq) };
  }

  async readDocuments(scope: DocumentScope, ids: string[]): Promise<Map<string, StoredDocument>> {
    const db = this.db(scope);
    const found = new Map<string, StoredDocument>();
    for (const id of ids) if (db.docs.has(id)) found.set(id, structuredClone(db.docs.get(id)!));
    return found;
  }

  async writeDocuments(scope: DocumentScope, docs: StoredDocument[]): Promise<WriteOutcome[]> {
    if (this.beforeWrite) await this.beforeWrite();
    const db = this.db(scope);
    const outcomes = docs.map((doc): WriteOutcome => {
      const current = db.docs.get(doc._id);
      if (current?._rev !== doc._rev) return { id: doc._id, ok: false, conflict: true, reason: 'Document update conflict' };
      const generation = current ? Number(current._rev!.split('-')[0]) + 1 : 1;
      const rev = `${generation}-${Math.random().toString(16).slice(2, 10)}`;
      db.docs.set(doc._id, { ...structuredClone(doc), _rev: rev });
      db.changes.push({ seq: lastSeq(db) + 1, id: doc._id });
      return { id: doc._id, ok: true, rev };
    });
    const written = outcomes.filter((o) => o.ok).map((o) => structuredClone(db.docs.get(o.id)!));
    if (written.length > 0) for (const follower of db.followers) follower.onChange({ documents: written, seq: String(lastSeq(db)) });
    return outcomes;
  }

  async followChanges(scope: DocumentScope, handlers: ChangeHandlers): Promise<ChangeFollower> {
    const db = this.db(scope);
    db.followers.add(handlers);
    return { stop: () => db.followers.delete(handlers) };
  }

  async listAreaPartitions(collection: CollectionName): Promise<string[]> {
    const prefix = `${collection}/area:`;
    return [...this.dbs.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  }

  async listAwaitingMaterials(userId: string): Promise<StoredDocument[]> {
    const db = this.db({ collection: 'applications', userId });
    return [...db.docs.values()].filter((doc) => doc.materialsComplete === false).map((doc) => structuredClone(doc));
  }

  async listComplete(userId: string, page?: IdPage): Promise<StoredDocument[]> {
    const db = this.db({ collection: 'applications', userId });
    const complete = [...db.docs.values()]
      .filter((doc) => doc.materialsComplete === true && (doc.data as { lifecycle?: string }).lifecycle === 'submitted')
      .filter((doc) => page?.after === undefined || doc._id > page.after)
      .sort((a, b) => (a._id < b._id ? -1 : 1));
    return complete.slice(0, page?.limit ?? complete.length).map((doc) => structuredClone(doc));
  }

  private db(scope: DocumentScope): MemoryDb {
    const key = scope.area !== undefined ? `${scope.collection}/area:${scope.area}` : `${scope.collection}/${scope.userId ?? ''}`;
    let db = this.dbs.get(key);
    if (!db) {
      db = { docs: new Map(), changes: [], followers: new Set() };
      this.dbs.set(key, db);
    }
    return db;
  }
}

function lastSeq(db: MemoryDb): number {
  return db.changes.length === 0 ? 0 : db.changes[db.changes.length - 1].seq;
}

function latestChanges(db: MemoryDb): { seq: number; id: string }[] {
  const latest = new Map<string, number>();
  for (const change of db.changes) latest.set(change.id, change.seq);
  return [...latest].map(([id, seq]) => ({ id, seq })).sort((a, b) => a.seq - b.seq);
}

/** An in-memory id registry. */
export class MemoryRegistryStore implements RegistryStore {
  private readonly owners = new Map<string, string>();

  async claim(collection: CollectionName, ids: string[], owner: string): Promise<Map<string, ClaimOutcome>> {
    const result = new Map<string, ClaimOutcome>();
    for (const id of ids) {
      const key = `${collection}:${id}`;
      const holder = this.owners.get(key);
      if (holder === undefined) this.owners.set(key, owner);
      result.set(id, holder === undefined ? 'claimed' : holder === owner ? 'held' : 'taken');
    }
    return result;
  }
}

/** An in-memory import journal. */
export class MemoryImportJournalStore implements ImportJournalStore {
  readonly entries = new Map<string, ImportJournalEntry>();
  private revision = 0;

  async create(entry: ImportJournalEntry): Promise<ImportJournalEntry> {
    if (this.entries.has(entry.id)) throw new Error(`journal entry ${entry.id} exists`);
    return this.store(entry);
  }

  async update(entry: ImportJournalEntry): Promise<ImportJournalEntry> {
    if (this.entries.get(entry.id)?._rev !== entry._rev) throw new Error(`journal entry ${entry.id}: stale revision`);
    return this.store(entry);
  }

  async listApplying(): Promise<ImportJournalEntry[]> {
    return [...this.entries.values()]
      .filter((entry) => entry.state === 'applying')
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((entry) => structuredClone(entry));
  }

  private lease: { holder: string | null; until: string } = { holder: null, until: '' };

  async acquireLease(holder: string, until: string, now: string): Promise<boolean> {
    if (this.lease.holder && this.lease.holder !== holder && this.lease.until > now) return false;
    this.lease = { holder, until };
    return true;
  }

  async releaseLease(holder: string): Promise<void> {
    if (this.lease.holder === holder) this.lease = { holder: null, until: this.lease.until };
  }

  private store(entry: ImportJournalEntry): ImportJournalEntry {
    this.revision += 1;
    const stored = { ...structuredClone(entry), _rev: String(this.revision) };
    this.entries.set(entry.id, stored);
    return structuredClone(stored);
  }
}

/** In-memory materials: the hashes each user holds, with their bytes. */
export class MemoryMaterialStore implements MaterialStore {
  private readonly held = new Map<string, Map<string, Buffer>>();
  /** Per agent: content address → the household it is bound to. */
  private readonly households = new Map<string, Map<string, string>>();

  async findHeld(userId: string, sha256s: string[]): Promise<Set<string>> {
    const mine = this.held.get(userId);
    return new Set(sha256s.filter((sha256) => mine?.has(sha256)));
  }

  async put(userId: string, material: MaterialToStore): Promise<'stored' | 'exists'> {
    const mine = this.held.get(userId) ?? new Map<string, Buffer>();
    this.held.set(userId, mine);
    if (mine.has(material.sha256)) return 'exists';
    const chunks: Buffer[] = [];
    for await (const chunk of material.open()) chunks.push(chunk as Buffer);
    mine.set(material.sha256, Buffer.concat(chunks));
    return 'stored';
  }

  async read(userId: string, sha256: string): Promise<Buffer | null> {
    return this.held.get(userId)?.get(sha256) ?? null;
  }

  async bindToHouseholds(userId: string, wanted: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    const mine = this.households.get(userId) ?? new Map<string, string>();
    this.households.set(userId, mine);
    for (const [sha256, householdId] of wanted) if (!mine.has(sha256)) mine.set(sha256, householdId);
    return new Map([...wanted.keys()].map((sha256) => [sha256, mine.get(sha256)!]));
  }
}

/** An in-memory outbox with CouchDB's revision rule: a write with a stale `_rev` is a conflict. */
export class MemoryOutboxStore implements OutboxStore {
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly marks = new Map<string, DirtyMark>();
  private revision = 0;
  private cursor: { cursor: string; rev?: string } = { cursor: '0' };

  async enqueue(entries: OutboxEntry[]): Promise<number> {
    let created = 0;
    for (const entry of entries) {
      if (this.entries.has(entry._id)) continue;
      this.put(entry);
      created += 1;
    }
    return created;
  }

  async findMissing(ids: string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => !this.entries.has(id)));
  }

  async markDirty(userId: string, at: string): Promise<DirtyMark> {
    this.revision += 1;
    const mark = { id: `dirty:${this.revision}`, rev: String(this.revision), userId, createdAt: at };
    this.marks.set(mark.id, mark);
    return { ...mark };
  }

  async clearDirty(mark: DirtyMark): Promise<void> {
    if (this.marks.get(mark.id)?.rev === mark.rev) this.marks.delete(mark.id);
  }

  async listDirty(): Promise<DirtyMark[]> {
    return [...this.marks.values()].map((mark) => ({ ...mark }));
  }

  async read(id: string): Promise<OutboxEntry | null> {
    const entry = this.entries.get(id);
    return entry ? structuredClone(entry) : null;
  }

  async write(entry: OutboxEntry): Promise<OutboxWrite> {
    const current = this.entries.get(entry._id);
    if ((current?._rev ?? undefined) !== entry._rev) return { ok: false, conflict: true };
    return { ok: true, entry: this.put(entry) };
  }

  async listDue(now: string, limit: number): Promise<OutboxEntry[]> {
    return [...this.entries.values()]
      .filter((e) => e.state === 'pending' && e.nextAttemptAt <= now)
      .sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : 1))
      .slice(0, limit)
      .map((e) => structuredClone(e));
  }

  /** Oldest created first, at most `limit`, as the Couch store answers. */
  async list(state?: OutboxState, limit = DEFAULT_OUTBOX_LIST_LIMIT): Promise<OutboxEntry[]> {
    return this.inState(state)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
      .slice(0, limit)
      .map((e) => structuredClone(e));
  }

  private inState(state?: OutboxState): OutboxEntry[] {
    return [...this.entries.values()].filter((e) => !state || e.state === state);
  }

  async backlog(now: Date): Promise<OutboxBacklog> {
    const pending = this.inState('pending');
    const oldest = pending.map((e) => Date.parse(e.createdAt)).sort()[0];
    return {
      pending: pending.length,
      dead: this.inState('dead').length,
      done: this.inState('done').length,
      oldestPendingSeconds: oldest === undefined ? null : Math.round((now.getTime() - oldest) / 1000),
    };
  }

  async gauges(now: Date): Promise<OutboxGauges> {
    const pending = this.inState('pending');
    const oldest = pending.map((e) => e.createdAt).sort()[0];
    return {
      pending: pending.length,
      inFlight: pending.filter((e) => e.leaseUntil !== undefined && e.leaseUntil > now.toISOString()).length,
      dead: this.inState('dead').length,
      oldestPendingCreatedAt: oldest ?? null,
    };
  }

  async readCursor(): Promise<{ cursor: string; rev?: string }> {
    return { ...this.cursor };
  }

  async writeCursor(cursor: string, rev: string | undefined): Promise<boolean> {
    if (this.cursor.rev !== rev) return false;
    this.revision += 1;
    this.cursor = { cursor, rev: String(this.revision) };
    return true;
  }

  private put(entry: OutboxEntry): OutboxEntry {
    this.revision += 1;
    const stored = { ...structuredClone(entry), _rev: String(this.revision) };
    this.entries.set(entry._id, stored);
    return structuredClone(stored);
  }
}
