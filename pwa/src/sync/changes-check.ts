import type { Checkpoint, CollectionName, FeedCheckpoint } from '../../../sync-protocol/index.js';
import type { GatewayClient } from '../../../device-core/client/gateway-client.js';

/** How long the first feed to ask waits for the others before the question goes out alone, in ms. */
export const CHANGES_WINDOW_MS = 100;

/** A feed as the device follows it: a collection, and for guides one area. */
export interface FeedRef {
  collection: CollectionName;
  area?: string;
}

interface Waiting {
  feed: FeedRef;
  since: Checkpoint | undefined;
  resolve: (changed: boolean) => void;
}

/**
 * "Anything new?" for every feed at once. Each feed's pull handler asks
 * {@link hasChanges} before it pulls; the questions of one sync (a start,
 * the network coming back, the page becoming visible) are gathered into one
 * `POST /v1/sync/changes`, sent as soon as every running feed has asked or
 * {@link CHANGES_WINDOW_MS} after the first, and only the feeds with changes
 * then pull. A sync with nothing to do is one request.
 *
 * The answer is advisory: a feed without a checkpoint, or any failure of the
 * question (offline, an expired token, an old gateway), answers "pull", and
 * the pull then fails or succeeds as it always did. A feed the gateway calls
 * unknown (an area it no longer publishes) answers "nothing to pull": its
 * pull could only be refused, and the other feeds of the question were
 * answered as usual.
 */
export class ChangesCheck {
  private waiting: Waiting[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    /** The client to ask with: the signed-in one when a private feed is among the feeds, else the anonymous one. */
    private readonly clientFor: (feeds: FeedCheckpoint[]) => GatewayClient,
    /** How many feeds are running now: the gathering stops waiting once that many asked. */
    private readonly runningFeeds: () => number,
    private readonly windowMs = CHANGES_WINDOW_MS,
  ) {}

  /** Resolves false when the gateway said the feed has nothing after `since`, true otherwise. */
  hasChanges(feed: FeedRef, since: Checkpoint | undefined): Promise<boolean> {
    return new Promise((resolve) => {
      this.waiting.push({ feed, since, resolve });
      if (this.waiting.length >= this.runningFeeds()) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    this.waiting = [];
    void this.ask(batch);
  }

  private async ask(batch: Waiting[]): Promise<void> {
    const asked = batch.filter((w) => w.since !== undefined);
    for (const w of batch) if (w.since === undefined) w.resolve(true);
    if (asked.length === 0) return;
    const feeds: FeedCheckpoint[] = asked.map((w) => ({ collection: w.feed.collection, ...(w.feed.area ? { area: w.feed.area } : {}), since: w.since!.seq }));
    try {
      // `unknown` feeds are not in `changed`: they answer false like feeds without news.
      const { changed } = await this.clientFor(feeds).changes(feeds);
      const marked = new Set(changed);
      asked.forEach((w, index) => w.resolve(marked.has(index)));
    } catch {
      for (const w of asked) w.resolve(true);
    }
  }
}
