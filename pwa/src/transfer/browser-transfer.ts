import { effect } from '@preact/signals';
import { fromEvent } from 'rxjs';
import { createLockerMaterialSource, submitted$ } from '../db/locker-material-source.js';
import type { AppState } from '../state/app-state.js';
import type { ConnectSessionOptions } from '../state/session-controller.js';
import { createIdbUrlStorage } from './idb-url-storage.js';
import { mirrorSession } from './session-mirror.js';
import { BUSY_STATUSES, startTransfer } from './start-transfer.js';
import type { TransferStore } from './transfer-store.js';
import { createTusMaterialGateway } from './tus-material-gateway.js';
import { requestBackgroundUpload, withUploadLock } from './upload-coordination.js';

/**
 * Material transfer in the browser: mirrors the session for the service
 * worker, and returns the session controller's `startTransfer`, which sends
 * a person's materials to the page's own gateway with the token of the
 * session it was started for.
 */
export function setUpBrowserTransfer(state: AppState, store: TransferStore): NonNullable<ConnectSessionOptions['startTransfer']> {
  effect(() => {
    const session = state.session.value;
    void mirrorSession(store, session ? { userId: session.user.id, token: session.token } : null).catch((error: unknown) =>
      console.error('mirroring the session for the service worker failed', error),
    );
  });

  // Registering while the page is visible and online only wakes the worker to defer to this page;
  // it matters when the network is gone (the sync then waits for it) or the page is going away.
  const worthRegistering = () => !navigator.onLine || document.visibilityState === 'hidden';
  const register = () => void requestBackgroundUpload(navigator.serviceWorker);
  const busy = () => BUSY_STATUSES.has(state.transfer.peek().status);
  window.addEventListener('offline', () => busy() && register());
  document.addEventListener('visibilitychange', () => busy() && worthRegistering() && register());
  window.addEventListener('pagehide', () => busy() && register());

  return (user, replication) =>
    startTransfer({
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
      requestBackgroundUpload: () => worthRegistering() && register(),
      exclusive: withUploadLock(navigator.locks),
    });
}
