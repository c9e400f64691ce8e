import type { FeedCheckpoint } from '../../sync-protocol/index.js';
import { isProblem, Problem } from '../problem.js';
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
    input.feeds.map(async (feed, index) => {
      const page = await deps.documents.pullChanges(documentScope(feed.collection, input.userId, feed.area), feed.since, 1).catch((error: unknown) => {
        // The store refuses a checkpoint it never gave (CouchDB: a malformed seq): name the feed it came in.
        if (isProblem(error) && error.field === 'since') throw new Problem(error.code, { field: `feeds.${index}.since`, detail: error.detail, cause: error });
        throw error;
      });
      return page.documents.length > 0;
    }),
  );
  return answers.flatMap((changed, index) => (changed ? [index] : []));
}
