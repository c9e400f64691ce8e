import type { MangoQuery, MangoSelector, ServerScope } from 'nano';
import type { CollectionName } from '../../sync-protocol/index.js';
import { Problem } from '../problem.js';
import { bulkAnswersInRequestOrder } from './bulk-answers.js';
import { CouchChangeFeeds, type ChangeFeedOptions } from './couch-change-feeds.js';
import type { CouchDatabases } from './couch-databases.js';
import { couchStatus, guardCouch } from './couch-errors.js';
import type { DbNames } from './db-names.js';
import { isStoredDocument, type StoredDocument } from '../domain/stored-document.js';
import type { ChangeFollower, ChangeHandlers, ChangesPage, DocumentScope, DocumentStore, IdPage, WriteOutcome } from './store.js';

/**
 * Mango indexes created with each applications database, both ending in
 * `_id` so that every query pages by key (`_id > last`): the embedded store
 * gives no bookmark and `skip` reads everything it skips, so a bookmark loop
 * saw only the first page. `awaiting` holds what waits for a material;
 * `forwardable` the complete ones by lifecycle, so the sweep never reads drafts.
 */
const AWAITING_INDEX = 'materials-complete-by-id';
const FORWARDABLE_INDEX = 'forwardable-by-id';
const APPLICATION_INDEXES = [
  { name: AWAITING_INDEX, fields: ['materialsComplete', '_id'] },
  { name: FORWARDABLE_INDEX, fields: ['materialsComplete', 'data.lifecycle', '_id'] },
];
const COMPLETENESS_PAGE = 500;

interface ChangesRow {
  id: string;
  seq: unknown;
  doc?: unknown;
}

/**
 * Replicated documents in CouchDB: `areas` in one shared database, `guides`
 * in one database per area, private collections in per-user databases.
 */
export class CouchDocumentStore implements DocumentStore {
  private readonly indexed = new Set<string>();
  private readonly feeds: CouchChangeFeeds;

  constructor(
    private readonly couch: ServerScope,
    private readonly names: DbNames,
    private readonly databases: CouchDatabases,
    feedOptions: ChangeFeedOptions = {},
  ) {
    this.feeds = new CouchChangeFeeds(couch, feedOptions);
  }

  async pullChanges(scope: DocumentScope, since: string, limit: number): Promise<ChangesPage> {
    const db = this.couch.use<StoredDocument>(await this.dbFor(scope));
    const documents: StoredDocument[] = [];
    let seq = since;
    // Design docs are skipped; keep reading so "fewer than limit" still means caught up.
    for (;;) {
      const want = limit - documents.length;
      const answer = await guardCouch(() => db.changes({ since: seq, limit: want, include_docs: true })).catch(rethrowBadSince);
      seq = String(answer.last_seq);
      const rows = answer.results as ChangesRow[];
      for (const row of rows) if (isStoredDocument(row.doc)) documents.push(row.doc);
      if (rows.length < want || documents.length >= limit) return { documents, seq };
    }
  }

  async readDocuments(scope: DocumentScope, ids: string[]): Promise<Map<string, StoredDocument>> {
    const found = new Map<string, StoredDocument>();
    if (ids.length === 0) return found;
    // No dbFor (create + index per database and process): reads and writes on the push path go straight to the store.
    const db = this.couch.use<StoredDocument>(this.nameFor(scope));
    const rows = await this.databases.readRowsOrNone(() => db.fetch({ keys: ids }));
    for (const row of rows) {
      const doc = (row as { doc?: unknown }).doc;
      if (isStoredDocument(doc)) found.set(doc._id, doc);
    }
    return found;
  }

  async writeDocuments(scope: DocumentScope, docs: StoredDocument[]): Promise<WriteOutcome[]> {
    if (docs.length === 0) return [];
    const name = this.nameFor(scope);
    const db = this.couch.use<StoredDocument>(name);
    // The Mango index of applications is made by dbFor before its first query in this process, not here.
    // Outcomes in the order of `docs`: callers pair them by position.
    const answer = bulkAnswersInRequestOrder(docs, await this.databases.writeCreating(name, () => db.bulk({ docs })));
    return answer.map((row, i): WriteOutcome => {
      const id = docs[i]._id;
      if (row?.rev && !row.error) return { id, ok: true, rev: row.rev };
      return { id, ok: false, conflict: row?.error === 'conflict', reason: row?.reason ?? row?.error ?? 'the store gave no answer for this document' };
    });
  }

