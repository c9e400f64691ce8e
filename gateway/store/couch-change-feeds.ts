import type { ServerScope } from 'nano';
import { ChangeFanout } from './change-fanout.js';
import { DbUpdatesWatcher } from './couch-db-updates.js';
import { couchStatus, guardCouch } from './couch-errors.js';
import { isStoredDocument, type StoredDocument } from '../domain/stored-document.js';
import { ReadQueue } from './read-queue.js';
import type { ChangeFollower, ChangeHandlers } from './store.js';

export interface ChangeFeedOptions {
  /** At most this many reads of followed databases at once (beside the one `_db_updates` longpoll). */
  maxReads?: number;
  /**
   * Every followed database is also read at least this often, in case `_db_updates` lost an event;
   * one read since for any other reason (told, or a sweep) counts, so the sweep reads only the quiet ones.
   */
  sweepMs?: number;
  /** How often every followed database is read when the store has no `_db_updates`. */
  pollMs?: number;
  longpollMs?: number;
  /**
   * After `_db_updates` named databases, ask it again only this much later,
   * so a database written many times meanwhile is read once, not once per
   * write (TB_STREAM_COALESCE_MS). It is also the most a change waits, beyond
   * its read, to reach the streams while writes keep coming.
   */
  coalesceMs?: number;
}

export const DEFAULT_FEED_OPTIONS: Required<ChangeFeedOptions> = {
  maxReads: 8,
  sweepMs: 60_000,
  pollMs: 2_000,
  longpollMs: 30_000,
  coalesceMs: 200,
};
const READ_BATCH_SIZE = 100;
/** The safety sweep looks for databases due a read this many times per `sweepMs`, so its reads are spread, not one burst. */
const SWEEP_TICKS = 6;
const DB_UPDATES_RETRY_MS = 5_000;

/** One followed database: where its shared feed stands, and whether that is known yet. */
interface DbFeed {
  /** Opaque `_changes` position; null until the database's `update_seq` was read. */
  position: string | null;
  /** When its last read began (`Date.now()`): everything written before then was in it. */
  readAt: number;
  ready: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/** The store-wide part, alive while any database has a follower. */
interface Watch {
  /** Resolves once `_db_updates` has a position (or is known to be missing); never rejects. */
  ready: Promise<void>;
  watcher: DbUpdatesWatcher;
  sweep: NodeJS.Timeout | null;
  stopped: boolean;
}

/**
 * Live changes of many databases over a bounded number of store connections:
 * every stream of a database shares one feed of it (started by its first
 * follower, dropped with its last), and feeds are not longpolls of their own:
 * one `_db_updates` longpoll says which databases changed, and those are read
 * with ordinary `_changes` requests, at most `maxReads` at once. Under
 * constant writes `_db_updates` is asked at most once per `coalesceMs`, and
 * each database it names is read once per answer: one read at a time per
 * database, and a database told again while its read runs is read once more
 * after it, never more (the read may have begun before that write). Without
 * `_db_updates` every followed database is read every `pollMs`.
 *
 * Nothing is lost: a database's feed starts from its `update_seq`, read after
 * `_db_updates` took its own position, so whatever is written after a
 * follower is ready is either told by `_db_updates` or found by the sweep,
 * and read from the feed's own position. Changes may come twice (devices are
 * idempotent); positions are never parsed or compared.
 */
export class CouchChangeFeeds {
  private readonly fanout = new ChangeFanout();
  private readonly feeds = new Map<string, DbFeed>();
  private readonly queue: ReadQueue;
  private readonly options: Required<ChangeFeedOptions>;
  private watch: Watch | null = null;

  constructor(
    private readonly couch: ServerScope,
    options: ChangeFeedOptions = {},
  ) {
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.options = { ...DEFAULT_FEED_OPTIONS, ...given };
    this.queue = new ReadQueue(this.options.maxReads);
  }

  /** Follows `db` from its current end; resolves once anything written from now on will be delivered. */
  async follow(db: string, handlers: ChangeHandlers): Promise<ChangeFollower> {
    const watch = this.watch ?? this.startWatch();
    if (this.fanout.subscribe(db, handlers)) this.feeds.set(db, this.startFeed(db, watch));
    try {
      await this.feeds.get(db)!.ready;
    } catch (error) {
      this.unfollow(db, handlers);
      throw error;
    }
    return { stop: () => this.unfollow(db, handlers) };
  }

  /** Counts for tests and benchmarks. */
  stats(): { databases: number; followers: number; activeReads: number; watching: boolean } {
    return { databases: this.feeds.size, followers: this.fanout.followerCount(), activeReads: this.queue.active, watching: this.watch !== null };
  }

