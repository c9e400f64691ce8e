import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { merge, tap, type Observable } from 'rxjs';
import {
  COLLECTIONS,
  INITIAL_CHECKPOINT,
  LIMITS,
  type Checkpoint,
  type CollectionName,
  type PushDocumentError,
  type PushRow,
  type PushResponse,
} from '../../../sync-protocol/index.js';
import type { ChangesCheck } from './changes-check.js';
import type { GatewayClient } from '../../../device-core/client/gateway-client.js';
import { GatewayError } from '../../../device-core/client/gateway-error.js';
import { keepKnownFields } from './known-fields.js';
import { keepNewerGuide } from './newer-guide.js';
import { createLiveStream$ } from './live-stream.js';
import { splitPushRows } from '../../../device-core/client/push-batches.js';
import { withRetryAfter, type BackoffOptions } from '../../../device-core/retry/retry.js';
import { StampRepull } from './stamp-repull.js';

/**
 * Rows RxDB hands to one push: the protocol's most (100). Bodies are gzipped,
 * so 100 applications are a few tens of KB on the wire (seconds on 2G), and
 * 500 applications go in 5 requests; rows too big together are split by
 * {@link splitPushRows} to stay under the body limit.
 */
export const PUSH_BATCH_SIZE = LIMITS.maxPushRows;

/** What one collection's replication reports to the coordinator. */
export interface ReplicationHooks {
  onSuccess(): void;
  onError(error: unknown): void;
  onPushErrors(collection: CollectionName, errors: PushDocumentError[]): Promise<void>;
}

export interface ReplicateCollectionOptions {
  /** The local collection: in the device database for guides, in the user's own database otherwise. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one replication for every collection; each one's documents are checked by its schema.
  local: RxCollection<any>;
  collection: CollectionName;
  client: GatewayClient;
  /** Part of the identifier: checkpoints are per gateway and per user. */
  scope: string;
  /** The area feed of a collection partitioned by area; part of the identifier, so each area keeps its own checkpoint. */
  area?: string;
  /**
   * Follow the live stream (private collections). Without it a live
   * replication pulls at start and on every `reSync()`: public data changes
   * seldom, and Chrome allows only 6 connections per origin.
   */
  stream: boolean;
  hooks: ReplicationHooks;
  live: boolean;
  retryTime: number;
  waitForLeadership: boolean;
  backoff?: BackoffOptions;
  wakeUp$?: Observable<unknown>;
  /** Asks "anything new?" for all feeds at once before a feed pulls; without it every sync pulls. */
  changes?: ChangesCheck;
}

