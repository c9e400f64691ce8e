import type { ServerScope } from 'nano';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CouchChangeFeeds } from './couch-change-feeds.js';
import type { ChangeFollower, ChangeHandlers, ChangesPage } from './store.js';

/**
 * A store that answers `_db_updates`, `info` and `_changes` from memory,
 * records the order of the calls, and can hold reads to count them. A read
 * answers what was there when it was asked, as CouchDB's does: a write while
 * it is held is not in its answer.
 */
class FakeCouch {
  readonly calls: string[] = [];
  dbUpdates = true;
  failing = new Set<string>();
  /** Databases that answer 404 until their first write, as a user's database before that user wrote anything. */
  notCreated = new Set<string>();
  held: (() => void)[] = [];
  holdReads = false;
  active = 0;
  maxActive = 0;
  /** When each `_db_updates` longpoll was asked (`Date.now()`, so fake time under fake timers). */
  readonly longpollTimes: number[] = [];
  private readonly changes = new Map<string, { seq: number; id: string }[]>();
  private readonly updates: { seq: number; db: string }[] = [];
  private readonly longpolls = new Set<{ since: number; answer(): void }>();

  asNano(): ServerScope {
    return { request: (opts: never) => this.request(opts), use: (db: string) => this.use(db) } as unknown as ServerScope;
  }

  write(db: string, id: string): void {
    this.notCreated.delete(db);
    const rows = this.changes.get(db) ?? [];
    rows.push({ seq: rows.length + 1, id });
    this.changes.set(db, rows);
    this.updates.push({ seq: this.updates.length + 1, db });
    for (const poll of [...this.longpolls]) poll.answer();
  }

  /** A write `_db_updates` never tells (CouchDB may lose such an event): only a sweep finds it. */
  writeUnannounced(db: string, id: string): void {
    const rows = this.changes.get(db) ?? [];
    rows.push({ seq: rows.length + 1, id });
    this.changes.set(db, rows);
  }

  get openLongpolls(): number {
    return this.longpolls.size;
  }

  releaseReads(): void {
    for (const release of this.held.splice(0)) release();
  }