  private startFeed(db: string, watch: Watch): DbFeed {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const ready = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    ready.catch(() => undefined); // awaited by every follower; never an unhandled rejection
    const feed: DbFeed = { position: null, readAt: Date.now(), ready, resolve, reject };
    // The database's position is read only once `_db_updates` holds its own.
    void watch.ready.then(() => {
      if (this.feeds.get(db) === feed) this.mark(db);
    });
    return feed;
  }

  private unfollow(db: string, handlers: ChangeHandlers): void {
    if (this.fanout.unsubscribe(db, handlers)) this.dropFeed(db);
  }

  private dropFeed(db: string): void {
    this.feeds.delete(db);
    this.queue.forget(db);
    if (this.feeds.size === 0) this.stopWatch();
  }

  private startWatch(): Watch {
    const watcher = new DbUpdatesWatcher(
      this.couch,
      { onUpdated: (names) => names.forEach((name) => this.markIfStarted(name)), onGap: () => this.markAll() },
      { longpollMs: this.options.longpollMs, retryMs: DB_UPDATES_RETRY_MS, coalesceMs: this.options.coalesceMs },
    );
    const watch: Watch = { watcher, sweep: null, stopped: false, ready: Promise.resolve() };
    watch.ready = watcher.start().then((told) => {
      if (watch.stopped) return;
      watch.sweep = told ? setInterval(() => this.markDue(), this.options.sweepMs / SWEEP_TICKS) : setInterval(() => this.markAll(), this.options.pollMs);
      watch.sweep.unref();
    });
    this.watch = watch;
    return watch;
  }

  private stopWatch(): void {
    if (!this.watch) return;
    this.watch.stopped = true;
    this.watch.watcher.stop();
    if (this.watch.sweep) clearInterval(this.watch.sweep);
    this.watch = null;
  }

  private markAll(): void {
    for (const db of this.feeds.keys()) this.markIfStarted(db);
  }

  /**
   * The safety sweep: marks the databases whose last read began a sweep interval ago (within one tick),
   * so each is read at least once per `sweepMs` and one read because it was told needs no other.
   * Under a storm every database is told anyway and the sweep reads none.
   */
  private markDue(): void {
    const dueBefore = Date.now() - (this.options.sweepMs - this.options.sweepMs / SWEEP_TICKS);
    for (const [db, feed] of this.feeds) if (feed.readAt <= dueBefore) this.markIfStarted(db);
  }

  /** Only feeds that hold a position: a feed's first read is its `update_seq`, after `_db_updates` is ready. */
  private markIfStarted(db: string): void {
    if (this.feeds.get(db)?.position != null) this.mark(db);
  }

  private mark(db: string): void {
    this.queue.mark(db);
    this.pump();
  }

  private pump(): void {
    for (const db of this.queue.take()) {
      void this.read(db).finally(() => {
        this.queue.finish(db);
        this.pump();
      });
    }
  }

  private async read(db: string): Promise<void> {
    const feed = this.feeds.get(db);
    if (!feed) return;
    const current = () => this.feeds.get(db) === feed;
    feed.readAt = Date.now();
    try {
      const scope = this.couch.use<StoredDocument>(db);
      if (feed.position === null) {
        const info = await guardCouch(() => scope.info()).catch(notCreatedYet);
        if (!current()) return;
        // A database not created yet (its user's first write creates it) is followed from its beginning.
        feed.position = info === NOT_CREATED ? BEGINNING : String(info.update_seq);
        feed.resolve();
        return;
      }
      for (;;) {
        const since: string = feed.position!;
        const answer = await guardCouch(() => scope.changes({ since, limit: READ_BATCH_SIZE, include_docs: true })).catch((error: unknown): typeof NOT_CREATED => {
          if (since === BEGINNING) return notCreatedYet(error);
          throw error;
        });
        if (answer === NOT_CREATED) return;
        if (!current()) return;
        feed.position = String(answer.last_seq);
        const documents = answer.results.map((row) => (row as { doc?: unknown }).doc).filter(isStoredDocument);
        if (documents.length > 0) this.fanout.deliver(db, { documents, seq: feed.position });
        if (answer.results.length < READ_BATCH_SIZE) return;
      }
    } catch (error) {
      if (!current()) return;
      // The followers' streams end and their devices reconnect, resync and pull.
      if (feed.position === null) {
        feed.reject(error);
        this.fanout.forget(db);
      } else {
        this.fanout.fail(db, error);
      }
      this.dropFeed(db);
    }
  }
}

/** `since` of a feed that has read nothing yet. */
const BEGINNING = '0';
const NOT_CREATED = Symbol('not created yet');

/** A 404 is a database nobody has written to yet; anything else is a failed read. */
function notCreatedYet(error: unknown): typeof NOT_CREATED {
  if (couchStatus(error) === 404) return NOT_CREATED;
  throw error;
}
