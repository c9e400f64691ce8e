import { BehaviorSubject, combineLatest, merge, of, switchMap, type Observable, type Subscription } from 'rxjs';
import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { COLLECTIONS, type Checkpoint, type CollectionName, type PushDocumentError, type Role } from '../../../sync-protocol/index.js';
import type { DeviceDatabase, UserDatabase } from '../db/create-database.js';
import { removeGuidesOutside } from '../db/guide-areas.js';
import { recordSyncIssues } from '../db/sync-issues.js';
import type { BackoffOptions } from '../../../device-core/retry/retry.js';
import type { GatewayClient } from '../../../device-core/client/gateway-client.js';
import { GatewayError } from '../../../device-core/client/gateway-error.js';
import { ChangesCheck } from './changes-check.js';
import { replicateCollection } from './replicate-collection.js';
import { effectOfFailure, feedKey, planAreaChange } from './replication-decisions.js';
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
  user?: { id: string; db: UserDatabase; role?: Role } | null;
  /** Signals to update; pass the app's own so the UI survives a restart. */
  status?: ReplicationStatus;
  /** Default true; false runs until in sync once (tests). */
  live?: boolean;
  retryTime?: number;
  /** Default true: with several tabs open only the leader replicates. */
  waitForLeadership?: boolean;
  backoff?: BackoffOptions;
  /**
   * How long the first feed's "anything new?" waits for the other feeds
   * (CHANGES_WINDOW_MS by default). The question leaves as soon as every
   * running feed asked, so tests set it high to count requests without
   * depending on how fast the machine is.
   */
  changesWindowMs?: number;
  /** Browser `online` events, to reconnect the live streams at once. */
  wakeUp$?: Observable<unknown>;
  /**
   * Area feeds of the collections partitioned by area (guides): the union of
   * `areaChain` of the areas the person chose. Guides of other areas are
   * removed from the device. Default none.
   */
  areas?: readonly string[];
}

export interface ReplicationHandle {
  readonly status: ReplicationStatus;
  /** Resolves when every replication finished its first pull and push. */
  awaitInitialReplication(): Promise<void>;
  /** Resolves when every running replication has pulled and pushed everything. */
  awaitInSync(): Promise<void>;
  /**
   * Resolves when one collection's replication has pushed and pulled
   * everything: material transfer waits for the applications first. Never
   * resolves in a tab that is not the leader (only the leader replicates).
   */
  awaitCollectionInSync(collection: CollectionName): Promise<void>;
  /** Emits each document of the collection the gateway accepted from this device. */
  sent$(collection: CollectionName): Observable<unknown>;
  /** Pulls again now (the network came back, the page became visible, the half-hourly pull). */
  reSync(): void;
  /**
   * Follows another set of area feeds: starts one replication per new area,
   * and for every area dropped removes its replication (checkpoint included,
   * so adding it back downloads it again) and its guides on the device.
   */
  setAreas(areas: readonly string[]): Promise<void>;
  /** Cancels every replication; local data stays. */
  stop(): Promise<void>;
}

type Feed = { name: CollectionName; area?: string; state: RxReplicationState<unknown, Checkpoint> };

/**
 * Starts replicating every collection the session may see: the private ones
 * with their live stream, the public ones (areas, and guides one feed per
 * area) pulled at start and on `reSync()`. A 426 stops all of them (needs
 * update: nothing must be written by a stale app); a 401 stops the private
 * ones (needs sign-in); everything else is retried.
 */
