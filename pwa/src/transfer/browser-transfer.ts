import { effect } from '@preact/signals';
import { fromEvent } from 'rxjs';
import { createLockerMaterialSource, submitted$ } from '../db/locker-material-source.js';
import { startOutgoingMirror } from '../db/outgoing-mirror.js';
import { hasUnacknowledgedApplications$ } from '../db/unacknowledged-applications.js';
import type { AppState } from '../state/app-state.js';
import type { ConnectSessionOptions } from '../state/session-controller.js';
import { shouldRegisterBackgroundUpload, type RegistrationMoment } from './background-registration.js';
import { createIdbUrlStorage } from '../../../device-core/transfer/idb-url-storage.js';
import { mirrorSession } from '../../../device-core/transfer/session-mirror.js';
import { BUSY_STATUSES, startTransfer } from './start-transfer.js';
import type { TransferStore } from '../../../device-core/transfer/transfer-store.js';
import { createTusMaterialGateway } from '../../../device-core/transfer/tus-material-gateway.js';
import { requestBackgroundUpload, withUploadLock } from '../../../device-core/transfer/upload-coordination.js';

/**
 * Material transfer in the browser: mirrors the session and the outgoing
 * work (applications and photos still to send) for the service worker, and returns the session controller's `startTransfer`, which sends
 * a person's materials to the page's own gateway with the token of the
 * session it was started for. Background Sync is registered while photos
 * are being sent or a submitted application waits for the gateway
 * ({@link shouldRegisterBackgroundUpload}).
 */
export function setUpBrowserTransfer(state: AppState, store: TransferStore): NonNullable<ConnectSessionOptions['startTransfer']> {
  effect(() => {
    const session = state.session.value;
    void mirrorSession(store, session ? { userId: session.user.id, token: session.token } : null).catch((error: unknown) =>
      console.error('mirroring the session for the service worker failed', error),
    );
  });

  /** The signed-in person's applications: does one still wait for the gateway's acknowledgement? */
  let unacknowledged = false;
  const registerIfWorth = (moment: RegistrationMoment) => {
    const work = {
      transferBusy: BUSY_STATUSES.has(state.transfer.peek().status),
      unacknowledgedApplications: unacknowledged,
      online: navigator.onLine,
      hidden: document.visibilityState === 'hidden',
    };
    if (shouldRegisterBackgroundUpload(moment, work)) void requestBackgroundUpload(navigator.serviceWorker);
  };
  window.addEventListener('offline', () => registerIfWorth('offline'));
  document.addEventListener('visibilitychange', () => registerIfWorth('visibility'));
  window.addEventListener('pagehide', () => registerIfWorth('pagehide'));

  return (user, replication) => {
    const outgoing = startOutgoingMirror(user.db, user.id, store);
    const watching = hasUnacknowledgedApplications$(user.db).subscribe((pending) => {
      unacknowledged = pending;
      if (pending) registerIfWorth('work');
    });
    const transfer = startTransfer({
      source: createLockerMaterialSource(user.db),
      gateway: createTusMaterialGateway({
        baseUrl: '',
        userId: user.id,
        // Never another person's token: once the session changed, this transfer is being stopped.
        getToken: () => (state.session.peek()?.user.id === user.id ? user.token : null),
        urlStorage: createIdbUrlStorage(store),
      }),
      replication,
      online$: fromEvent(window, 'online'),
      submitted$: submitted$(user.db),
      onSnapshot: (snapshot) => (state.transfer.value = snapshot),
      onNeedsSignIn: () => (state.replication.needsSignIn.value = true),
      requestBackgroundUpload: () => registerIfWorth('work'),
      exclusive: withUploadLock(navigator.locks),
    });
    return {
      scheduler: transfer.scheduler,
      async stop() {
        watching.unsubscribe();
        unacknowledged = false;
        await outgoing.stop();
        await transfer.stop();
      },
    };
  };
}
