import type { Readable } from 'node:stream';
import type { ServerScope } from 'nano';
import type { CollectionName, GuideImportResult, Role } from '../../sync-protocol/index.js';
import type { OutboxBacklog, OutboxEntry, OutboxGauges, OutboxState } from '../domain/outbox-entry.js';
import type { DbNames } from './db-names.js';
import type { StoredDocument } from '../domain/stored-document.js';

/** Which database a collection's documents live in: the shared one, an area's own, or the user's own. */
export interface DocumentScope {
  collection: CollectionName;
  /** Required for private collections. */
  userId?: string;
  /** Required for collections partitioned by area (guides). */
  area?: string;
}

/** A batch of changes and the opaque sequence after them. */
export interface ChangesPage {
  documents: StoredDocument[];
  /** CouchDB's `last_seq`, as a string; never parsed or compared. */
  seq: string;
}

export type WriteOutcome = { id: string; ok: true; rev: string } | { id: string; ok: false; conflict: boolean; reason: string };

export interface ChangeFollower {
  stop(): void;
}

export interface ChangeHandlers {
  onChange(page: ChangesPage): void;
  onError(error: unknown): void;
}

/** Replicated documents, per collection and user. */
export interface DocumentStore {
  /**
   * Changes after `since`, at most `limit` documents (design docs skipped), in
   * no particular order: on a sharded Apache CouchDB (q > 1) a page is not in
   * write order, and after a node restart changes already seen can come again.
   * Callers order by what a document says (its own time) and apply idempotently.
   */
  pullChanges(scope: DocumentScope, since: string, limit: number): Promise<ChangesPage>;
  /** Current masters of the given ids; absent ids are missing from the map. */
  readDocuments(scope: DocumentScope, ids: string[]): Promise<Map<string, StoredDocument>>;
  /** One `_bulk_docs`: each document carries its master's `_rev` (or none when new). */
  writeDocuments(scope: DocumentScope, docs: StoredDocument[]): Promise<WriteOutcome[]>;
  /** Follows changes from the current end of the feed; call `stop()` to end. */
  followChanges(scope: DocumentScope, handlers: ChangeHandlers): Promise<ChangeFollower>;
  /** Area codes that have a database of this area-partitioned collection. */
  listAreaPartitions(collection: CollectionName): Promise<string[]>;
  /** A user's applications still waiting for a material (`materialsComplete: false`), all of them, by index. */
  listAwaitingMaterials(userId: string): Promise<StoredDocument[]>;
  /**
   * A user's live, submitted applications with every material (what may go
   * upstream; drafts are not read), by index, in `_id` order. With `page`:
   * at most `limit` of them after the id `after`, fewer meaning there are no
   * more; without: all of them.
   */
  listComplete(userId: string, page?: IdPage): Promise<StoredDocument[]>;
}

/** Keyed paging by document id: works alike on every CouchDB, where `skip` and Mango bookmarks do not. */
export interface IdPage {
  /** Only ids after this one; from the start when absent. */
  after?: string;
  limit: number;
}

/** One planned write of an import: the full document to hold in one database (no `_rev`). */
export interface ImportWrite {
  scope: DocumentScope;
  doc: Omit<StoredDocument, '_rev'>;
}

/**
 * A guide import as planned, written before any of its writes: a gateway
 * that stops half way rolls it forward on its next start.
 */
export interface ImportJournalEntry {
  /** Sortable: server time then a random suffix. */
  id: string;
  state: 'applying' | 'applied';
  createdAt: string;
  appliedAt?: string;
  writes: ImportWrite[];
  result: GuideImportResult;
  _rev?: string;
}

export interface ImportJournalStore {
  /** Stores a new entry; answers it with its revision. */
  create(entry: ImportJournalEntry): Promise<ImportJournalEntry>;
  /** Stores a change of state; answers the entry with its new revision. */
  update(entry: ImportJournalEntry): Promise<ImportJournalEntry>;
  /** Entries still `applying`, oldest first. */
  listApplying(): Promise<ImportJournalEntry[]>;
  /**
   * Takes or renews the one import lease shared by every gateway and CLI on
   * this store, until `until` (server clock, ISO 8601). True when `holder`
   * now holds it; false while another holder's lease runs. Decided by the
   * document revision, so two instances can never both win.
   */
  acquireLease(holder: string, until: string, now: string): Promise<boolean>;
  /** Gives the lease back if `holder` still holds it. */
  releaseLease(holder: string): Promise<void>;
}

/** A verified material on its way into the store. */
export interface MaterialToStore {
  sha256: string;
  contentType: string;
  bytes: number;
  /** Opens the bytes (already checked against `sha256`). */
  open(): Readable;
}