  /** Shares one feed per database among its streams, over a bounded number of store connections. */
  async followChanges(scope: DocumentScope, handlers: ChangeHandlers): Promise<ChangeFollower> {
    // No dbFor: a stream neither creates its database nor builds its indexes (a store request each, per stream);
    // the feed follows a database not created yet from its beginning.
    return this.feeds.follow(this.nameFor(scope), handlers);
  }

  async listAreaPartitions(collection: CollectionName): Promise<string[]> {
    if (collection !== 'guides') return [];
    const prefix = this.names.guidesPrefix;
    // Only the guides range: with a database per user, _all_dbs can be very long.
    // nano JSON-encodes startkey/endkey itself: encoding them here too made Apache
    // CouchDB answer [] (issue 11). The embedded store ignores the keys, hence the filter.
    const qs = { startkey: prefix, endkey: `${prefix}\ufff0` };
    const names = await guardCouch(() => this.couch.request({ db: '_all_dbs', qs }) as Promise<string[]>);
    return names.filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length));
  }

  async listAwaitingMaterials(userId: string): Promise<StoredDocument[]> {
    return this.findAll((page) => this.findByCompleteness(userId, false, page));
  }

  listComplete(userId: string, page?: IdPage): Promise<StoredDocument[]> {
    if (page) return this.findByCompleteness(userId, true, page);
    return this.findAll((next) => this.findByCompleteness(userId, true, next));
  }

  private async findAll(find: (page: IdPage) => Promise<StoredDocument[]>): Promise<StoredDocument[]> {
    const found: StoredDocument[] = [];
    for (let after: string | undefined; ;) {
      const docs = await find({ after, limit: COMPLETENESS_PAGE });
      found.push(...docs);
      if (docs.length < COMPLETENESS_PAGE) return found;
      after = docs[docs.length - 1]._id;
    }
  }

  /**
   * One page of applications by completeness (complete ones: submitted only), in `_id` order after `page.after`.
   * The embedded store answers `$gt` on an index's last field inclusively, so one more is asked for and the
   * boundary dropped here: fewer than `limit` still means the end, on both stores.
   */
  private async findByCompleteness(userId: string, complete: boolean, page: IdPage): Promise<StoredDocument[]> {
    const db = this.couch.use<StoredDocument>(await this.dbFor({ collection: 'applications', userId }));
    const byId: MangoSelector = page.after === undefined ? {} : { _id: { $gt: page.after } };
    const query: MangoQuery = complete
      ? {
          selector: { materialsComplete: true, 'data.lifecycle': 'submitted', ...byId },
          sort: [{ materialsComplete: 'asc' }, { 'data.lifecycle': 'asc' }, { _id: 'asc' }],
          use_index: FORWARDABLE_INDEX,
          limit: page.limit + 1,
        }
      : { selector: { materialsComplete: false, ...byId }, sort: [{ materialsComplete: 'asc' }, { _id: 'asc' }], use_index: AWAITING_INDEX, limit: page.limit + 1 };
    const answer = await guardCouch(() => db.find(query));
    const after = page.after;
    return answer.docs.filter((doc) => isStoredDocument(doc) && (after === undefined || doc._id > after)).slice(0, page.limit);
  }

  /** The database of a scope, without creating it. */
  private nameFor(scope: DocumentScope): string {
    if (scope.collection === 'areas') return this.names.areas;
    if (scope.collection === 'guides') {
      if (!scope.area) throw new Error('The guides collection needs an area');
      return this.names.guidesDb(scope.area);
    }
    if (!scope.userId) throw new Error(`The ${scope.collection} collection needs a user`);
    return this.names.userDb(scope.userId, scope.collection);
  }

  private async dbFor(scope: DocumentScope): Promise<string> {
    if (scope.collection === 'areas') return this.databases.ensure(this.names.areas);
    if (scope.collection === 'guides') {
      if (!scope.area) throw new Error('The guides collection needs an area');
      return this.databases.ensure(this.names.guidesDb(scope.area));
    }
    if (!scope.userId) throw new Error(`The ${scope.collection} collection needs a user`);
    const name = await this.databases.ensure(this.names.userDb(scope.userId, scope.collection));
    if (scope.collection === 'applications' && !this.indexed.has(name)) {
      // Idempotent: CouchDB answers `exists` for an index it already has.
      for (const index of APPLICATION_INDEXES) {
        await guardCouch(() => this.couch.use(name).createIndex({ index: { fields: index.fields }, name: index.name, ddoc: index.name, type: 'json' }));
      }
      this.indexed.add(name);
    }
    return name;
  }
}

function rethrowBadSince(error: unknown): never {
  if (couchStatus(error) === 400) throw new Problem('INVALID_REQUEST', { field: 'since', detail: 'unknown checkpoint', cause: error });
  throw error;
}
