import type { FeedCheckpoint } from '../../sync-protocol/index.js';
import type { DocumentStore } from '../store/store.js';
import { documentScope } from './collection-scope.js';

/**
 * Indexes of the feeds that have a change after their checkpoint: one
 * `_changes?since=…&limit=1` per feed, seqs kept opaque (never compared, as a
 * CouchDB cluster requires). Private feeds are read in `userId`'s own
 * databases only: the caller cannot name anyone else's.
 */
export async function findChangedFeeds(deps: { documents: DocumentStore }, input: { feeds: FeedCheckpoint[]; userId?: string }): Promise<number[]> {
  const answers = await Promise.all(
    input.feeds.map(async (feed) => {
      const page = await deps.documents.pullChanges(documentScope(feed.collection, input.userId, feed.area), feed.since, 1);
      return page.documents.length > 0;
    }),
  );
  return answers.flatMap((changed, index) => (changed ? [index] : []));
}
