import type { ChangesResponse, Checkpoint, CollectionName, FeedCheckpoint, ProblemBody, PullResponse, PushResponse, PushRow, StreamEvent } from '../../sync-protocol/index.js';
import type { WireDoc } from '../support/sample-documents.js';

/** A refusal from the implementation under test, whatever the transport: the catalogue body. */
export class ProtocolProblem extends Error {
  constructor(readonly problem: ProblemBody) {
    super(`${problem.code}: ${problem.message}`);
  }
}

/** A live stream as the suite reads it. */
export interface ContractStream {
  /** First event (from the start, in order) matching `predicate`; rejects after a deadline. */
  waitFor(predicate: (event: StreamEvent<WireDoc>) => boolean): Promise<StreamEvent<WireDoc>>;
  readonly events: readonly StreamEvent<WireDoc>[];
  close(): void;
}

/**
 * One signed-in user of the implementation. Methods resolve with the
 * protocol's answers and reject with {@link ProtocolProblem} when refused.
 */
export interface SyncSession {
  readonly userId: string;
  pull(collection: CollectionName, checkpoint?: Checkpoint, limit?: number): Promise<PullResponse<WireDoc>>;
  push(collection: CollectionName, rows: PushRow<WireDoc>[]): Promise<PushResponse<WireDoc>>;
  stream?(collection: CollectionName): Promise<ContractStream>;
  /** "Anything new?" for several feeds at once (`POST /v1/sync/changes`). */
  changes(feeds: FeedCheckpoint[]): Promise<ChangesResponse>;
  /** The same user, speaking another protocol version. */
  withProtocolVersion(version: string): SyncSession;
}

/** An implementation of the sync protocol, reached over any transport. */
export interface SyncProtocolTarget {
  /** A new user (applicant) with a session. */
  newUserSession(): Promise<SyncSession>;
  close(): Promise<void>;
}