/** Replicates one collection with the gateway through RxDB's replication protocol. */
export function replicateCollection(options: ReplicateCollectionOptions): RxReplicationState<unknown, Checkpoint> {
  const { collection, client, hooks } = options;
  const schema = COLLECTIONS[collection].schema as never;
  const track = async <R>(work: () => Promise<R>): Promise<R> => {
    try {
      const result = await work();
      hooks.onSuccess();
      return result;
    } catch (error) {
      hooks.onError(error);
      throw error;
    }
  };

  const pushable = COLLECTIONS[collection].pushable;
  // A feed that got a full page has more to pull: no need to ask before the next page.
  let caughtUp = true;
  const stamps = new StampRepull<unknown>({
    client,
    collection,
    batchSize: LIMITS.defaultPullBatch,
    onError: hooks.onError,
    backoff: options.backoff,
    // Called only after a push, so after `state` below was assigned.
    pushRecorded: (): Promise<unknown> => state.internalReplicationState?.streamQueue.up ?? Promise.resolve(),
  });
  const live$ =
    options.live && options.stream
      ? createLiveStream$<unknown>({
          client,
          collection,
          backoff: options.backoff,
          wakeUp$: options.wakeUp$,
          onConnected: hooks.onSuccess,
          onError: hooks.onError,
        }).pipe(tap((item) => item !== 'RESYNC' && stamps.noteCheckpoint(item.checkpoint)))
      : undefined;

  const state: RxReplicationState<unknown, Checkpoint> = replicateRxCollection<unknown, Checkpoint>({
    collection: options.local,
    replicationIdentifier: `tongban-${collection}-${client.baseUrl || 'same-origin'}-${options.scope}${options.area ? `-area-${options.area}` : ''}`,
    live: options.live,
    retryTime: options.retryTime,
    waitForLeadership: options.waitForLeadership,
    // Replication keeps running while the page is hidden: an agent switches
    // to WeChat while a batch of applications goes out.
    toggleOnDocumentVisible: false,
    pull: {
      batchSize: LIMITS.defaultPullBatch,
      handler: (checkpoint, batchSize) =>
        track(async () => {
          // A feed that never had a document keeps no checkpoint: ask from the beginning.
          const since = checkpoint ?? INITIAL_CHECKPOINT;
          if (caughtUp && options.changes && !(await options.changes.hasChanges({ collection, area: options.area }, since))) {
            return { documents: [], checkpoint: since };
          }
          const page = await withRetryAfter(() => client.pull(collection, checkpoint, batchSize, options.area));
          caughtUp = page.documents.length < batchSize;
          stamps.noteCheckpoint(page.checkpoint);
          return page;
        }),
      modifier: options.area ? (doc) => keepNewerLocalCopy(options.local, keepKnownFields(schema, doc)) : (doc) => keepKnownFields(schema, doc),
      stream$: live$ && pushable ? merge(live$, stamps.batches$) : live$,
    },
    push: pushable
      ? {
          batchSize: PUSH_BATCH_SIZE,
          handler: (rows) =>
            track(async () => {
              const from = stamps.mark();
              const conflicts = await pushRows(collection, client, rows as PushRow<unknown>[], hooks);
              // After the handler returned: awaiting RxDB's upstream queue inside it would wait for itself.
              if (options.live) setTimeout(() => void stamps.repull(from), 0);
              return conflicts;
            }),
        }
      : undefined,
  });
  state.onCancel.push(() => stamps.stop());
  return state;
}

/**
 * Pushes rows and returns the conflicts for RxDB to resolve. Refused documents
 * are recorded for the UI and NOT returned: RxDB then counts them as sent, so
 * they are not retried forever; editing the document sends it again.
 */
async function pushRows(collection: CollectionName, client: GatewayClient, rows: PushRow<unknown>[], hooks: ReplicationHooks) {
  const conflicts: PushResponse<unknown>['conflicts'] = [];
  for (const batch of splitPushRows(rows)) conflicts.push(...(await pushBatch(collection, client, batch, hooks)));
  return conflicts;
}

async function pushBatch(collection: CollectionName, client: GatewayClient, rows: PushRow<unknown>[], hooks: ReplicationHooks) {
  try {
    // A busy gateway (503/429 with Retry-After) wrote nothing: the same rows go again after its wait.
    const response = await withRetryAfter(() => client.push(collection, rows));
    if (response.errors.length > 0) await hooks.onPushErrors(collection, response.errors);
    return response.conflicts;
  } catch (error) {
    // The whole batch was refused for a reason retrying cannot fix (403, 413, 422):
    // record it on every document instead of looping.
    if (error instanceof GatewayError && error.kind === 'refused') {
      await hooks.onPushErrors(
        collection,
        rows.map((row) => ({ ...error.problem, id: idOf(row) })),
      );
      return [];
    }
    throw error;
  }
}

function idOf(row: PushRow<unknown>): string {
  return String((row.newDocumentState as { id?: unknown }).id);
}

/** For area feeds: a guide the device already holds in a newer version (it moved area) stays. */
async function keepNewerLocalCopy(local: RxCollection, incoming: Record<string, unknown>): Promise<Record<string, unknown>> {
  const held = await local.findOne(String(incoming.id)).exec();
  const current = held ? { ...(held.toJSON() as Record<string, unknown> & { version: number }), _deleted: false } : null;
  return keepNewerGuide(incoming as Record<string, unknown> & { version: number }, current);
}
