import type { CollectionName, StreamEvent } from '../../sync-protocol/index.js';
import { toWireDocument } from '../domain/stored-document.js';
import type { ChangeFollower, DocumentStore } from '../store/store.js';
import { documentScope, hasServerStamp } from './collection-scope.js';

export interface FollowInput {
  collection: CollectionName;
  userId?: string;
  /** For collections partitioned by area: the area whose feed to follow. */
  area?: string;
  onChange(event: Extract<StreamEvent<Record<string, unknown>>, { type: 'change' }>): void;
  onError(error: unknown): void;
}

/** Follows a collection's changes as they happen; the caller stops the follower when its client leaves. */
export async function followDocuments(deps: { documents: DocumentStore }, input: FollowInput): Promise<ChangeFollower> {
  const includeServer = hasServerStamp(input.collection);
  return deps.documents.followChanges(documentScope(input.collection, input.userId, input.area), {
    onChange(page) {
      input.onChange({
        type: 'change',
        documents: page.documents.map((doc) => toWireDocument(doc, { includeServer })),
        checkpoint: { seq: page.seq },
      });
    },
    onError: input.onError,
  });
}
