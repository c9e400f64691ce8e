import type { ServerScope } from 'nano';

export interface DbUpdatesHandlers {
  /** These databases changed (names may repeat, and a change may be told twice). */
  onUpdated(dbNames: string[]): void;
  /** News may have been missed (the feed failed and was reopened): every followed database must be read. */
  onGap(): void;
}

export interface DbUpdatesOptions {
  longpollMs: number;
  /** Wait before reopening the feed after a failure; the periodic sweep delivers meanwhile. */
  retryMs: number;
  /**
   * After an answer that named databases, wait this long before asking
   * again: under constant writes a longpoll answers at once, so without the
   * pause the feed turns into a loop of one request per write. Whatever is
   * written during the pause is told by the next answer, each database once.
   * 0: ask again at once.
   */
  coalesceMs: number;
}

interface DbUpdatesAnswer {
  results?: { db_name?: unknown }[];
  last_seq?: unknown;
}

/**
 * One `_db_updates` longpoll for the whole store: which databases changed,
 * so followed databases are read only when they have news, over one
 * connection instead of one longpoll per database. Only a hint: every
 * follower reads its database from its own position, so an event lost or
 * told twice costs a late or an extra read, never a change. The position is
 * opaque (never parsed or compared) and only handed back as `since`.
 *
 * One request is outstanding at a time. An answer that named databases is
 * followed by a pause of `coalesceMs`, so a burst of writes costs one
 * request per pause, not one per write, and every database it names is
 * told once.
 */
export class DbUpdatesWatcher {
  private since: string | null = null;
  private stopped = false;
  private abort: AbortController | null = null;
  private pauseTimer: NodeJS.Timeout | null = null;
  private wakePause: (() => void) | null = null;

  constructor(
    private readonly couch: ServerScope,
    private readonly handlers: DbUpdatesHandlers,
    private readonly options: DbUpdatesOptions,
  ) {}

  /**
   * Takes the feed's current position and starts following from it; false
   * when the store has no usable `_db_updates` (then the caller polls).
   * Anything written after this resolves is told.
   */
  async start(): Promise<boolean> {
    if (!(await this.openPosition())) return false;
    void this.follow();
    return true;
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    this.wakePause?.();
  }

  private async openPosition(): Promise<boolean> {
    try {
      const answer = await this.ask({ feed: 'normal', since: 'now' });
      if (answer.last_seq === undefined) return false;
      this.since = String(answer.last_seq);
      return true;
    } catch {
      return false;
    }
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        const answer = await this.ask({ feed: 'longpoll', since: this.since!, timeout: String(this.options.longpollMs) });
        if (this.stopped) return;
        if (answer.last_seq !== undefined) this.since = String(answer.last_seq);
        const names = updatedNames(answer);
        if (names.length === 0) continue;
        this.handlers.onUpdated(names);
        // Written meanwhile is told by the next answer: the position above was taken before it.
        await this.pause(this.options.coalesceMs);
      } catch {
        if (this.stopped) return;
        await this.pause(this.options.retryMs);
        // A fresh position, then a read of everything: nothing written in between is missed.
        while (!this.stopped && !(await this.openPosition())) await this.pause(this.options.retryMs);
        if (!this.stopped) this.handlers.onGap();
      }
    }
  }

  private ask(qs: Record<string, string>): Promise<DbUpdatesAnswer> {
    this.abort = new AbortController();
    return this.couch.request({ db: '_db_updates', qs, signal: this.abort.signal } as never) as Promise<DbUpdatesAnswer>;
  }

  /** Waits `ms` (none for 0); `stop()` ends the wait at once. */
  private pause(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.wakePause = resolve;
      this.pauseTimer = setTimeout(resolve, ms);
      this.pauseTimer.unref();
    });
  }
}

/** The databases an answer names, each once (CouchDB may name one several times). */
function updatedNames(answer: DbUpdatesAnswer): string[] {
  const names = new Set<string>();
  for (const row of answer.results ?? []) if (typeof row.db_name === 'string') names.add(row.db_name);
  return [...names];
}
