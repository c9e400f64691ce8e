import type { Checkpoint, CollectionName, PullResponse } from '../../sync-protocol/index.js';
import { toWireDocument } from '../domain/stored-document.js';
import type { DocumentStore } from '../store/store.js';
import { documentScope, hasServerStamp } from './collection-scope.js';

export interface PullInput {
  collection: CollectionName;
  userId?: string;
  /** For collections partitioned by area: the area whose feed to read. */
  area?: string;
  checkpoint: Checkpoint;
  limit: number;
}

/** Documents changed after the checkpoint, oldest change first, and the checkpoint after them. */
export async function pullDocuments(deps: { documents: DocumentStore }, input: PullInput): Promise<PullResponse<Record<string, unknown>>> {
  const page = await deps.documents.pullChanges(documentScope(input.collection, input.userId, input.area), input.checkpoint.seq, input.limit);
  const includeServer = hasServerStamp(input.collection);
  return {
    documents: page.documents.map((doc) => toWireDocument(doc, { includeServer })),
    checkpoint: { seq: page.seq },
  };
}
