/// <reference lib="webworker" />
import { createIdbUrlStorage } from '../device-core/transfer/idb-url-storage.js';
import { readMirroredSessions } from '../device-core/transfer/session-mirror.js';
import { openTransferStore } from '../device-core/transfer/transfer-store.js';
import { createTransferScheduler, type TransferTimer } from '../device-core/transfer/transfer-scheduler.js';
import { createTusMaterialGateway } from '../device-core/transfer/tus-material-gateway.js';
import { BACKGROUND_UPLOAD_TAG, UPLOAD_LOCK } from '../device-core/transfer/upload-coordination.js';
import { createOutgoingMaterialSource, readOutgoingApplications } from '../device-core/outgoing/outgoing.js';
import { pushUnsentApplications } from './background-push.js';

/** Background Sync's event (not in TypeScript's webworker lib yet). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

/** What a background round did; anything but `sent` or `nothing` rejects, so the browser tries again later. */
export type BackgroundOutcome = 'sent' | 'nothing' | 'page-sending' | 'retry';

/** The worker retries through the browser (a rejected sync), never with its own timers: it may be stopped any time. */
const NO_TIMER: TransferTimer = { set: () => null, clear: () => {}, now: () => Date.now() };

/**
 * Finishes sending what a closed page left: on the `tongban-upload`
 * Background Sync event, for the person whose session the page mirrored,
 * documents first — applications filed offline that the gateway never
 * acknowledged, pushed with the page's client — then their photos, with the
 * same scheduler and tus code as the page. Both come from the outgoing stores
 * the page keeps in the transfer database (device-core/outgoing): the worker
 * never reads RxDB's own storage. The gateway marks an application
 * complete once both arrived and forwards it to the province, so a village
 * agent's applications go on their way with the browser closed. Changes to
 * applications the gateway already holds (supplements, ratings) wait for the
 * page's replication.
 */
export function listenForBackgroundUpload(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener('sync', (event) => {
    const sync = event as SyncEvent;
    if (sync.tag !== BACKGROUND_UPLOAD_TAG) return;
    sync.waitUntil(
      uploadInBackground(sw).then((outcome) => {
        console.info(`background upload: ${outcome}`);
        // Rejecting asks the browser to fire the event again later (Chromium: up to three times, with backoff).
        if (outcome === 'retry' || outcome === 'page-sending') throw new Error(`background upload: ${outcome}`);
      }),
    );
  });
}

/** One background round over every mirrored session (at most one person is signed in). */
export async function uploadInBackground(sw: ServiceWorkerGlobalScope): Promise<BackgroundOutcome> {
  // An open page sends itself (documents first); this worker only steps in once every page is closed.
  if ((await sw.clients.matchAll({ type: 'window' })).length > 0) return 'page-sending';
  const store = await openTransferStore(sw.indexedDB);
  try {
    let outcome: BackgroundOutcome = 'nothing';
    for (const session of await readMirroredSessions(store)) {
      const pushed = await pushUnsentApplications({ documents: await readOutgoingApplications(store, session.userId), token: session.token });
      // Documents first: photos of an application the gateway has not got wait for the next round.
      if (pushed === 'retry') {
        outcome = 'retry';
        continue;
      }
      if (pushed === 'stopped') continue;
      if (pushed === 'sent') outcome = 'sent';
      const scheduler = createTransferScheduler({
        source: createOutgoingMaterialSource(store, session.userId),
        gateway: createTusMaterialGateway({ baseUrl: '', userId: session.userId, getToken: () => session.token, urlStorage: createIdbUrlStorage(store) }),
        documentsSent: async () => {},
        timer: NO_TIMER,
        exclusive: exclusiveOrDefer(sw.navigator.locks),
      });
      scheduler.kick();
      await scheduler.settled();
      const { status, items } = scheduler.snapshot();
      if (status === 'retrying') outcome = 'retry';
      else if (outcome === 'nothing' && Object.keys(items).length > 0) outcome = 'sent';
    }
    return outcome;
  } finally {
    store.close();
  }
}

/** Holds the upload lock for the round, or gives up at once when a page holds it (it is sending). */
function exclusiveOrDefer(locks: LockManager | undefined) {
  return <T>(work: () => Promise<T>): Promise<T> => {
    if (!locks) return work();
    return locks.request(UPLOAD_LOCK, { ifAvailable: true }, (lock) => {
      if (!lock) throw new Error('a page holds the upload lock');
      return work();
    }) as Promise<T>;
  };
}
