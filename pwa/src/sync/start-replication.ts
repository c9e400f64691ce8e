import { combineLatest, type Observable, type Subscription } from 'rxjs';
import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { COLLECTIONS, type Checkpoint, type CollectionName, type PushDocumentError } from '../../../sync-protocol/index.js';
import type { DeviceDatabase, UserDatabase } from '../db/create-database.js';
import { recordSyncIssues } from '../db/sync-issues.js';
import type { BackoffOptions } from './backoff.js';
import type { GatewayClient } from './gateway-client.js';
import { GatewayError } from './gateway-error.js';
import { replicateCollection } from './replicate-collection.js';
import { createReplicationStatus, type ReplicationStatus } from './replication-status.js';

/** Seconds between RxDB's retries of a failed pull or push, in ms. */
export const DEFAULT_RETRY_TIME_MS = 10_000;

export interface StartReplicationOptions {
  /** The shared device database: public collections (guides). */
  device: DeviceDatabase;
  /** Client carrying the session's token; public collections use its anonymous twin. */
  client: GatewayClient;
  /**
   * Signed-in user and their own database; without one only the public
   * collections replicate. Their checkpoints live in that database, so each
   * user resumes from their own.
   */
  user?: { id: string; db: UserDatabase } | null;
  /** Signals to update; pass the app's own so the UI survives a restart. */
  status?: ReplicationStatus;
  /** Default true; false runs until in sync once (tests). */
  live?: boolean;
  retryTime?: number;
  /** Default true: with several tabs open only the leader replicates. */
  waitForLeadership?: boolean;
  backoff?: BackoffOptions;
  /** Browser `online` events, to reconnect the live streams at once. */
  wakeUp$?: Observable<unknown>;
}

export interface ReplicationHandle {
  readonly status: ReplicationStatus;
  /** Resolves when every replication finished its first pull and push. */
  awaitInitialReplication(): Promise<void>;
  /** Resolves when every running replication has pulled and pushed everything. */
  awaitInSync(): Promise<void>;
  /** Pulls again now (e.g. after the network came back). */
  reSync(): void;
  /** Cancels every replication; local data stays. */
  stop(): Promise<void>;
}

/**
 * Starts replicating every collection the session may see. A 426 stops all
 * of them (needs update: nothing must be written by a stale app); a 401
 * stops the private ones (needs sign-in); everything else is retried.
 */
export function startReplication(options: StartReplicationOptions): ReplicationHandle {
  const status = options.status ?? createReplicationStatus();
  status.needsSignIn.value = false;
  const states = new Map<CollectionName, RxReplicationState<unknown, Checkpoint>>();
  const names = (Object.keys(COLLECTIONS) as CollectionName[]).filter((n) => COLLECTIONS[n].public || options.user);

  const cancel = (which: CollectionName[]) => {
    // Never awaited from inside a handler: RxDB waits for running handlers on cancel.
    for (const name of which) void states.get(name)?.cancel();
  };
  const hooks = {
    onSuccess() {
      status.online.value = true;
      status.lastError.value = null;
    },
    onError(error: unknown) {
      if (!(error instanceof GatewayError)) return; // aborted streams and the like
      status.lastError.value = error.problem.message;
      // Unreachable, failing or answering nonsense (a 404 from a proxy): nothing gets through now.
      if (!error.isFatal) status.online.value = false;
      if (error.kind === 'needs-update') {
        status.needsUpdate.value = true;
        cancel(names);
      } else if (error.kind === 'needs-sign-in') {
        status.needsSignIn.value = true;
        cancel(names.filter((n) => !COLLECTIONS[n].public));
      }
    },
    onPushErrors: (collection: CollectionName, errors: PushDocumentError[]) => recordSyncIssues(options.user!.db, collection, errors),
  };

  if (!status.needsUpdate.value) {
    for (const name of names) {
      const isPublic = COLLECTIONS[name].public;
      states.set(
        name,
        replicateCollection({
          local: localCollection(name, options),
          collection: name,
          client: isPublic ? options.client.anonymous() : options.client,
          scope: isPublic ? 'public' : `user-${options.user!.id}`,
          hooks,
          live: options.live ?? true,
          retryTime: options.retryTime ?? DEFAULT_RETRY_TIME_MS,
          waitForLeadership: options.waitForLeadership ?? true,
          backoff: options.backoff,
          wakeUp$: options.wakeUp$,
        }),
      );
    }
  }

  const activity: Subscription | null = states.size
    ? combineLatest([...states.values()].map((s) => s.active$)).subscribe((active) => {
        status.syncing.value = active.some(Boolean);
      })
    : null;

  return {
    status,
    async awaitInitialReplication() {
      await Promise.all([...states.values()].map((s) => s.awaitInitialReplication()));
    },
    async awaitInSync() {
      await Promise.all([...states.values()].map((s) => s.awaitInSync()));
    },
    reSync() {
      for (const s of states.values()) s.reSync();
    },
    async stop() {
      activity?.unsubscribe();
      status.syncing.value = false;
      await Promise.all([...states.values()].map((s) => s.cancel()));
    },
  };
}

/** Where a collection lives on the device: public ones in the shared database, the rest in the user's own. */
function localCollection(name: CollectionName, options: StartReplicationOptions): RxCollection<any> {
  const collections = (COLLECTIONS[name].public ? options.device.collections : options.user!.db.collections) as unknown as Record<string, RxCollection<any>>;
  const local = collections[name];
  if (!local) throw new Error(`no local collection ${name}`);
  return local;
}
