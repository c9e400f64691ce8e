import type { ServerScope } from 'nano';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DbUpdatesWatcher } from './couch-db-updates.js';

interface Asked {
  qs: Record<string, string>;
  at: number;
  answer(body: unknown): void;
  fail(error: unknown): void;
}

/** A `_db_updates` whose every request waits until the test answers it. */
class ScriptedDbUpdates {
  readonly asked: Asked[] = [];

  asNano(): ServerScope {
    return {
      request: (opts: { db: string; qs: Record<string, string> }) =>
        new Promise((resolve, reject) => {
          if (opts.db !== '_db_updates') throw new Error(`unexpected request ${opts.db}`);
          this.asked.push({ qs: opts.qs, at: Date.now(), answer: resolve, fail: reject });
        }),
    } as unknown as ServerScope;
  }

  get last(): Asked {
    return this.asked[this.asked.length - 1];
  }
}

describe('DbUpdatesWatcher', () => {
  const watchers: DbUpdatesWatcher[] = [];
  afterEach(() => {
    for (const watcher of watchers.splice(0)) watcher.stop();
    vi.useRealTimers();
  });
  const start = async (coalesceMs: number) => {
    vi.useFakeTimers();
    const couch = new ScriptedDbUpdates();
    const told: string[][] = [];
    const gaps: number[] = [];
    const watcher = new DbUpdatesWatcher(
      couch.asNano(),
      { onUpdated: (names) => told.push(names), onGap: () => gaps.push(Date.now()) },
      { longpollMs: 30_000, retryMs: 5_000, coalesceMs },
    );
    watchers.push(watcher);
    const started = watcher.start();
    await vi.waitFor(() => expect(couch.asked).toHaveLength(1));
    couch.last.answer({ results: [], last_seq: 'opaque-0' });
    expect(await started).toBe(true);
    await vi.waitFor(() => expect(couch.asked).toHaveLength(2));
    return { couch, told, gaps, watcher };
  };

  it('should tell each database an answer names once, and hand its position back untouched', async () => {
    const { couch, told } = await start(200);
    expect(couch.last.qs).toMatchObject({ feed: 'longpoll', since: 'opaque-0' });
    couch.last.answer({ results: [{ db_name: 'a' }, { db_name: 'b' }, { db_name: 'a' }, { db_name: 7 }], last_seq: '9-g1AAAA' });
    await vi.waitFor(() => expect(told).toEqual([['a', 'b']]));
    await vi.advanceTimersByTimeAsync(200);
    expect(couch.last.qs).toMatchObject({ feed: 'longpoll', since: '9-g1AAAA' });
  });

  it('should wait the pause after an answer naming databases, and not after an empty one', async () => {
    const { couch } = await start(200);
    couch.last.answer({ results: [{ db_name: 'a' }], last_seq: 's1' });
    await vi.advanceTimersByTimeAsync(199);
    expect(couch.asked).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(couch.asked).toHaveLength(3);
    // A longpoll that timed out named nothing: the next one goes at once.
    couch.last.answer({ results: [], last_seq: 's1' });
    await vi.waitFor(() => expect(couch.asked).toHaveLength(4), { interval: 1 });
    expect(couch.asked[3].at - couch.asked[2].at).toBeLessThan(5);
  });

  it('should ask again at once when the pause is 0', async () => {
    const { couch, told } = await start(0);
    const asked = Date.now();
    for (let i = 1; i <= 5; i++) {
      couch.last.answer({ results: [{ db_name: 'a' }], last_seq: `s${i}` });
      await vi.waitFor(() => expect(couch.asked).toHaveLength(2 + i), { interval: 1 });
    }
    expect(told).toHaveLength(5);
    expect(Date.now() - asked).toBeLessThan(50);
  });

  it('should stop during a pause without asking again', async () => {
    const { couch, watcher } = await start(200);
    couch.last.answer({ results: [{ db_name: 'a' }], last_seq: 's1' });
    await vi.advanceTimersByTimeAsync(50);
    watcher.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(couch.asked).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('should take a fresh position and report a gap after a failed longpoll', async () => {
    const { couch, gaps } = await start(200);
    couch.last.fail(Object.assign(new Error('store failed'), { statusCode: 500 }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(couch.last.qs).toMatchObject({ feed: 'normal', since: 'now' });
    couch.last.answer({ results: [], last_seq: 'fresh' });
    await vi.waitFor(() => expect(gaps).toHaveLength(1));
    await vi.waitFor(() => expect(couch.last.qs).toMatchObject({ feed: 'longpoll', since: 'fresh' }));
  });
});
