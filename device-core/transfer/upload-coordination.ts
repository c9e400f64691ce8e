/**
 * How the page and the service worker share the uploading: one Web Lock, so
 * only one of them sends at a time (the page while it is open, the service
 * worker once it is closed), and one Background Sync tag the page registers
 * whenever something is still to send.
 */

/** Web Lock held for a whole transfer round, by a page or the service worker. */
export const UPLOAD_LOCK = 'tongban-upload';
/** One-off Background Sync tag: the service worker sends what a closed page left. */
export const BACKGROUND_UPLOAD_TAG = 'tongban-upload';

type Locks = Pick<LockManager, 'request'>;

/** Runs `work` holding the upload lock; without Web Locks (old browsers) it just runs. */
export function withUploadLock(locks: Locks | undefined): <T>(work: () => Promise<T>) => Promise<T> {
  return (work) => (locks ? (locks.request(UPLOAD_LOCK, () => work()) as Promise<Awaited<ReturnType<typeof work>>>) : work());
}

/** The part of a service worker registration with Background Sync (Chromium only today). */
interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/**
 * Asks the browser to wake the service worker when the network is back,
 * even if every page is closed. Where Background Sync does not exist
 * (Firefox, Safari) nothing happens: the page sends while it is open.
 */
export async function requestBackgroundUpload(container: Pick<ServiceWorkerContainer, 'ready'> | undefined): Promise<boolean> {
  if (!container) return false;
  try {
    const registration: ServiceWorkerRegistration & SyncRegistration = await container.ready;
    if (!registration.sync) return false;
    await registration.sync.register(BACKGROUND_UPLOAD_TAG);
    return true;
  } catch (error) {
    // Permission denied or the worker is being replaced: the page still sends while open.
    console.warn('background sync registration failed', error);
    return false;
  }
}

/**
 * Whether this browser can send after the page closed: a service worker and
 * Background Sync (Chromium). Elsewhere the page sends only while it is
 * open, and 我的申请 says so.
 */
export function sendsInBackground(scope: { navigator?: object; ServiceWorkerRegistration?: { prototype: object } }): boolean {
  return Boolean(scope.navigator && 'serviceWorker' in scope.navigator && scope.ServiceWorkerRegistration && 'sync' in scope.ServiceWorkerRegistration.prototype);
}