  private async request(opts: { db: string; qs: Record<string, string>; signal?: AbortSignal }): Promise<unknown> {
    if (opts.db !== '_db_updates') throw new Error(`unexpected request ${opts.db}`);
    if (!this.dbUpdates) throw Object.assign(new Error('bad request'), { statusCode: 400 });
    if (opts.qs.feed === 'normal') {
      this.calls.push('db_updates');
      if (this.holdReads) await new Promise<void>((release) => this.held.push(release));
      this.calls.push('db_updates answered');
      return { results: [], last_seq: `u${this.updates.length}` };
    }
    this.longpollTimes.push(Date.now());
    const since = Number(opts.qs.since.slice(1));
    return new Promise((resolve, reject) => {
      const poll = {
        since,
        answer: () => {
          this.longpolls.delete(poll);
          resolve({ results: this.updates.filter((u) => u.seq > since).map((u) => ({ db_name: u.db })), last_seq: `u${this.updates.length}` });
        },
      };
      if (this.updates.some((u) => u.seq > since)) return poll.answer();
      this.longpolls.add(poll);
      opts.signal?.addEventListener('abort', () => {
        this.longpolls.delete(poll);
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
    });
  }

  private use(db: string) {
    return {
      info: () =>
        this.read(db, 'info', () => {
          return { update_seq: `s${this.changes.get(db)?.length ?? 0}` };
        }),
      changes: (qs: { since: string; limit: number }) =>
        this.read(db, 'changes', () => {
          const rows = (this.changes.get(db) ?? []).filter((row) => row.seq > Number(qs.since.slice(1))).slice(0, qs.limit);
          const last = rows.length > 0 ? rows[rows.length - 1].seq : Number(qs.since.slice(1));
          return { results: rows.map((row) => ({ id: row.id, seq: `s${row.seq}`, doc: { _id: row.id, data: {} } })), last_seq: `s${last}` };
        }),
    };
  }

  private async read<T>(db: string, what: string, answer: () => T): Promise<T> {
    this.calls.push(`${what}:${db}`);
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      const answered = answer();
      if (this.holdReads) await new Promise<void>((release) => this.held.push(release));
      if (this.failing.has(db)) throw Object.assign(new Error('store failed'), { statusCode: 500 });
      if (this.notCreated.has(db)) throw Object.assign(new Error('not found'), { statusCode: 404 });
      return answered;
    } finally {
      this.active -= 1;
    }
  }
}

function recorder(): ChangeHandlers & { pages: ChangesPage[]; errors: unknown[]; ids(): string[] } {
  const pages: ChangesPage[] = [];
  const errors: unknown[] = [];
  return { pages, errors, onChange: (page) => pages.push(page), onError: (error) => errors.push(error), ids: () => pages.flatMap((p) => p.documents.map((d) => d._id)) };
}

describe('CouchChangeFeeds', () => {
  const followers: ChangeFollower[] = [];
  afterEach(() => {
    for (const follower of followers.splice(0)) follower.stop();
  });
  const follow = async (feeds: CouchChangeFeeds, db: string, handlers: ChangeHandlers) => {
    const follower = await feeds.follow(db, handlers);
    followers.push(follower);
    return follower;
  };

  it('should take the _db_updates position before the database’s own, so nothing written after follow resolves is missed', async () => {
    const couch = new FakeCouch();
    couch.holdReads = true;
    const feeds = new CouchChangeFeeds(couch.asNano());
    const alice = recorder();
    const following = follow(feeds, 'db-alice', alice);
    await vi.waitFor(() => expect(couch.held.length).toBe(1));
    couch.releaseReads();
    await vi.waitFor(() => expect(couch.held.length).toBe(1));
    couch.holdReads = false;
    couch.releaseReads();
    await following;
    expect(couch.calls.slice(0, 3)).toEqual(['db_updates', 'db_updates answered', 'info:db-alice']);
    couch.write('db-alice', 'doc1');
    await vi.waitFor(() => expect(alice.ids()).toEqual(['doc1']));
  });

  it('should not resolve follow before the database’s position is known', async () => {
    const couch = new FakeCouch();
    const feeds = new CouchChangeFeeds(couch.asNano());
    couch.holdReads = true;
    let resolved = false;
    const pending = feeds.follow('db-alice', recorder()).then((follower) => {
      resolved = true;
      followers.push(follower);
    });
    await vi.waitFor(() => expect(couch.held.length).toBe(1));
    couch.releaseReads(); // `_db_updates` answers; the database's `info` is then held
    await vi.waitFor(() => expect(couch.calls).toContain('info:db-alice'));
    expect(resolved).toBe(false);
    couch.holdReads = false;
    couch.releaseReads();
    await pending;
    expect(resolved).toBe(true);
  });

  it('should share one feed among the followers of a database and deliver each change to all of them', async () => {
    const couch = new FakeCouch();
    const feeds = new CouchChangeFeeds(couch.asNano());
    const [a, b] = [recorder(), recorder()];
    await follow(feeds, 'db-guides', a);
    await follow(feeds, 'db-guides', b);
    expect(couch.calls.filter((call) => call.startsWith('info:'))).toEqual(['info:db-guides']);
    couch.write('db-guides', 'g1');
    await vi.waitFor(() => expect(b.ids()).toEqual(['g1']));
    expect(a.ids()).toEqual(['g1']);
    expect(couch.calls.filter((call) => call.startsWith('changes:'))).toHaveLength(1);
    expect(b.pages[0].seq).toBe('s1');
  });

  it('should read only the databases _db_updates names', async () => {
    const couch = new FakeCouch();
    const feeds = new CouchChangeFeeds(couch.asNano());
    const [a, b] = [recorder(), recorder()];
    await follow(feeds, 'db-a', a);
    await follow(feeds, 'db-b', b);
    couch.write('db-a', 'a1');
    await vi.waitFor(() => expect(a.ids()).toEqual(['a1']));
    expect(couch.calls).not.toContain('changes:db-b');
    expect(b.pages).toEqual([]);
  });

  it('should hold one _db_updates longpoll while anyone follows and none once the last follower left', async () => {
    const couch = new FakeCouch();
    const feeds = new CouchChangeFeeds(couch.asNano());
    const first = await feeds.follow('db-a', recorder());
    const second = await feeds.follow('db-b', recorder());
    await vi.waitFor(() => expect(couch.openLongpolls).toBe(1));
    first.stop();
    expect(feeds.stats().watching).toBe(true);
    second.stop();
    expect(feeds.stats()).toMatchObject({ databases: 0, followers: 0, watching: false });
    await vi.waitFor(() => expect(couch.openLongpolls).toBe(0));
    const again = recorder();
    await follow(feeds, 'db-a', again);
    couch.write('db-a', 'a1');
    await vi.waitFor(() => expect(again.ids()).toEqual(['a1']));
  });

  it('should never read more databases at once than its limit', async () => {
    const couch = new FakeCouch();
    couch.holdReads = true;
    const feeds = new CouchChangeFeeds(couch.asNano(), { maxReads: 3 });
    const pending = Array.from({ length: 20 }, (_, i) => feeds.follow(`db-${i}`, recorder()));
    for (let released = 0; released < 20;) {
      await vi.waitFor(() => expect(couch.held.length).toBeGreaterThan(0));
      released += couch.held.length;
      couch.releaseReads();
    }
    followers.push(...(await Promise.all(pending)));
    expect(couch.maxActive).toBe(3);
  });

  it('should poll every followed database when the store has no _db_updates', async () => {
    const couch = new FakeCouch();
    couch.dbUpdates = false;
    const feeds = new CouchChangeFeeds(couch.asNano(), { pollMs: 20 });
    const alice = recorder();
    await follow(feeds, 'db-alice', alice);
    couch.write('db-alice', 'doc1');
    await vi.waitFor(() => expect(alice.ids()).toEqual(['doc1']));
  });

  it('should end the followers of a database whose read fails and keep the others', async () => {
    const couch = new FakeCouch();
    const feeds = new CouchChangeFeeds(couch.asNano());
    const [gone, kept] = [recorder(), recorder()];
    await follow(feeds, 'db-gone', gone);
    await follow(feeds, 'db-kept', kept);
    couch.failing.add('db-gone');
    couch.write('db-gone', 'x');
    await vi.waitFor(() => expect(gone.errors).toHaveLength(1));
    expect(feeds.stats().databases).toBe(1);
    couch.write('db-kept', 'k1');
    await vi.waitFor(() => expect(kept.ids()).toEqual(['k1']));
  });

  it('should refuse a follower whose database cannot be read, and let the next one try again', async () => {
    const couch = new FakeCouch();
    const feeds = new CouchChangeFeeds(couch.asNano());
    couch.failing.add('db-a');
    await expect(feeds.follow('db-a', recorder())).rejects.toThrow(/store failed/);
    expect(feeds.stats()).toMatchObject({ databases: 0, followers: 0, watching: false });
    couch.failing.delete('db-a');
    await follow(feeds, 'db-a', recorder());
    expect(feeds.stats().databases).toBe(1);
  });
});

describe('CouchChangeFeeds on a database not created yet', () => {
  it('should follow it from its beginning and deliver its first write', async () => {
    const couch = new FakeCouch();
    couch.notCreated.add('db-new');
    const feeds = new CouchChangeFeeds(couch.asNano());
    const fresh = recorder();
    const follower = await feeds.follow('db-new', fresh);
    couch.write('db-new', 'first');
    await vi.waitFor(() => expect(fresh.ids()).toEqual(['first']));
    expect(fresh.errors).toEqual([]);
    follower.stop();
  });
});

describe('CouchChangeFeeds options', () => {
  it('should keep the default read limit for an option given as undefined', () => {
    expect(() => new CouchChangeFeeds(new FakeCouch().asNano(), { maxReads: undefined })).not.toThrow();
  });
});

describe('CouchChangeFeeds under constant writes', () => {
  const followers: ChangeFollower[] = [];
  afterEach(() => {
    for (const follower of followers.splice(0)) follower.stop();
    vi.useRealTimers();
  });
  const changesReads = (couch: FakeCouch, db: string) => couch.calls.filter((call) => call === `changes:${db}`).length;
  const start = async (couch: FakeCouch, dbs: string[], coalesceMs = 200) => {
    vi.useFakeTimers();
    const feeds = new CouchChangeFeeds(couch.asNano(), { coalesceMs });
    const recorders = dbs.map(() => recorder());
    for (const [i, db] of dbs.entries()) followers.push(await feeds.follow(db, recorders[i]));
    return recorders;
  };

  it('should read a database written 50 times in a burst at most twice', async () => {
    const couch = new FakeCouch();
    const [alice] = await start(couch, ['db-alice']);
    for (let i = 0; i < 50; i++) {
      couch.write('db-alice', `doc${i}`);
      await vi.advanceTimersByTimeAsync(2);
    }
    await vi.waitFor(() => expect(alice.ids()).toHaveLength(50));
    expect(new Set(alice.ids()).size).toBe(50);
    expect(changesReads(couch, 'db-alice')).toBeLessThanOrEqual(2);
  });

  it('should ask _db_updates at most once per pause while writes keep coming', async () => {
    const couch = new FakeCouch();
    const [a, b] = await start(couch, ['db-a', 'db-b']);
    const asked = couch.longpollTimes.length;
    for (let i = 0; i < 100; i++) {
      couch.write(i % 2 === 0 ? 'db-a' : 'db-b', `doc${i}`);
      await vi.advanceTimersByTimeAsync(10); // 100 writes over 1 s
    }
    await vi.waitFor(() => expect(a.ids().length + b.ids().length).toBe(100));
    expect(couch.longpollTimes.length - asked).toBeLessThanOrEqual(1 + 1_000 / 200 + 1);
    expect(changesReads(couch, 'db-a')).toBeLessThanOrEqual(7);
  });

  it('should space the longpolls that follow answers naming databases by the pause', async () => {
    const couch = new FakeCouch();
    const [alice] = await start(couch, ['db-alice'], 150);
    const before = couch.longpollTimes.length;
    for (let i = 0; i < 60; i++) {
      couch.write('db-alice', `doc${i}`);
      await vi.advanceTimersByTimeAsync(7);
    }
    await vi.waitFor(() => expect(alice.ids()).toHaveLength(60));
    // Every one of these longpolls was answered at once with a name: each next one waited the pause.
    const asked = couch.longpollTimes.slice(before);
    expect(asked.length).toBeGreaterThan(2);
    for (let i = 1; i < asked.length; i++) expect(asked[i] - asked[i - 1]).toBeGreaterThanOrEqual(150);
  });

  it('should deliver a write made while its database’s read is in flight, with one more read and no more', async () => {
    const couch = new FakeCouch();
    const [alice] = await start(couch, ['db-alice']);
    couch.holdReads = true;
    couch.write('db-alice', 'before');
    await vi.waitFor(() => expect(couch.held).toHaveLength(1));
    for (let i = 0; i < 20; i++) {
      couch.write('db-alice', `during${i}`); // after the held read took its answer
      await vi.advanceTimersByTimeAsync(50);
    }
    couch.holdReads = false;
    couch.releaseReads();
    await vi.waitFor(() => expect(alice.ids()).toHaveLength(21));
    expect(alice.ids()[0]).toBe('before');
    expect(changesReads(couch, 'db-alice')).toBe(2);
  });

  it('should deliver the first write after a quiet spell without waiting for a pause', async () => {
    const couch = new FakeCouch();
    const [alice] = await start(couch, ['db-alice']);
    const asked = Date.now();
    couch.write('db-alice', 'first');
    await vi.waitFor(() => expect(alice.ids()).toEqual(['first']), { interval: 1 });
    expect(Date.now() - asked).toBeLessThan(200);
  });

  it('should ask _db_updates again at once when the pause is 0', async () => {
    const couch = new FakeCouch();
    const [alice] = await start(couch, ['db-alice'], 0);
    const asked = Date.now();
    couch.write('db-alice', 'one');
    await vi.waitFor(() => expect(alice.ids()).toEqual(['one']), { interval: 1 });
    couch.write('db-alice', 'two');
    await vi.waitFor(() => expect(alice.ids()).toEqual(['one', 'two']), { interval: 1 });
    expect(Date.now() - asked).toBeLessThan(200);
  });
});

describe('CouchChangeFeeds safety sweep', () => {
  const followers: ChangeFollower[] = [];
  afterEach(() => {
    for (const follower of followers.splice(0)) follower.stop();
    vi.useRealTimers();
  });
  const changesReads = (couch: FakeCouch, db: string) => couch.calls.filter((call) => call === `changes:${db}`).length;
  const start = async (couch: FakeCouch, dbs: string[]) => {
    vi.useFakeTimers();
    const feeds = new CouchChangeFeeds(couch.asNano(), { sweepMs: 60_000, coalesceMs: 0 });
    const recorders = dbs.map(() => recorder());
    for (const [i, db] of dbs.entries()) followers.push(await feeds.follow(db, recorders[i]));
    return recorders;
  };

  it('should find a write _db_updates never told within one sweep interval', async () => {
    const couch = new FakeCouch();
    const [alice] = await start(couch, ['db-alice']);
    couch.writeUnannounced('db-alice', 'lost-event');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(alice.ids()).toEqual(['lost-event']);
  });

  it('should not read again on the sweep a database read within the last sweep interval, and read it once that interval has passed', async () => {
    const couch = new FakeCouch();
    const [alice] = await start(couch, ['db-alice', 'db-bob']);
    await vi.advanceTimersByTimeAsync(45_000);
    couch.write('db-alice', 'told');
    await vi.advanceTimersByTimeAsync(10_500);
    expect(alice.ids()).toEqual(['told']);
    // About a minute in, only bob, read at the start and never since, is due.
    expect(changesReads(couch, 'db-alice')).toBe(1);
    expect(changesReads(couch, 'db-bob')).toBe(1);
    couch.writeUnannounced('db-alice', 'lost-event');
    await vi.advanceTimersByTimeAsync(50_000);
    expect(alice.ids()).toEqual(['told', 'lost-event']);
    expect(changesReads(couch, 'db-alice')).toBe(2);
  });
});