export function startReplication(options: StartReplicationOptions): ReplicationHandle {
  const status = options.status ?? createReplicationStatus();
  status.needsSignIn.value = false;
  const feeds = new Map<string, Feed>();
  const feeds$ = new BehaviorSubject<Feed[]>([]);
  // Agents-only collections replicate for agents whose database holds them (households: the agent screens of issue 13 add it).
  const names = (Object.keys(COLLECTIONS) as CollectionName[]).filter(
    (n) => COLLECTIONS[n].public || (options.user && (!COLLECTIONS[n].agentsOnly || (options.user.role === 'agent' && n in options.user.db.collections))),
  );
  let stopped = false;

  const cancel = (which: (feed: Feed) => boolean) => {
    // Never awaited from inside a handler: RxDB waits for running handlers on cancel.
    for (const feed of feeds.values()) if (which(feed)) void feed.state.cancel();
  };
  const hooks = {
    onSuccess() {
      status.online.value = true;
      status.lastError.value = null;
    },
    onError(error: unknown) {
      if (!(error instanceof GatewayError)) return; // aborted streams and the like
      status.lastError.value = error.problem.message;
      const effect = effectOfFailure(error.kind);
      if (effect.markOffline) status.online.value = false;
      if (effect.needsUpdate) status.needsUpdate.value = true;
      if (effect.needsSignIn) status.needsSignIn.value = true;
      if (effect.stop === 'all') cancel(() => true);
      if (effect.stop === 'private') cancel((feed) => !COLLECTIONS[feed.name].public);
    },
    onPushErrors: (collection: CollectionName, errors: PushDocumentError[]) => recordSyncIssues(options.user!.db, collection, errors),
  };

  // One "anything new?" request for all feeds; with the token only when a private feed asks.
  const changes = new ChangesCheck(
    (asked) => (asked.some((feed) => !COLLECTIONS[feed.collection].public) ? options.client : options.client.anonymous()),
    () => [...feeds.values()].filter((feed) => !feed.state.isStopped()).length,
    options.changesWindowMs,
  );

  const startFeed = (name: CollectionName, area?: string) => {
    if (status.needsUpdate.value || stopped) return;
    const isPublic = COLLECTIONS[name].public;
    const state = replicateCollection({
      local: localCollection(name, options),
      collection: name,
      client: isPublic ? options.client.anonymous() : options.client,
      scope: isPublic ? 'public' : `user-${options.user!.id}`,
      area,
      stream: !isPublic,
      hooks,
      live: options.live ?? true,
      retryTime: options.retryTime ?? DEFAULT_RETRY_TIME_MS,
      waitForLeadership: options.waitForLeadership ?? true,
      backoff: options.backoff,
      wakeUp$: options.wakeUp$,
      changes,
    });
    feeds.set(feedKey(name, area), { name, area, state });
  };
  const publish = () => feeds$.next([...feeds.values()]);

  const partitioned = names.filter((n) => COLLECTIONS[n].partitionedByArea);
  for (const name of names) if (!COLLECTIONS[name].partitionedByArea) startFeed(name);
  let areas = [...new Set(options.areas ?? [])];
  for (const name of partitioned) for (const area of areas) startFeed(name, area);
  publish();
  // Guides of areas no longer chosen (or from before guides had areas) leave the device.
  let areaChange: Promise<void> = removeGuidesOutside(options.device, areas).then(() => undefined, logCleanupFailure);

  const activity: Subscription = feeds$.pipe(switchMap((list) => (list.length ? combineLatest(list.map((f) => f.state.active$)) : of([false])))).subscribe((active) => {
    status.syncing.value = active.some(Boolean);
  });

  const applyAreas = async (next: readonly string[]) => {
    const { wanted, dropped, added } = planAreaChange(areas, next);
    areas = wanted;
    for (const name of partitioned) {
      for (const area of dropped) {
        const feed = feeds.get(feedKey(name, area));
        feeds.delete(feedKey(name, area));
        // remove(): cancels and forgets the checkpoint, so adding the area back pulls it all again.
        await feed?.state.remove().catch(logCleanupFailure);
      }
    }
    await removeGuidesOutside(options.device, wanted).then(() => undefined, logCleanupFailure);
    for (const name of partitioned) for (const area of added) startFeed(name, area);
    publish();
  };

  return {
    status,
    async awaitInitialReplication() {
      await Promise.all([...feeds.values()].map((f) => f.state.awaitInitialReplication()));
    },
    async awaitInSync() {
      await areaChange;
      await Promise.all([...feeds.values()].map((f) => f.state.awaitInSync()));
    },
    async awaitCollectionInSync(collection) {
      await Promise.all([...feeds.values()].filter((f) => f.name === collection).map((f) => f.state.awaitInSync()));
    },
    sent$(collection) {
      return feeds$.pipe(switchMap((list) => merge(...list.filter((f) => f.name === collection).map((f) => f.state.sent$))));
    },
    reSync() {
      for (const f of feeds.values()) f.state.reSync();
    },
    setAreas(next) {
      areaChange = areaChange.then(() => applyAreas(next));
      return areaChange;
    },
    async stop() {
      stopped = true;
      activity.unsubscribe();
      status.syncing.value = false;
      await areaChange;
      await Promise.all([...feeds.values()].map((f) => f.state.cancel()));
    },
  };
}

function logCleanupFailure(error: unknown): void {
  console.error('removing guides of dropped areas failed', error);
}

/** Where a collection lives on the device: public ones in the shared database, the rest in the user's own. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the collection is chosen by name at run time; replicateCollection takes any of them. */
function localCollection(name: CollectionName, options: StartReplicationOptions): RxCollection<any> {
  const collections = (COLLECTIONS[name].public ? options.device.collections : options.user!.db.collections) as unknown as Record<string, RxCollection<any>>;
  const local = collections[name];
  if (!local) throw new Error(`no local collection ${name}`);
  return local;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