/** Materials (photos) by SHA-256, per user. */
export interface MaterialStore {
  /** The subset of `sha256s` this user holds. */
  findHeld(userId: string, sha256s: string[]): Promise<Set<string>>;
  /** Stores a material once; `exists` when this user already holds it (nothing is written). */
  put(userId: string, material: MaterialToStore): Promise<'stored' | 'exists'>;
  /** The bytes of a held material, or null (for the upstream forwarder). */
  read(userId: string, sha256: string): Promise<Buffer | null>;
  /**
   * The household (of this agent's) each content address belongs to: the one
   * it is already bound to, else the one asked for here, which is recorded
   * (first use wins, also between concurrent pushes on several gateways).
   * A photo bound to one household is never accepted for another.
   */
  bindToHouseholds(userId: string, wanted: ReadonlyMap<string, string>): Promise<Map<string, string>>;
}

/** The global id registry: a document id belongs to exactly one user, forever. */
/**
 * A claim's outcome: `claimed` by this very call (the id was never seen, so no
 * document, not even a deletion, exists under it), `held` by the same owner
 * already (a document may exist), or `taken` by another owner.
 */
export type ClaimOutcome = 'claimed' | 'held' | 'taken';

export interface RegistryStore {
  /** Claims each id for `owner`; answers each id's outcome. */
  claim(collection: CollectionName, ids: string[], owner: string): Promise<Map<string, ClaimOutcome>>;
}

export interface Account {
  login: string;
  userId: string;
  displayName: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash`, see commands/password.ts. */
  passwordHash: string;
  disabled: boolean;
  /** Bumped when the password is reset: older tokens stop working. */
  tokenGeneration: number;
  createdAt: string;
  _rev?: string;
}

export interface AccountStore {
  findByLogin(login: string): Promise<Account | null>;
  /** Creates the account unless the login is taken. */
  create(account: Account): Promise<'created' | 'exists'>;
  update(account: Account): Promise<void>;
  list(): Promise<Account[]>;
  count(): Promise<number>;
}

/** A session; the bearer token itself is never stored, only its sha256. */
export interface Session {
  tokenHash: string;
  login: string;
  userId: string;
  tokenGeneration: number;
  createdAt: string;
  expiresAt: string;
}

export interface SessionStore {
  create(session: Session): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<Session | null>;
}

/** A user marked dirty by one write (each write its own mark, so two writers never clear each other's). */
export interface DirtyMark {
  id: string;
  rev: string;
  userId: string;
  /** Server clock, ISO. */
  createdAt: string;
}

/** An entry written back: the new revision, or `conflict` when another writer changed it first. */
export type OutboxWrite = { ok: true; entry: OutboxEntry } | { ok: false; conflict: true };

/**
 * The durable outbox of deliveries to the provincial platform, and the
 * cursor of the province's change feed. Claims go through document revisions:
 * a write with a stale `_rev` is a conflict, never a second owner.
 */
export interface OutboxStore {
  /** Creates entries that do not exist yet; answers how many were new. */
  enqueue(entries: OutboxEntry[]): Promise<number>;
  /** The ids among `ids` with no entry (read by key, nothing written): the sweep creates only those. */
  findMissing(ids: string[]): Promise<Set<string>>;
  /**
   * Notes, before an application write that may make something forwardable,
   * that this user may soon owe the province entries; cleared by `clearDirty`
   * once they are queued. A mark left by a process killed in between sends the
   * periodic sweep to this user.
   */
  markDirty(userId: string, at: string): Promise<DirtyMark>;
  /** Removes the mark (a mark already gone is fine). */
  clearDirty(mark: DirtyMark): Promise<void>;
  /** Every mark still standing. */
  listDirty(): Promise<DirtyMark[]>;
  read(id: string): Promise<OutboxEntry | null>;
  /** Writes the entry with its `_rev`. */
  write(entry: OutboxEntry): Promise<OutboxWrite>;
  /** Pending entries due at `now` (ISO), oldest due first. */
  listDue(now: string, limit: number): Promise<OutboxEntry[]>;
  list(state?: OutboxState, limit?: number): Promise<OutboxEntry[]>;
  backlog(now: Date): Promise<OutboxBacklog>;
  /** Counts for metrics, cheap enough for every scrape (a reduce view, not a listing). */
  gauges(now: Date): Promise<OutboxGauges>;
  /** The province change-feed cursor and its revision. */
  readCursor(): Promise<{ cursor: string; rev?: string }>;
  /** false when another instance moved the cursor first. */
  writeCursor(cursor: string, rev: string | undefined): Promise<boolean>;
}

/** Everything the gateway keeps, behind one interface; gateway/store is the only place that knows CouchDB. */
export interface Store {
  readonly documents: DocumentStore;
  readonly registry: RegistryStore;
  readonly accounts: AccountStore;
  readonly sessions: SessionStore;
  readonly imports: ImportJournalStore;
  readonly materials: MaterialStore;
  readonly outbox: OutboxStore;
  readonly names: DbNames;
  /** The nano client, for tests and operator tools; the gateway itself goes through the stores above. */
  readonly couch: ServerScope;
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}
