import { COLLECTIONS, type Checkpoint, type CollectionName, type WireDocument } from '../../sync-protocol/index.js';

export type Doc = WireDocument<Record<string, unknown>>;

/**
 * One feed of the memory gateway: a public collection (guides: one feed per
 * area), or one user's private collection, as the gateway keeps a database
 * per user.
 */
export interface Feed {
  collection: CollectionName;
  /** The owner of a private collection's documents; ignored for public ones. */
  user: string;
  /** The area of a collection partitioned by area. */
  area?: string;
}

type Follower = { feed: Feed; onChange(documents: Doc[], checkpoint: Checkpoint): void };

/** A document's id: its collection's primary key (`code` for areas, `id` otherwise). */
export function idOf(collection: CollectionName, doc: Record<string, unknown>): string {
  const id = doc[COLLECTIONS[collection].schema.primaryKey];
  return typeof id === 'string' ? id : '';
}

/**
 * The memory gateway's storage: every document with the sequence number of
 * its last write (one counter for all, the checkpoints are its values as
 * strings), who owns each private id, and who follows which feed live.
 */
export function createMemoryGatewayStore() {
  let seq = 0;
  const entries = new Map<string, { doc: Doc; seq: number }>();
  /** Private ids by collection, and the user that claimed each first (the gateway's registry). */
  const owners = new Map<string, string>();
  const followers = new Set<Follower>();

  const isPrivate = (collection: CollectionName) => !COLLECTIONS[collection].public;
  const prefix = (feed: Feed) => `${feed.collection}/${isPrivate(feed.collection) ? feed.user : ''}/`;
  const inFeed = (feed: Feed, doc: Doc) => !COLLECTIONS[feed.collection].partitionedByArea || doc.areaCode === feed.area;
  const feedKeys = (feed: Feed) => [...entries.entries()].filter(([key, entry]) => key.startsWith(prefix(feed)) && inFeed(feed, entry.doc));

  return {
    read(feed: Feed, id: string): Doc | undefined {
      return entries.get(prefix(feed) + id)?.doc;
    },

    /** The user holding a private id, whatever their feed. */
    ownerOf(collection: CollectionName, id: string): string | undefined {
      return owners.get(`${collection}/${id}`);
    },

    /** Stores a batch as the gateway does: one sequence number per document, then one change event per follower of the feed. */
    write(feed: Feed, docs: Doc[]): void {
      if (docs.length === 0) return;
      for (const doc of docs) {
        seq += 1;
        const id = idOf(feed.collection, doc);
        entries.set(prefix(feed) + id, { doc: structuredClone(doc), seq });
        if (isPrivate(feed.collection) && !owners.has(`${feed.collection}/${id}`)) owners.set(`${feed.collection}/${id}`, feed.user);
      }
      for (const follower of followers) {
        if (prefix(follower.feed) !== prefix(feed)) continue;
        const seen = docs.filter((doc) => inFeed(follower.feed, doc));
        if (seen.length > 0) follower.onChange(structuredClone(seen), { seq: String(seq) });
      }
    },

    /** Documents of the feed changed after `since`, oldest change first, and the checkpoint after them. */
    page(feed: Feed, since: number, limit: number): { documents: Doc[]; checkpoint: Checkpoint } {
      const rows = feedKeys(feed)
        .map(([, entry]) => entry)
        .filter((entry) => entry.seq > since)
        .sort((a, b) => a.seq - b.seq)
        .slice(0, limit);
      return { documents: rows.map((row) => structuredClone(row.doc)), checkpoint: { seq: String(rows.at(-1)?.seq ?? since) } };
    },

    /**
     * True when the gateway publishes the area: its area document is there
     * and not withdrawn, or a guide was published in it (an import places a
     * guide only in a known area, so seeding a guide publishes its area).
     */
    isPublished(area: string): boolean {
      const doc = entries.get(`areas//${area}`)?.doc;
      if (doc) return !doc._deleted;
      return feedKeys({ collection: 'guides', user: '', area }).length > 0;
    },

    /** Calls `onChange` with every later batch written to the feed, until the returned stop is called. */
    follow(feed: Feed, onChange: Follower['onChange']): () => void {
      const follower = { feed, onChange };
      followers.add(follower);
      return () => followers.delete(follower);
    },
  };
}
