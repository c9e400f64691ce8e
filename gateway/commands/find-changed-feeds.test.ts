import { describe, expect, it } from 'vitest';
import { isProblem, Problem } from '../problem.js';
import type { DocumentStore } from '../store/store.js';
import { findChangedFeeds } from './find-changed-feeds.js';

/** A store whose `_changes` has one document after seq '1', and refuses a seq it never gave as CouchDB does. */
const store = {
  async pullChanges(_scope, since) {
    if (since === 'not-a-seq') throw new Problem('INVALID_REQUEST', { field: 'since', detail: 'unknown checkpoint' });
    return { documents: since === '1' ? [{ _id: 'a' }] : [], seq: '2' } as never;
  },
} as Pick<DocumentStore, 'pullChanges'> as DocumentStore;

describe('findChangedFeeds', () => {
  it('should answer the indexes of the feeds with changes', async () => {
    const feeds = [
      { collection: 'applications' as const, since: '2' },
      { collection: 'statuses' as const, since: '1' },
    ];
    expect(await findChangedFeeds({ documents: store }, { feeds, userId: 'u1' })).toEqual([1]);
  });

  it('should name the feed whose checkpoint the store refused', async () => {
    const feeds = [
      { collection: 'applications' as const, since: '2' },
      { collection: 'statuses' as const, since: 'not-a-seq' },
    ];
    const refusal = await findChangedFeeds({ documents: store }, { feeds, userId: 'u1' }).catch((error: unknown) => error);
    expect(isProblem(refusal) && { code: refusal.code, field: refusal.field }).toEqual({ code: 'INVALID_REQUEST', field: 'feeds.1.since' });
  });
});
